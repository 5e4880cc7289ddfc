import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { userPath } from '../../params';
import { archived } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Archive',
	value: 'archive',
	action: 'Archive a user',
	description: "Archive a user (the API's delete)",
	routing: {
		request: { method: 'POST', url: '/api/2/users' },
		send: { paginate: true, preSend: [userPath('/archive')] },
		operations: { pagination: archived },
	},
};

export const properties: INodeProperties[] = [];
