import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { userIdQuery } from '../../params';
import { deleted } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a user',
	description: 'Delete one user by ID',
	routing: {
		request: { method: 'DELETE', url: '/user' },
		send: { paginate: true, preSend: [userIdQuery] },
		operations: { pagination: deleted },
	},
};

/** The User ID parameter is shared with Get (see get.ts). */
export const properties: INodeProperties[] = [];
