import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import type { CustomOperation } from './upsertOperation';
import { syncRun, type SyncVendor } from './syncRun';
import type { RequestPlan } from './wholeInput';

/** What the Sync Users operation of a node is made of. */
export interface SyncOperation extends RequestPlan {
	vendor: SyncVendor;
	/** The Remove As choices (values as in `vendor.removeChoices`, gentlest first). */
	removeOptions: INodePropertyOptions[];
	/** Shown under the operation: how people are matched and what a removal does at this vendor. */
	notice: string;
}

const show = (extra: Record<string, boolean[]> = {}) => ({ show: { resource: ['user'], operation: ['sync'], ...extra } });

/**
 * The "Sync Users" operation option (value `sync`), its parameters, and `run`: the
 * whole-input function the node lists under `customOperations.user.sync` (./syncRun.ts).
 * The node shows its Create fields for it too: each input item is one person.
 */
export function syncOperation(op: SyncOperation): { option: INodePropertyOptions; properties: INodeProperties[]; run(description: () => INodeTypeDescription): CustomOperation } {
	const removeMissing = show({ removeMissing: [true] });
	return {
		option: {
			name: 'Sync Users',
			value: 'sync',
			action: 'Sync users with a complete list',
			description: 'Make the users match a complete list of people: create and update them, and optionally remove the users missing from it',
		},
		properties: [
			{ displayName: op.notice, name: 'syncNotice', type: 'notice', default: '', displayOptions: show() },
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: true,
				noDataExpression: true,
				description:
					'Whether to only show the plan: one item per person (and per user to remove) with the action it would take, the fields that would change and why, and nothing written. Turn off to apply it.',
				displayOptions: show(),
			},
			{
				displayName: 'Remove Users Missing From Input',
				name: 'removeMissing',
				type: 'boolean',
				default: false,
				noDataExpression: true,
				description: 'Whether the users that no input person matches are removed (only within Manage Only, never those on Never Remove, never after a failed read)',
				displayOptions: show(),
			},
			// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the vendor's gentlest removal, given by its sync.ts
			{
				displayName: 'Remove As',
				name: 'removeAs',
				type: 'options',
				default: op.vendor.removeChoices[0],
				noDataExpression: true,
				options: op.removeOptions,
				description: 'What a removal does',
				displayOptions: removeMissing,
			},
			{
				displayName: 'Manage Only',
				name: 'manageOnly',
				type: 'fixedCollection',
				placeholder: 'Add Rule',
				default: {},
				typeOptions: { multipleValues: true },
				description: 'Only users matching one of these rules are ever removed. Without a rule, every listed user is in scope.',
				displayOptions: removeMissing,
				options: [
					{
						displayName: 'Rule',
						name: 'rules',
						values: [
							{ displayName: 'Field', name: 'field', type: 'string', default: 'email', description: 'The user field, as the node outputs users (dotted for nested fields, e.g. name.lastname)' },
							{ displayName: 'Pattern', name: 'pattern', type: 'string', default: '', placeholder: '*@example.com', description: 'The value, with * for any characters and ? for one; case is ignored' },
						],
					},
				],
			},
			{
				displayName: 'Never Remove',
				name: 'neverRemove',
				type: 'string',
				default: '',
				placeholder: 'admin@example.com, svc-*',
				typeOptions: { rows: 2 },
				description: 'Users never removed (admin and service accounts): match keys, emails, user names or IDs, separated by commas or new lines; * and ? as in Manage Only',
				displayOptions: removeMissing,
			},
			{
				displayName: 'Sync Options',
				name: 'syncOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: removeMissing,
				options: [
					{
						displayName: 'Max Removals',
						name: 'maxRemovals',
						type: 'number',
						default: 50,
						typeOptions: { minValue: 0 },
						description: 'The most users one run may remove; 0 turns the limit off. Not set: 10% of the users listed, at most 50.',
					},
					{
						displayName: 'If Too Many Removals',
						name: 'tooManyRemovals',
						type: 'options',
						default: 'stop',
						options: [
							{ name: 'Stop', value: 'stop', description: 'Fail the run before anything is written' },
							{ name: 'Skip Removals', value: 'skipRemovals', description: 'Create and update as planned, remove no one, and list the users kept' },
						],
						description: 'What happens when the plan removes more users than Max Removals allows',
					},
				],
			},
		],
		run: (description) => syncRun(description, op, op.vendor),
	};
}
