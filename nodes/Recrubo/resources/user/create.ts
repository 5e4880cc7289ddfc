import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { JSON_API } from '../../api';
import { createBody } from '../../params';
import { oneUser } from '../../routing';
import { nameAttributes, optionalAttributes } from './fields';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a user',
	description: 'Create a new user',
	routing: {
		request: { method: 'POST', url: '/users', headers: { 'Content-Type': JSON_API } },
		send: { paginate: true, preSend: [createBody] },
		operations: { pagination: oneUser },
	},
};

const displayOptions = { show: { resource: ['user'], operation: ['create', 'upsert', 'sync'] } };

export const properties: INodeProperties[] = [
	...nameAttributes.map((p) => ({ ...p, required: true, displayOptions })),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: optionalAttributes,
	},
];
