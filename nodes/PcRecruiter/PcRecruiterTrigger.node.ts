import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import type { UserShape } from '../shared/snapshot';
import { pollDirectory } from '../shared/trigger';
import { triggerProperties } from '../shared/triggerDescription';
import { baseRequest, listUsers } from './api';

/** PCRecruiter users as Get Many outputs them; `ActiveUser` false is PCRecruiter's own "inactive". */
export const PCRECRUITER_USERS: UserShape = {
	idField: 'UserName',
	identityFields: ['EmailAddress', 'FullName'],
	isInactive: (user) => user.ActiveUser === false,
};

export class PcRecruiterTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PCRecruiter Trigger',
		name: 'pcRecruiterTrigger',
		icon: { light: 'file:pcRecruiter.svg', dark: 'file:pcRecruiter.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"users " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when PCRecruiter users are created, updated or removed',
		defaults: { name: 'PCRecruiter Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pcRecruiterApi', required: true }],
		properties: triggerProperties(
			[],
			[
				{
					displayName: 'Include Teams',
					name: 'includeTeams',
					type: 'boolean',
					default: false,
					description: "Whether to add each user's teams (Name, RecordId) as a Teams list, so that a change of team is an update",
				},
			],
		),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const includeTeams = this.getNodeParameter('options.includeTeams', false) === true;
		const request = await baseRequest(this);
		if (includeTeams) request.qs = { Fields: 'Teams' };
		return await pollDirectory(this, PCRECRUITER_USERS, async (limit) => await listUsers(this, request, { limit }), { includeTeams });
	}
}
