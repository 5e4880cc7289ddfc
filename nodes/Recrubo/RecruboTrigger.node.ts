import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import type { UserShape } from '../shared/snapshot';
import { asItemContext, pollDirectory } from '../shared/trigger';
import { triggerFilters, triggerProperties } from '../shared/triggerDescription';
import { checkValue } from '../shared/validate';
import { baseRequest, listUsers } from './api';

/** Recrubo users as Get Many outputs them (simplified); Recrubo has no status of its own. */
export const RECRUBO_USERS: UserShape = {
	idField: 'id',
	identityFields: ['email', 'externalId', 'firstName', 'lastName'],
};

export class RecruboTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Recrubo Trigger',
		name: 'recruboTrigger',
		icon: { light: 'file:recrubo.svg', dark: 'file:recrubo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"users " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Recrubo users are created, updated or removed',
		defaults: { name: 'Recrubo Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'recruboApi', required: true }],
		properties: triggerProperties([
			triggerFilters(
				[
					{
						displayName: 'Email Ends With',
						name: 'emailEndsWith',
						type: 'string',
						default: '',
						placeholder: '@example.com',
						description: 'Watch only users whose email ends with this text (without regard to case), e.g. one company domain',
					},
				],
				'Watch part of the directory only',
			),
		]),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const raw = this.getNodeParameter('filters.emailEndsWith', '');
		const emailEndsWith = checkValue(asItemContext(this), { name: 'filters.emailEndsWith', label: 'Email Ends With', required: false }, raw);
		const request = await baseRequest(this);
		const qs: IDataObject = emailEndsWith === undefined ? {} : { 'filter[email][suffix]': emailEndsWith };
		request.qs = qs;
		return await pollDirectory(this, RECRUBO_USERS, async (limit) => await listUsers(this, request, { limit }), qs);
	}
}
