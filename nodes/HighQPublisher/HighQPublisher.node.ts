import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { CREDENTIAL_BASE_URL, formatOption, resourceSelector, RESPONSE_AS_BYTES } from '../shared/descriptions';
import { listOptions, userDescription } from './resources/user';
import * as getAll from './resources/user/getAll';
import * as sync from './resources/user/sync';
import * as upsert from './resources/user/upsert';
import { maxInFlightProperty } from '../shared/inflight';
import { authenticationProperty, highQCredentials } from './authentication';

export class HighQPublisher implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HighQ Publisher',
		name: 'highQPublisher',
		icon: { light: 'file:highQPublisher.svg', dark: 'file:highQPublisher.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read, create, update and archive users in Thomson Reuters HighQ Publisher',
		defaults: { name: 'HighQ Publisher' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: highQCredentials,
		requestDefaults: {
			baseURL: CREDENTIAL_BASE_URL,
			headers: { Accept: 'application/json' },
			json: true,
			...RESPONSE_AS_BYTES,
		},
		properties: [
			authenticationProperty,
			// Sort By is checked by Get Many's query builder, which names the sort fields HighQ does not have
			resourceSelector(() => this.description, [{ name: 'User', value: 'user' }], { skip: ['options.sortBy'] }),
			...userDescription,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					...listOptions.slice(0, 1),
					{
						...formatOption,
						routing: {
							request: {
								headers: {
									Accept: '={{$value === "xml" ? "application/xml" : "application/json"}}',
									'Content-Type': '={{$value === "xml" ? "application/xml" : "application/json"}}',
								},
							},
						},
					},
					...listOptions.slice(1),
				],
			},
			maxInFlightProperty,
		],
	};

	/** Whole-input operations: n8n runs these over all input items instead of routing each item. */
	customOperations = {
		user: { getAll: getAll.run(() => this.description), upsert: upsert.run(() => this.description), sync: sync.run(() => this.description) },
	};
}
