import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as upsert from './upsert';

export const userDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [create.option, upsert.option, del.option, get.option, getAll.option],
		default: 'getAll',
	},
	...create.properties,
	...upsert.properties,
	...del.properties,
	...get.properties,
	...getAll.properties,
];
