import type { INodeProperties } from 'n8n-workflow';

/** The parameters every directory trigger shows (see trigger.ts for what they do). */

export const baselineNotice: INodeProperties = {
	displayName:
		'The first poll records who is in the directory and reports nothing; every later poll reports what changed since the previous one. A manual test returns a few current users as samples.',
	name: 'notice',
	type: 'notice',
	default: '',
};

export const eventsProperty: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	required: true,
	default: ['created', 'updated', 'removed'],
	description: 'The changes that start the workflow, one item each',
	options: [
		{
			name: 'Created',
			value: 'created',
			action: 'On user created',
			description: 'A user joined: new in the list, or back (listed again or active again)',
		},
		{
			name: 'Removed',
			value: 'removed',
			action: 'On user removed',
			description:
				'A user left: gone from the list (reason "deleted", with the last known identity) or made inactive by the vendor (reason "deactivated")',
		},
		{
			name: 'Updated',
			value: 'updated',
			action: 'On user updated',
			description: 'An active user changed; changedFields names the fields that differ',
		},
	],
};

export const triggerOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Emit Existing Users on First Poll',
			name: 'emitExistingUsers',
			type: 'boolean',
			default: false,
			description: 'Whether the first poll reports every current user as created (otherwise it only records them)',
		},
		{
			displayName: 'Ignore Changes In',
			name: 'ignoreFields',
			type: 'string',
			default: '',
			placeholder: 'e.g. lastLogin, updatedAt',
			description: 'Comma-separated names of fields whose changes alone do not make an update (e.g. a last-login time)',
		},
		{
			displayName: 'Max Removals per Poll',
			name: 'maxRemovals',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 50,
			description:
				'The most users one poll may report as removed. A poll that finds more reports nothing, keeps the previous snapshot and fails, so a short or failed listing never looks like leavers. 0 turns the check off. Without this option: 10% of the directory (rounded up) or 50, whichever is smaller.',
		},
	],
};

/** Events, then the trigger's own filters, then the options (with the trigger's own, in name order). */
export function triggerProperties(filters: INodeProperties[] = [], options: INodeProperties[] = []): INodeProperties[] {
	const all = [...(triggerOptions.options as INodeProperties[]), ...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return [baselineNotice, eventsProperty, ...filters, { ...triggerOptions, options: all }];
}

/**
 * The named options of a collection in a Get Many description (e.g. its `filters`), for a
 * trigger to offer the same choices; their routing stays behind (a trigger reads them itself).
 */
export function optionsOf(properties: INodeProperties[], collection: string, names: string[]): INodeProperties[] {
	const options = (properties.find((p) => p.name === collection)?.options ?? []) as INodeProperties[];
	return options
		.filter((o) => names.includes(o.name))
		.map(({ routing: _routing, ...rest }) => rest);
}

/** A `filters` collection for a trigger: which part of the directory it watches. */
export function triggerFilters(options: INodeProperties[], description: string): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, description, options };
}
