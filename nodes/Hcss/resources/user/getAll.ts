import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { listRun } from '../../../shared/listOperation';
import { baseRequest } from '../../api';
import { businessUnitQuery } from '../../params';
import { getMany } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many users',
	description: 'List the users of the company, optionally of one business unit',
};

/** The whole-input function behind Get Many (the node's `customOperations`, ../../../shared/listOperation.ts). */
export const run = (description: () => INodeTypeDescription) =>
	listRun(description, {
		base: baseRequest,
		request: { method: 'GET', url: '/api/v1/Users' },
		preSend: [businessUnitQuery],
		list: getMany,
	});

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
			},
		],
	},
];
