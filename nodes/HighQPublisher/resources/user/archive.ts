import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { sendOnce } from '../../../shared/request';
import { archivedToItem, HIGHQ_HINTS, userPath } from '../../helpers';

export const option: INodePropertyOptions = {
	name: 'Archive',
	value: 'archive',
	action: 'Archive a user',
	description: "Archive a user (the API's delete)",
	routing: {
		request: { method: 'POST', url: '/api/2/users' },
		send: { paginate: true, preSend: [userPath('/archive')] },
		operations: { pagination: sendOnce(HIGHQ_HINTS) },
		output: { postReceive: [archivedToItem] },
	},
};

export const properties: INodeProperties[] = [];
