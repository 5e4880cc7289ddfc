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
		// Required by HCSS, and checked by the node before any request (Hcss/params.ts), but not
		// `required` here: a workflow saved with Additional Fields > Home Business Unit (before
		// this parameter existed) must run as saved, and n8n refuses to start a workflow whose
		// shown required parameter is empty. Hiding it while the old field is set needs a display
		// rule on a collection's child, which n8n 1.x cannot resolve ("Max iterations reached").
		description:
			'Required by HCSS: the default business unit the user belongs to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions,
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
