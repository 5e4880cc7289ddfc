import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll';

export const emailAliasDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['emailAlias'] } },
		options: [getAll.option],
		default: 'getAll',
	},
];
