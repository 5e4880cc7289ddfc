import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as del from './delete';
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
		options: [create.option, upsert.option, sync.option, del.option, get.option, getAll.option, update.option],
		default: 'getAll',
	},
	...create.properties,
	...del.properties,
	...get.properties,
	...getAll.properties,
	...update.properties,
	...upsert.properties,
	...sync.properties,
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions: { show: { resource: ['user'], operation: ['create', 'get', 'getAll', 'update'] } },
		description: 'Whether to return each user as its ID and attributes in one flat object instead of the raw JSON:API resource',
	},
];
