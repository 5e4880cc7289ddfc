import { upsertOperation } from '../../../shared/upsertOperation';
import { baseRequest } from '../../api';
import { formatOf } from '../../../shared/descriptions';
import { userBody } from '../../params';
import { FOF_UPSERT } from '../../routing';

/** Create or Update, as "create if missing": takes the Create fields (shown for both operations in create.ts). */
export const { option, properties, run } = upsertOperation({
	base: async (ctx) => await baseRequest(ctx, formatOf(ctx)),
	request: { method: 'POST', url: '/user' },
	preSend: [userBody],
	steps: FOF_UPSERT,
	notice:
		'The Forms On Fire API has no update: this creates the user when no user has this Email, and outputs an existing user as it is (action: unchanged); the same person twice in the input is created once. Each person costs one search request: the API cannot list all users at once.',
	// Not n8n's standard upsert wording: this API cannot update, and the description must not promise it.
	description: 'Create a new user if no user has this email; an existing user is output as it is, since the Forms On Fire API has no update',
});
