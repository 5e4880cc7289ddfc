import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idPath } from '../../../shared/validate';
import { deleted } from '../../routing';
import { userIdProperty } from './fields';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a user',
	description: 'Delete a user by ID',
	routing: {
		request: { method: 'DELETE', url: '/users' },
		send: { paginate: true, preSend: [idPath('/users/{id}', { name: 'userId', label: 'User ID' })] },
		operations: { pagination: deleted },
	},
};

export const properties: INodeProperties[] = [userIdProperty('delete')];
