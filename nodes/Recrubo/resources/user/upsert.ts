import type { INodeProperties } from 'n8n-workflow';

import { upsertOperation } from '../../../shared/upsert';
import { JSON_API } from '../../api';
import { createBody } from '../../params';
import { createOrUpdate } from '../../routing';

const operation = upsertOperation({
	request: { method: 'POST', url: '/users', headers: { 'Content-Type': JSON_API } },
	preSend: [createBody],
	pagination: createOrUpdate,
	notice: 'Matches the existing user by the field chosen in Match On. Only the fields that differ are sent; a user that already has every value is not written to.',
});

/** Create or Update: takes the Create fields (shown for both operations in create.ts). */
export const option = operation.option;

export const properties: INodeProperties[] = [
	{
		displayName: 'Match On',
		name: 'matchOn',
		type: 'options',
		default: 'email',
		options: [
			{ name: 'Email', value: 'email', description: 'Email address, without regard to case' },
			{ name: 'External ID', value: 'externalId' },
		],
		description: 'Which field finds the existing user; set it under Additional Fields',
		displayOptions: { show: { resource: ['user'], operation: ['upsert'] } },
	},
	...operation.properties,
];
