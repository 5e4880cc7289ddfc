import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { checkChoices } from '../shared/validate';
import { RESPONSE_AS_BYTES } from '../shared/descriptions';
import { JSON_API } from './helpers';
import { userDescription } from './resources/user';

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
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			headers: { Accept: JSON_API },
			json: true,
			...RESPONSE_AS_BYTES,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'User', value: 'user' }],
				default: 'user',
				// Refuses an options value that is not one of its choices, for every operation.
				routing: { send: { preSend: [checkChoices(() => this.description, { skip: ['additionalFields.timeZone', 'updateFields.timeZone'] })] } },
			},
			...userDescription,
		],
	};
}
