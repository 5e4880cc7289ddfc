import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idPath } from '../../../shared/validate';
import { USER_ID } from '../../params';
import { deleted } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a user',
	description: 'Delete a user by ID',
	routing: {
		request: { method: 'DELETE', url: '/api/v1/Users' },
		send: { paginate: true, preSend: [idPath('/api/v1/Users/{id}', USER_ID)] },
		operations: { pagination: deleted },
	},
};

export const properties: INodeProperties[] = [];
