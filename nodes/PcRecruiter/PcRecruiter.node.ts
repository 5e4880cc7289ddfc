import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { CREDENTIAL_BASE_URL, formatOption, resourceSelector, RESPONSE_AS_BYTES } from '../shared/descriptions';
import { emailAliasDescription } from './resources/emailAlias';
import { teamDescription } from './resources/team';
import { userDescription } from './resources/user';
import * as getAll from './resources/user/getAll';
import { maxInFlightProperty } from '../shared/inflight';

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
			baseURL: CREDENTIAL_BASE_URL,
			headers: { Accept: 'application/json', 'Accept-Encoding': 'gzip' },
			json: true,
			...RESPONSE_AS_BYTES,
		},
		properties: [
			resourceSelector(() => this.description, [
					{ name: 'Email Alias', value: 'emailAlias' },
					{ name: 'Team', value: 'team' },
					{ name: 'User', value: 'user' },
				]),
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
					getAll.includeTeams,
				],
			},
			maxInFlightProperty,
		],
	};

	/** Whole-input operations: n8n runs these over all input items instead of routing each item. */
	customOperations = { user: { getAll: getAll.run(() => this.description) } };
}
