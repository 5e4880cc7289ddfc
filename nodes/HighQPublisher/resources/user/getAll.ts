import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { formatOf, returnAllAndLimit } from '../../../shared/descriptions';
import { listRun } from '../../../shared/listOperation';
import { baseRequest } from '../../api';
import { listQuery, SORT_FIELDS } from '../../params';
import { getMany } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many users',
	description: 'List users, optionally filtered',
};

/** The whole-input function behind Get Many (the node's `customOperations`, ../../../shared/listOperation.ts). */
export const run = (description: () => INodeTypeDescription) =>
	listRun(description, {
		base: async (ctx) => await baseRequest(ctx, formatOf(ctx)),
		request: { method: 'GET', url: '/api/2/users' },
		preSend: [listQuery],
		list: getMany,
	});

const dateChoices = [
	{ name: 'Between', value: 'range', description: 'Between the From and To dates below' },
	{ name: 'Last Month', value: 'lastmonth' },
	{ name: 'Last Week', value: 'lastweek' },
	{ name: 'Last Year', value: 'lastyear' },
];

export const properties: INodeProperties[] = [
	...returnAllAndLimit('user', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: ['user'], operation: ['getAll'] } },
		options: [
			{
				displayName: 'Created Date',
				name: 'createdDate',
				type: 'options',
				default: 'lastweek',
				description: 'When the users were created',
				options: dateChoices,
			},
			{
				displayName: 'Created From',
				name: 'createdFrom',
				type: 'dateTime',
				default: '',
				description: 'First day of the range, when Created Date is Between',
			},
			{
				displayName: 'Created To',
				name: 'createdTo',
				type: 'dateTime',
				default: '',
				description: 'Last day of the range, when Created Date is Between',
			},
			{
				displayName: 'Departments',
				name: 'departments',
				type: 'string',
				default: '',
				description: 'Comma-separated department names',
			},
			{
				displayName: 'Locations',
				name: 'locations',
				type: 'string',
				default: '',
				description: 'Comma-separated location IDs',
			},
			{
				displayName: 'Modified Date',
				name: 'modifiedDate',
				type: 'options',
				default: 'lastweek',
				description: 'When the users were last changed',
				options: dateChoices,
			},
			{
				displayName: 'Modified From',
				name: 'modifiedFrom',
				type: 'dateTime',
				default: '',
				description: 'First day of the range, when Modified Date is Between',
			},
			{
				displayName: 'Modified To',
				name: 'modifiedTo',
				type: 'dateTime',
				default: '',
				description: 'Last day of the range, when Modified Date is Between',
			},
			{
				displayName: 'Organisation Groups',
				name: 'organisationGroups',
				type: 'string',
				default: '',
				description: 'Comma-separated organisation group IDs',
			},
			{
				displayName: 'Organisations',
				name: 'organisations',
				type: 'string',
				default: '',
				description: 'Comma-separated organisation IDs',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Text to look for in the users\' names and email addresses',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'active',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Archived', value: 'archive' },
					{ name: 'Disabled', value: 'disable' },
					{ name: 'Suspended', value: 'suspended' },
				],
			},
			{
				displayName: 'User Groups',
				name: 'userGroups',
				type: 'string',
				default: '',
				description: 'Comma-separated user group IDs',
			},
		],
	},
];

/** Go into the node's Options collection, shown for Get Many only. */
const getAllOnly = { show: { '/resource': ['user'], '/operation': ['getAll'] } };

export const listOptions: INodeProperties[] = [
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'string',
		default: '',
		placeholder: 'all',
		description:
			'Which fields to return: empty or "all" gives whole users; a comma-separated list of HighQ field names (e.g. email,firstname,lastname) gives only those',
		displayOptions: getAllOnly,
	},
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'options',
		default: 'lastname',
		options: SORT_FIELDS,
		displayOptions: getAllOnly,
	},
	{
		displayName: 'Sort Direction',
		name: 'sortDirection',
		type: 'options',
		default: 'asc',
		options: [
			{ name: 'Ascending', value: 'asc' },
			{ name: 'Descending', value: 'desc' },
		],
		displayOptions: getAllOnly,
	},
];
