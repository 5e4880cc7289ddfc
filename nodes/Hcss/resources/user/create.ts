import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { userBodyPreSend } from '../../params';
import { created } from '../../routing';
import { contactMethodOptions, createAdditionalFields, homeBusinessUnitField, userRoleField } from './fields';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a user',
	description: 'Create a user',
	routing: {
		request: { method: 'POST', url: '/api/v1/Users' },
		send: { paginate: true, preSend: [userBodyPreSend('create')] },
		operations: { pagination: created },
	},
};

const displayOptions = { show: { resource: ['user'], operation: ['create', 'upsert', 'sync'] } };

export const properties: INodeProperties[] = [
	{
		displayName: 'User Name',
		name: 'userName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'John.Doe@company.com',
		description: 'The unique user name used to sign in to HCSS Apps',
		displayOptions,
	},
	{ displayName: 'First Name', name: 'firstName', type: 'string', required: true, default: '', displayOptions },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', required: true, default: '', displayOptions },
	{
		displayName: 'Contact Method',
		name: 'contactMethod',
		type: 'options',
		required: true,
		default: 'Email',
		options: contactMethodOptions,
		description: 'How HCSS notifies the user; Email needs an Email under Additional Fields, Phone Number a Phone Number',
		displayOptions,
	},
	{ ...userRoleField, required: true, displayOptions } as INodeProperties,
	{
		...homeBusinessUnitField,
		required: true,
		// A workflow saved with Additional Fields > Home Business Unit (before this parameter
		// existed) runs as saved: n8n refuses to start a workflow whose shown required parameter
		// is empty, so this one is hidden while that field is there (any text, even empty).
		displayOptions: { ...displayOptions, hide: { 'additionalFields.homeBusinessUnit': [{ _cnd: { startsWith: '' } }] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: createAdditionalFields,
	},
];
