import { upsertOperation } from '../../../shared/upsert';
import { userBody } from '../../params';
import { createOrUpdate } from '../../routing';

/** Create or Update, as "create if missing": takes the Create fields (shown for both operations in create.ts). */
export const { option, properties } = upsertOperation({
	request: { method: 'POST', url: '/user' },
	preSend: [userBody],
	pagination: createOrUpdate,
	notice: 'The Forms On Fire API has no update: this creates the user when no user has this Email, and outputs an existing user as it is (action: unchanged).',
	// Not n8n's standard upsert wording: this API cannot update, and the description must not promise it.
	description: 'Create a new user if no user has this email; an existing user is output as it is, since the Forms On Fire API has no update',
});
