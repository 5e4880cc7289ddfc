import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { checkParams } from '../../../shared/validate';
import { getMany } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many users',
	description: 'List the users of the company, optionally of one business unit',
	routing: {
		request: { method: 'GET', url: '/api/v1/Users' },
		send: { paginate: true, preSend: [] },
		operations: { pagination: getMany },
	},
};

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
				displayName: 'Business Unit Name or ID',
				name: 'businessUnitId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getBusinessUnits' },
				default: '',
				description:
					'Only users of this business unit. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: {
					send: {
						type: 'query',
						property: 'businessUnitId',
						value: '={{$value || undefined}}',
						preSend: [checkParams({ name: 'filters.businessUnitId', label: 'Business Unit', kind: 'guid', required: false })],
					},
				},
			},
		],
	},
];
