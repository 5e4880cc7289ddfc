import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { userIdQuery } from '../../params';
import { getOne } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a user',
	description: 'Get one user by ID',
	routing: {
		request: { method: 'GET', url: '/user' },
		send: { paginate: true, preSend: [userIdQuery] },
		operations: { pagination: getOne },
	},
};

export const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
		description: 'The GUID of the user (the ID a search returns)',
		displayOptions: { show: { resource: ['user'], operation: ['get', 'delete'] } },
	},
];
