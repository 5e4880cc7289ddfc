import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idPath } from '../../../shared/validate';
import { getUser } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a user',
	description: 'Get one user by user name',
	routing: {
		request: { method: 'GET', url: '/users' },
		send: { paginate: true, preSend: [idPath('/users/{id}', { name: 'userName', label: 'User Name' })] },
		operations: { pagination: getUser },
	},
};

export const properties: INodeProperties[] = [
	{
		displayName: 'User Name',
		name: 'userName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'SAMPLE',
		description: 'The PCRecruiter user name (login) of the user',
		displayOptions: { show: { resource: ['user'], operation: ['get'] } },
	},
];
