import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idPath } from '../../../shared/validate';
import { oneUser } from '../../routing';
import { userIdProperty } from './fields';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a user',
	description: 'Get one user by ID',
	routing: {
		request: { method: 'GET', url: '/users' },
		send: { paginate: true, preSend: [idPath('/users/{id}', { name: 'userId', label: 'User ID' })] },
		operations: { pagination: oneUser },
	},
};

export const properties: INodeProperties[] = [userIdProperty('get')];
