import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idPath } from '../../../shared/validate';
import { USER_ID } from '../../params';
import { readUser } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a user',
	description: 'Get one user by ID',
	routing: {
		request: { method: 'GET', url: '/api/v1/Users' },
		send: { paginate: true, preSend: [idPath('/api/v1/Users/{id}', USER_ID)] },
		operations: { pagination: readUser },
	},
};

export const userIdField = (operations: string[]): INodeProperties => ({
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
	description: 'The ID (a GUID) of the HCSS user',
	displayOptions: { show: { resource: ['user'], operation: operations } },
});

export const properties: INodeProperties[] = [userIdField(['get', 'update', 'delete'])];
