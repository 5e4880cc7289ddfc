import type { INodeProperties } from 'n8n-workflow';

import { upsertOperation } from '../../../shared/upsertOperation';
import { baseRequest, JSON_API } from '../../api';
import { createBody } from '../../params';
import { RECRUBO_UPSERT } from '../../routing';

const operation = upsertOperation({
	base: baseRequest,
	request: { method: 'POST', url: '/users', headers: { 'Content-Type': JSON_API } },
	preSend: [createBody],
	steps: RECRUBO_UPSERT,
	notice:
		'Matches the existing user by the field chosen in Match On. Only the fields that differ are sent; a user that already has every value is not written to, and the same person twice in the input is written once. Lookups: One Request per Item costs one request per person; Fetch All Users Once reads the whole user list once per run (one request per 200 users) and matches in memory; Automatic picks whichever costs fewer requests.',
});

/** Create or Update: takes the Create fields (shown for both operations in create.ts). */
export const option = operation.option;

/** The whole-input function behind it (the node's `customOperations`). */
export const run = operation.run;

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
		displayOptions: { show: { resource: ['user'], operation: ['upsert', 'sync'] } },
	},
	...operation.properties,
];
