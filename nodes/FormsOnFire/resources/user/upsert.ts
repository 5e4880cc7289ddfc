import { upsert, upsertOperation } from '../../../shared/upsert';
import { FOF_UPSERT, userBody } from '../../helpers';
import { FOF_HINTS } from '../hints';

/** Create or Update, as "create if missing": takes the Create fields (shown for both operations in create.ts). */
export const { option, properties } = upsertOperation({
	request: { method: 'POST', url: '/user' },
	preSend: [userBody],
	pagination: upsert(FOF_UPSERT, FOF_HINTS),
	notice: 'The Forms On Fire API has no update: this creates the user when no user has this Email, and outputs an existing user as it is (action: unchanged).',
	// Not n8n's standard upsert wording: this API cannot update, and the description must not promise it.
	description: 'Create a new user if no user has this email; an existing user is output as it is, since the Forms On Fire API has no update',
});
