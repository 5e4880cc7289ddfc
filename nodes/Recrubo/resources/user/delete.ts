import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { sendOnce } from '../../../shared/request';
import { idPath } from '../../../shared/validate';
import { deletedToItem } from '../../helpers';
import { RECRUBO_HINTS } from '../hints';
import { userIdProperty } from './fields';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a user',
	description: 'Delete a user by ID',
	routing: {
		request: { method: 'DELETE', url: '/users' },
		send: { paginate: true, preSend: [idPath('/users/{id}', { name: 'userId', label: 'User ID' })] },
		operations: { pagination: sendOnce(RECRUBO_HINTS) },
		output: { postReceive: [deletedToItem] },
	},
};

export const properties: INodeProperties[] = [userIdProperty('delete')];
