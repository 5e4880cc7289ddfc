import {
	NodeConnectionTypes,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import type { UserShape } from '../shared/snapshot';
import { asItemContext, pollDirectory } from '../shared/trigger';
import { optionsOf, triggerFilters, triggerProperties } from '../shared/triggerDescription';
import { baseRequest, listUsers } from './api';
import { authenticationProperty, highQCredentials } from './authentication';
import { listQuery } from './params';
import { properties as getManyProperties } from './resources/user/getAll';

/** HighQ's own statuses that mean the user left (archive is the API's delete). */
const INACTIVE = new Set(['archive', 'disable', 'suspended']);

/** HighQ users as Get Many outputs them. */
export const HIGHQ_USERS: UserShape = {
	idField: 'id',
	identityFields: ['email', 'externalid', 'name.firstname', 'name.lastname'],
	isInactive: (user) => INACTIVE.has(String(user.status ?? '').toLowerCase()),
};

/** Get Many's filters that select a stable part of the directory (no date windows: users would drift out of them). */
const FILTERS = ['departments', 'locations', 'organisationGroups', 'organisations', 'status', 'userGroups'];

export class HighQPublisherTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HighQ Publisher Trigger',
		name: 'highQPublisherTrigger',
		icon: { light: 'file:highQPublisher.svg', dark: 'file:highQPublisher.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"users " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when HighQ Publisher users are created, updated or removed (archived, disabled or suspended)',
		defaults: { name: 'HighQ Publisher Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: highQCredentials,
		properties: [
			authenticationProperty,
			...triggerProperties([
				triggerFilters(
					optionsOf(getManyProperties, 'filters', FILTERS),
					'Watch part of the directory only. With a Status, a user whose status changes leaves the list and is reported as removed (reason "deleted").',
				),
			]),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const request = await baseRequest(this);
		// Get Many's own query builder: the same parameters, refused the same way
		await listQuery.call(asItemContext(this), request as IHttpRequestOptions);
		// whole users: without `fields` HighQ lists summaries (ID, email, link), which have no
		// status or names to compare; part of the scope, so a snapshot of summaries is a new baseline
		request.qs = { ...request.qs, fields: 'all' };
		return await pollDirectory(this, HIGHQ_USERS, async (limit) => await listUsers(this, request, { limit }), request.qs ?? {});
	}
}
