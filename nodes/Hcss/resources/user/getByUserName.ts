import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idPath } from '../../../shared/validate';
import { readUser } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get by User Name',
	value: 'getByUserName',
	action: 'Get a user by user name',
	description: 'Get one user by the user name they sign in with',
	routing: {
		request: { method: 'GET', url: '/api/v1/Users/userName' },
		send: {
			paginate: true,
			preSend: [idPath('/api/v1/Users/userName/{id}', { name: 'userName', label: 'User Name' })],
		},
		operations: { pagination: readUser },
	},
};

export const properties: INodeProperties[] = [
	{
		displayName: 'User Name',
		name: 'userName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'John.Doe@company.com',
		description: 'The unique user name used to sign in to HCSS Apps',
		displayOptions: { show: { resource: ['user'], operation: ['getByUserName'] } },
	},
];
