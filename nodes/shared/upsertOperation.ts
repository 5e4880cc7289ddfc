import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { lookUpProperty } from './directory';
import type { UpsertSteps } from './upsert';
import { upsertRun } from './upsertRun';
import type { RequestPlan } from './wholeInput';

/** What the Create or Update operation of a node is made of. */
export interface UpsertOperation extends RequestPlan {
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

/** A whole-input operation as the node's `customOperations` take it. */
export type CustomOperation = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

/**
 * The "Create or Update" operation option (value `upsert`), its notice, "Look Up Users" where
 * the API can list every user, and `run`: the whole-input function the node lists under
 * `customOperations.user.upsert` (./upsertRun.ts). The node shows its Create fields for both
 * operations.
 */
export function upsertOperation(op: UpsertOperation): {
	option: INodePropertyOptions;
	properties: INodeProperties[];
	run(description: () => INodeTypeDescription): CustomOperation;
} {
	return {
		option: {
			name: 'Create or Update',
			value: 'upsert',
			// the same name in the actions panel (`action`) as in the Operation list (`name`)
			action: 'Create or update a user',
			description: op.description ?? UPSERT_DESCRIPTION,
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
		run: (description) => upsertRun(description, op, op.steps),
	};
}
