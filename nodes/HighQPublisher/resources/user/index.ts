import type { INodeProperties } from 'n8n-workflow';

import * as archive from './archive';
import * as create from './create';
import * as get from './get';
import * as getAll from './getAll';
import * as update from './update';
import * as sync from './sync';
import * as upsert from './upsert';

export const userDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [archive.option, create.option, upsert.option, sync.option, get.option, getAll.option, update.option],
		default: 'get',
	},
	...get.properties,
	...getAll.properties,
	...create.properties,
	...upsert.properties,
	...sync.properties,
	...update.properties,
	...archive.properties,
];

export { listOptions } from './getAll';
