import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { formatOf, returnAllAndLimit } from '../../../shared/descriptions';
import { listRun } from '../../../shared/listOperation';
import { baseRequest } from '../../api';
import { getUsers, teamsField } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many users',
	description: 'List the users of the database',
};

/** The whole-input function behind Get Many (the node's `customOperations`, ../../../shared/listOperation.ts). */
export const run = (description: () => INodeTypeDescription) =>
	listRun(description, {
		base: async (ctx) => await baseRequest(ctx, formatOf(ctx)),
		request: { method: 'GET', url: '/users' },
		preSend: [teamsField],
		list: getUsers,
	});

export const properties: INodeProperties[] = [
	...returnAllAndLimit('user', 'getAll'),
];

/** Goes into the node's Options collection, shown for Get Many users only. */
export const includeTeams: INodeProperties = {
	displayName: 'Include Teams',
	name: 'includeTeams',
	type: 'boolean',
	default: false,
	description: "Whether to add each user's teams (Name, RecordId) as a Teams list",
	displayOptions: { show: { '/resource': ['user'], '/operation': ['getAll'] } },
};
