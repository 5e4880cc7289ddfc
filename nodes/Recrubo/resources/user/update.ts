import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idPath } from '../../../shared/validate';
import { JSON_API } from '../../api';
import { updateBody } from '../../params';
import { updated } from '../../routing';
import { nameAttributes, optionalAttributes, userIdProperty } from './fields';

export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a user',
	description: 'Change fields of a user, and output the user as it is afterwards',
	routing: {
		request: { method: 'PATCH', url: '/users', headers: { 'Content-Type': JSON_API } },
		send: {
			paginate: true,
			preSend: [idPath('/users/{id}', { name: 'userId', label: 'User ID' }), updateBody],
		},
		operations: { pagination: updated },
	},
};

export const properties: INodeProperties[] = [
	userIdProperty('update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['user'], operation: ['update'] } },
		options: [
			{
				displayName: 'Candidate IDs',
				name: 'candidateIds',
				type: 'string',
				default: '',
				placeholder: '2e23b4b4-4b4b-4b4b-4b4b-4b4b4b4b4b4b, 7c1d…',
				description: "Comma-separated IDs of candidates to relate to the user (sent as relationships.candidates; JSON:API replaces the user's candidate list with these)",
			},
			...optionalAttributes.slice(0, 2),
			...nameAttributes.slice(0, 1),
			...nameAttributes.slice(1),
			...optionalAttributes.slice(2),
		],
	},
];
