import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idPath } from '../../../shared/validate';
import { awaitFirstToken, hcssSend, USER_ID, userAfterUpdate, userBodyPreSend, WRITE_HINTS } from '../../helpers';
import { coreUpdateFields, optionalUserFields } from './fields';

export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a user',
	description: 'Change the fields you set and output the user as it is afterwards',
	routing: {
		request: { method: 'PATCH', url: '/api/v1/Users' },
		send: {
			paginate: true,
			preSend: [idPath('/api/v1/Users/{id}', USER_ID), userBodyPreSend('update'), awaitFirstToken],
		},
		operations: { pagination: hcssSend(WRITE_HINTS) },
		output: { postReceive: [userAfterUpdate] },
	},
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields you add are sent; HCSS leaves the others as they are',
		displayOptions: { show: { resource: ['user'], operation: ['update'] } },
		options: [...coreUpdateFields, ...optionalUserFields].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];
