import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { formatOf, returnAllAndLimit } from '../../../shared/descriptions';
import { collectionQuery, listRun } from '../../../shared/listOperation';
import { baseRequest } from '../../api';
import { requireSearchKey } from '../../params';
import { search } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Search users',
	description: 'Search users by name, email or external ID',
};

/** The filters and the query names the search takes them under. */
const SEARCH_QUERY = {
	email: 'Email',
	externalId: 'ExternalId',
	includeDeletedUserAudits: 'IncludeDeletedUserAudits',
	name: 'Name',
	status: 'Status',
	useExternalIds: 'UseExternalIds',
	useNames: 'UseNames',
};

/** The whole-input function behind Get Many (the node's `customOperations`, ../../../shared/listOperation.ts). */
export const run = (description: () => INodeTypeDescription) =>
	listRun(description, {
		base: async (ctx) => await baseRequest(ctx, formatOf(ctx)),
		request: { method: 'GET', url: '/user/search' },
		preSend: [collectionQuery('filters', SEARCH_QUERY), requireSearchKey],
		list: search,
	});

export const properties: INodeProperties[] = [
	...returnAllAndLimit('user', 'getAll'),
	{
		displayName: 'The search needs at least one of Name, Email and External ID: add one under Filters',
		name: 'searchNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['user'], operation: ['getAll'] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'At least one of Name, Email and External ID is required',
		displayOptions: { show: { resource: ['user'], operation: ['getAll'] } },
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Find users by email address',
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Find users by the identifier your other systems know them by',
			},
			{
				displayName: 'Include Deleted User Audits',
				name: 'includeDeletedUserAudits',
				type: 'boolean',
				default: false,
				description: 'Whether to send the API\'s IncludeDeletedUserAudits switch as true',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Find users by name',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				placeholder: 'Active',
				description: 'Only users in this status, e.g. Active or Invited',
			},
			{
				displayName: 'Use External IDs',
				name: 'useExternalIds',
				type: 'boolean',
				default: false,
				description: 'Whether to send the API\'s UseExternalIds switch as true',
			},
			{
				displayName: 'Use Names',
				name: 'useNames',
				type: 'boolean',
				default: false,
				description: 'Whether to send the API\'s UseNames switch as true',
			},
		],
	},
];
