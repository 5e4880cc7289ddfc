import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { formatOption, resourceSelector, RESPONSE_AS_BYTES } from '../shared/descriptions';
import { userDescription } from './resources/user';
import * as getAll from './resources/user/getAll';
import * as upsert from './resources/user/upsert';
import { FOF_BASE_URL } from './api/auth';
import { maxInFlightProperty } from '../shared/inflight';
import { getGroups } from './methods';

export class FormsOnFire implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Forms On Fire',
		name: 'formsOnFire',
		icon: { light: 'file:formsOnFire.svg', dark: 'file:formsOnFire.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Search, read, create and delete users in Forms On Fire and its white-label servers',
		defaults: { name: 'Forms On Fire' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'formsOnFireApi', required: true }],
		requestDefaults: {
			baseURL: FOF_BASE_URL,
			qs: { format: 'json' },
			headers: { Accept: 'application/json' },
			json: true,
			...RESPONSE_AS_BYTES,
		},
		properties: [
			resourceSelector(() => this.description, [{ name: 'User', value: 'user' }]),
			...userDescription,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						...formatOption,
						routing: {
							send: { type: 'query', property: 'format', value: '={{$value}}' },
							request: {
								headers: { Accept: '={{$value === "xml" ? "application/xml" : "application/json"}}' },
							},
						},
					},
				],
			},
			maxInFlightProperty,
		],
	};

	/** Whole-input operations: n8n runs these over all input items instead of routing each item. */
	customOperations = { user: { getAll: getAll.run(() => this.description), upsert: upsert.run(() => this.description) } };

	methods = {
		loadOptions: { getGroups },
	};
}
