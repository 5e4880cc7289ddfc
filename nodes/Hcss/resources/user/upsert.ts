import { upsertOperation } from '../../../shared/upsert';
import { userBodyPreSend } from '../../params';
import { createOrUpdate } from '../../routing';

/** Create or Update: takes the Create fields (shown for both operations in create.ts). */
export const { option, properties } = upsertOperation({
	request: { method: 'POST', url: '/api/v1/Users' },
	preSend: [userBodyPreSend('create')],
	pagination: createOrUpdate,
	notice: 'Matches the existing user by User Name. Only the fields that differ are sent; a user that already has every value is not written to.',
});
