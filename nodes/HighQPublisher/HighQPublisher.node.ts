import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { CREDENTIAL_BASE_URL, formatOption, resourceSelector } from '../shared/descriptions';
import { listOptions, userDescription } from './resources/user';
import { maxInFlightProperty } from '../shared/inflight';

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
		credentials: [
			{
				name: 'highQPublisherApi',
				required: true,
				displayOptions: { show: { authentication: ['accessToken'] } },
			},
			{
				name: 'highQPublisherOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		requestDefaults: {
			baseURL: CREDENTIAL_BASE_URL,
			headers: { Accept: 'application/json' },
			json: true,
		},
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Access Token', value: 'accessToken' },
					{ name: 'OAuth2', value: 'oAuth2' },
				],
				default: 'accessToken',
			},
			resourceSelector(() => this.description, [{ name: 'User', value: 'user' }]),
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
}
