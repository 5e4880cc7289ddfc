import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { checkChoices } from '../shared/validate';
import { RESPONSE_AS_BYTES } from '../shared/descriptions';
import { getBusinessUnits, getRoles, getSubscriptionGroups } from './methods';
import { userDescription } from './resources/user';

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
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			headers: { Accept: 'application/json' },
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
				routing: { send: { preSend: [checkChoices(() => this.description)] } },
			},
			...userDescription,
		],
	};

	methods = {
		loadOptions: { getBusinessUnits, getRoles, getSubscriptionGroups },
	};
}
