import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as getByUserName from './getByUserName';
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
		options: [create.option, upsert.option, sync.option, del.option, get.option, getByUserName.option, getAll.option, update.option],
		default: 'getAll',
	},
	...get.properties,
	...getByUserName.properties,
	...getAll.properties,
	...create.properties,
	...upsert.properties,
	...sync.properties,
	...update.properties,
	...del.properties,
];
