import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { checkResponseStatus, sendOnce } from '../../../shared/request';
import { readEnvelope, userIdQuery, userToItem } from '../../helpers';
import { FOF_HINTS } from '../hints';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a user',
	description: 'Get one user by ID',
	routing: {
		request: { method: 'GET', url: '/user' },
		send: { paginate: true, preSend: [userIdQuery] },
		operations: { pagination: sendOnce(FOF_HINTS) },
		output: { postReceive: [readEnvelope, checkResponseStatus, userToItem] },
	},
};

export const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
		description: 'The GUID of the user (the ID a search returns)',
		displayOptions: { show: { resource: ['user'], operation: ['get', 'delete'] } },
	},
];
