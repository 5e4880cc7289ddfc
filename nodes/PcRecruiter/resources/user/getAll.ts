import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { getUsers } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many users',
	description: 'List the users of the database',
	routing: {
		request: { method: 'GET', url: '/users' },
		send: { paginate: true },
		operations: { pagination: getUsers },
	},
};

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
	routing: {
		send: { type: 'query', property: 'Fields', value: '={{$value ? "Teams" : undefined}}' },
	},
};
