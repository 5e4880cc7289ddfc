import type { INodeProperties, INodePropertyOptions, PreSendAction } from 'n8n-workflow';

import { lookUpProperty } from './directory';
import { upsertHooks, type UpsertSteps } from './upsert';

/** What the Create or Update operation of a node is made of. */
export interface UpsertOperation {
	/** The create request (method and URL) that preSend fills in. */
	request: { method: 'POST'; url: string; headers?: Record<string, string> };
	/** preSend that builds and checks the create body, before any request. */
	preSend?: PreSendAction[];
	/** How the vendor finds, creates and updates a user. */
	steps: UpsertSteps;
	/** Shown under the operation: how the user is matched, what is written, what the lookups cost. */
	notice: string;
	/**
	 * Overrides n8n's standard upsert description where the API cannot update. The name and
	 * action stay "Create or Update" (n8n's lint requires that name for the value `upsert`):
	 * the description and the notice say what the operation does instead.
	 */
	description?: string;
}

const UPSERT_DESCRIPTION = 'Create a new user, or update the current one if it already exists (upsert)';

/**
 * The "Create or Update" operation option (value `upsert`), its notice, and "Look Up Users"
 * where the API can list every user; the node shows its Create fields for both operations.
 */
export function upsertOperation(op: UpsertOperation): { option: INodePropertyOptions; properties: INodeProperties[] } {
	const hooks = upsertHooks(op.steps, op.preSend);
	return {
		option: {
			name: 'Create or Update',
			value: 'upsert',
			// the same name in the actions panel (`action`) as in the Operation list (`name`)
			action: 'Create or update a user',
			description: op.description ?? UPSERT_DESCRIPTION,
			routing: {
				request: op.request,
				send: { paginate: true, preSend: [hooks.preSend] },
				operations: { pagination: hooks.pagination },
			},
		},
		properties: [
			{
				displayName: op.notice,
				name: 'upsertNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { resource: ['user'], operation: ['upsert'] } },
			},
			...(op.steps.directory ? [lookUpProperty] : []),
		],
	};
}
