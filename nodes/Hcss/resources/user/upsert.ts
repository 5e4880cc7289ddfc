import { upsertOperation } from '../../../shared/upsertOperation';
import { baseRequest } from '../../api';
import { userBodyPreSend } from '../../params';
import { HCSS_UPSERT } from '../../routing';

/** Create or Update: takes the Create fields (shown for both operations in create.ts). */
export const { option, properties, run } = upsertOperation({
	base: baseRequest,
	request: { method: 'POST', url: '/api/v1/Users' },
	preSend: [userBodyPreSend('create')],
	steps: HCSS_UPSERT,
	notice:
		'Matches the existing user by User Name. Only the fields that differ are sent; a user that already has every value is not written to, and the same person twice in the input is written once. Lookups: One Request per Item costs one request per person; Fetch All Users Once reads the whole user list once per run (one request per 1,000 users) and matches in memory; Automatic picks whichever costs fewer requests.',
});
