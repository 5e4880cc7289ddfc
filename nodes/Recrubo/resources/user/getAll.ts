import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { listRun } from '../../../shared/listOperation';
import { baseRequest } from '../../api';
import { listQuery } from '../../params';
import { getMany } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many users',
	description: 'List users, optionally filtered and sorted',
};

/** The whole-input function behind Get Many (the node's `customOperations`, ../../../shared/listOperation.ts). */
export const run = (description: () => INodeTypeDescription) =>
	listRun(description, { base: baseRequest, request: { method: 'GET', url: '/users' }, preSend: [listQuery], list: getMany });

const displayOptions = { show: { resource: ['user'], operation: ['getAll'] } };

const textFilter = (displayName: string, name: string, placeholder: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	description: `Only users whose ${displayName.toLowerCase()} matches (see Match Mode). With Exact, a comma-separated list matches any of its values.`,
});

export const properties: INodeProperties[] = [
	...returnAllAndLimit('user', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions,
		options: [
			textFilter('Email', 'email', 'name@email.com'),
			textFilter('External ID', 'externalId', '1234'),
			textFilter('First Name', 'firstName', 'John'),
			textFilter('Last Name', 'lastName', 'Doe'),
			{
				displayName: 'Match Mode',
				name: 'matchMode',
				type: 'options',
				default: 'exact',
				description: 'How every filter above compares with the user field',
				options: [
					{ name: 'Case-Insensitive', value: 'caseInsensitive', description: 'Equal, ignoring upper and lower case (filter[field][eql])' },
					{ name: 'Exact', value: 'exact', description: 'Exactly equal (filter[field])' },
					{ name: 'Starts With', value: 'prefix', description: 'The field starts with the value (filter[field][prefix])' },
				],
			},
		],
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'fixedCollection',
		placeholder: 'Add Sort Field',
		default: {},
		typeOptions: { multipleValues: true },
		displayOptions,
		description: 'The order of the users; the first field counts most',
		options: [
			{
				displayName: 'Field',
				name: 'fields',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'options',
						default: 'createdAt',
						options: [
							{ name: 'Created At', value: 'createdAt' },
							{ name: 'Email', value: 'email' },
							{ name: 'External ID', value: 'externalId' },
							{ name: 'First Name', value: 'firstName' },
							{ name: 'Full Name', value: 'fullName' },
							{ name: 'Last Name', value: 'lastName' },
							{ name: 'Updated At', value: 'updatedAt' },
						],
					},
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						default: 'ascending',
						options: [
							{ name: 'Ascending', value: 'ascending' },
							{ name: 'Descending', value: 'descending' },
						],
					},
				],
			},
		],
	},
];
