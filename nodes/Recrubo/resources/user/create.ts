import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { sendOnce } from '../../../shared/request';
import { createBody, JSON_API, userToItem } from '../../helpers';
import { RECRUBO_HINTS } from '../hints';
import { nameAttributes, optionalAttributes } from './fields';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a user',
	description: 'Create a new user',
	routing: {
		request: { method: 'POST', url: '/users', headers: { 'Content-Type': JSON_API } },
		send: { paginate: true, preSend: [createBody] },
		operations: { pagination: sendOnce(RECRUBO_HINTS) },
		output: { postReceive: [userToItem] },
	},
};

const displayOptions = { show: { resource: ['user'], operation: ['create', 'upsert'] } };

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
