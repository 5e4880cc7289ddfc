import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { checkChoices } from '../shared/validate';
import { formatOption, RESPONSE_AS_BYTES } from '../shared/descriptions';
import { emailAliasDescription } from './resources/emailAlias';
import { teamDescription } from './resources/team';
import { userDescription } from './resources/user';
import { includeTeams } from './resources/user/getAll';

export class PcRecruiter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PCRecruiter',
		name: 'pcRecruiter',
		icon: { light: 'file:pcRecruiter.svg', dark: 'file:pcRecruiter.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read users, teams and email aliases from PCRecruiter',
		defaults: { name: 'PCRecruiter' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pcRecruiterApi', required: true }],
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			headers: { Accept: 'application/json', 'Accept-Encoding': 'gzip' },
			json: true,
			...RESPONSE_AS_BYTES,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Email Alias', value: 'emailAlias' },
					{ name: 'Team', value: 'team' },
					{ name: 'User', value: 'user' },
				],
				default: 'user',
				// Refuses an options value that is not one of its choices, for every operation.
				routing: { send: { preSend: [checkChoices(() => this.description)] } },
			},
			...userDescription,
			...emailAliasDescription,
			...teamDescription,
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
							request: {
								headers: { Accept: '={{$value === "xml" ? "application/xml" : "application/json"}}' },
							},
						},
					},
					includeTeams,
				],
			},
		],
	};
}
