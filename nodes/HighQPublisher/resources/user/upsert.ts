import { upsertOperation } from '../../../shared/upsertOperation';
import { baseRequest } from '../../api';
import { formatOf } from '../../params';
import { HIGHQ_UPSERT } from '../../routing';

/** Create or Update: takes the Create fields (shown for both operations in create.ts). */
export const { option, properties, run } = upsertOperation({
	base: async (ctx) => await baseRequest(ctx, formatOf(ctx)),
	request: { method: 'POST', url: '/api/2/users' },
	steps: HIGHQ_UPSERT,
	notice:
		'Matches the existing user by Email. The fields you set are merged into that user and every other field is kept; a user that already has every value is not written to, and the same person twice in the input is written once. Lookups: One Request per Item costs one request per person; Fetch All Users Once reads the whole user list once per run (one request per 200 users), then reads each user it updates and checks each email it would create; Automatic picks whichever costs fewer requests.',
});
