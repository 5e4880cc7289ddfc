import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { userPath } from '../../params';
import { getOne } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a user',
	description: 'Get one user by ID or email address',
	routing: {
		request: { method: 'GET', url: '/api/2/users' },
		send: { paginate: true, preSend: [userPath()] },
		operations: { pagination: getOne },
	},
};

/** `userId` for get, update and archive. */
export const userId: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '3 or name@email.com',
	description: 'The numeric ID of the user, or their email address',
	displayOptions: { show: { resource: ['user'], operation: ['get', 'update', 'archive'] } },
};

export const properties: INodeProperties[] = [userId];
