import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { userPath } from '../../params';
import { updated } from '../../routing';
import { userFields } from './fields';

export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a user',
	description: 'Change the fields you set; every other field of the user is kept',
	routing: {
		request: { method: 'PUT', url: '/api/2/users' },
		send: { paginate: true, preSend: [userPath()] },
		operations: { pagination: updated },
	},
};

const nameFields: INodeProperties[] = [
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
];

export const properties: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['user'], operation: ['update'] } },
		options: [...nameFields, ...userFields].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];
