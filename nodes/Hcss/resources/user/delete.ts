import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idPath } from '../../../shared/validate';
import { awaitFirstToken, deletedItem, hcssSend, USER_ID, WRITE_HINTS } from '../../helpers';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a user',
	description: 'Delete a user by ID',
	routing: {
		request: { method: 'DELETE', url: '/api/v1/Users' },
		send: { paginate: true, preSend: [idPath('/api/v1/Users/{id}', USER_ID), awaitFirstToken] },
		operations: { pagination: hcssSend(WRITE_HINTS) },
		output: { postReceive: [deletedItem] },
	},
};

export const properties: INodeProperties[] = [];
