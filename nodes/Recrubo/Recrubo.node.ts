import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { JSON_API } from './api';
import { userDescription } from './resources/user';
import * as getAll from './resources/user/getAll';
import * as sync from './resources/user/sync';
import * as upsert from './resources/user/upsert';
import { CREDENTIAL_BASE_URL, resourceSelector, RESPONSE_AS_BYTES } from '../shared/descriptions';
import { maxInFlightProperty } from '../shared/inflight';

export class Recrubo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Recrubo',
		name: 'recrubo',
		icon: { light: 'file:recrubo.svg', dark: 'file:recrubo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, read, update and delete Recrubo users',
		defaults: { name: 'Recrubo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'recruboApi', required: true }],
		requestDefaults: {
			baseURL: CREDENTIAL_BASE_URL,
			headers: { Accept: JSON_API },
			json: true,
			...RESPONSE_AS_BYTES,
		},
		properties: [
			resourceSelector(() => this.description, [{ name: 'User', value: 'user' }], { skip: ['additionalFields.timeZone', 'updateFields.timeZone'] }),
			...userDescription,
			maxInFlightProperty,
		],
	};

	/** Whole-input operations: n8n runs these over all input items instead of routing each item. */
	customOperations = {
		user: { getAll: getAll.run(() => this.description), upsert: upsert.run(() => this.description), sync: sync.run(() => this.description) },
	};
}
