import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { checkResponseStatus, sendOnce } from '../../../shared/request';
import { deletedUser, readEnvelope, userIdQuery } from '../../helpers';
import { FOF_HINTS } from '../hints';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a user',
	description: 'Delete one user by ID',
	routing: {
		request: { method: 'DELETE', url: '/user' },
		send: { paginate: true, preSend: [userIdQuery] },
		operations: { pagination: sendOnce(FOF_HINTS) },
		output: { postReceive: [readEnvelope, checkResponseStatus, deletedUser] },
	},
};

/** The User ID parameter is shared with Get (see get.ts). */
export const properties: INodeProperties[] = [];
