import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { getBusinessUnits, getRoles, getSubscriptionGroups } from './methods';
import { userDescription } from './resources/user';
import * as getAll from './resources/user/getAll';
import * as sync from './resources/user/sync';
import * as upsert from './resources/user/upsert';
import { CREDENTIAL_BASE_URL, resourceSelector, RESPONSE_AS_BYTES } from '../shared/descriptions';
import { maxInFlightProperty } from '../shared/inflight';

export class Hcss implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HCSS',
		name: 'hcss',
		icon: { light: 'file:hcss.svg', dark: 'file:hcss.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, read, update and delete users in HCSS Apps',
		defaults: { name: 'HCSS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hcssOAuth2Api', required: true }],
		requestDefaults: {
			baseURL: CREDENTIAL_BASE_URL,
			headers: { Accept: 'application/json' },
			json: true,
			...RESPONSE_AS_BYTES,
		},
		properties: [
			resourceSelector(() => this.description, [{ name: 'User', value: 'user' }]),
			...userDescription,
			maxInFlightProperty,
		],
	};

	/** Whole-input operations: n8n runs these over all input items instead of routing each item. */
	customOperations = {
		user: { getAll: getAll.run(() => this.description), upsert: upsert.run(() => this.description), sync: sync.run(() => this.description) },
	};

	methods = {
		loadOptions: { getBusinessUnits, getRoles, getSubscriptionGroups },
	};
}
