import type { INodeProperties } from 'n8n-workflow';

import * as get from './get';
import * as getAll from './getAll';

export const userDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [get.option, getAll.option],
		default: 'getAll',
	},
	...get.properties,
	...getAll.properties,
];
