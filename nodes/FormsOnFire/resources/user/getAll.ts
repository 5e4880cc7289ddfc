import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { requireSearchKey } from '../../params';
import { search } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Search users',
	description: 'Search users by name, email or external ID',
	routing: {
		request: { method: 'GET', url: '/user/search' },
		send: { paginate: true, preSend: [requireSearchKey] },
		operations: { pagination: search },
	},
};

const query = (property: string) => ({ send: { type: 'query' as const, property } });

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
				routing: query('Email'),
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Find users by the identifier your other systems know them by',
				routing: query('ExternalId'),
			},
			{
				displayName: 'Include Deleted User Audits',
				name: 'includeDeletedUserAudits',
				type: 'boolean',
				default: false,
				description: 'Whether to send the API\'s IncludeDeletedUserAudits switch as true',
				routing: query('IncludeDeletedUserAudits'),
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Find users by name',
				routing: query('Name'),
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				placeholder: 'Active',
				description: 'Only users in this status, e.g. Active or Invited',
				routing: query('Status'),
			},
			{
				displayName: 'Use External IDs',
				name: 'useExternalIds',
				type: 'boolean',
				default: false,
				description: 'Whether to send the API\'s UseExternalIds switch as true',
				routing: query('UseExternalIds'),
			},
			{
				displayName: 'Use Names',
				name: 'useNames',
				type: 'boolean',
				default: false,
				description: 'Whether to send the API\'s UseNames switch as true',
				routing: query('UseNames'),
			},
		],
	},
];
