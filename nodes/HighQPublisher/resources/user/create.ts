import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { created } from '../../routing';
import { userFields } from './fields';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a user',
	description: 'Create a user',
	routing: {
		request: { method: 'POST', url: '/api/2/users' },
		send: { paginate: true },
		operations: { pagination: created },
	},
};

const displayOptions = { show: { resource: ['user'], operation: ['create', 'upsert', 'sync'] } };

export const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions,
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
		displayOptions,
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
		displayOptions,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: userFields,
	},
];
