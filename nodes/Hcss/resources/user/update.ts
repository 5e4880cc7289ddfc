import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idPath } from '../../../shared/validate';
import { USER_ID, userBodyPreSend } from '../../params';
import { updated } from '../../routing';
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
			preSend: [idPath('/api/v1/Users/{id}', USER_ID), userBodyPreSend('update')],
		},
		operations: { pagination: updated },
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
