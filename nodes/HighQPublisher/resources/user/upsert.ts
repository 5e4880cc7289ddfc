import { upsertOperation } from '../../../shared/upsert';
import { createOrUpdate } from '../../routing';

/** Create or Update: takes the Create fields (shown for both operations in create.ts). */
export const { option, properties } = upsertOperation({
	request: { method: 'POST', url: '/api/2/users' },
	pagination: createOrUpdate,
	notice: 'Matches the existing user by Email. The fields you set are merged into that user and every other field is kept; a user that already has every value is not written to.',
});
