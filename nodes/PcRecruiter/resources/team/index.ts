import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll';

export const teamDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['team'] } },
		options: [getAll.option],
		default: 'getAll',
	},
];
