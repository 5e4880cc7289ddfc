import type { ListPlan } from '../shared/listOperation';
import { route } from '../shared/routing';
import { hasValue, keyText, type UpsertSteps } from '../shared/upsert';
import { param } from '../shared/validate';
import { createUser, deleteUser, findByEmail, requestUser, searchUsers } from './api';
import { withoutSecrets } from './api/readers';
import { USER_ID, userFields } from './params';

/** The Forms On Fire operations' hooks into the API layer (./api). */

/** Get Many: the users the search finds, all or the first `limit`. */
export const search: ListPlan['list'] = async (ctx, request, limit) => await searchUsers(ctx, request, { limit });

export const getOne = route(async (ctx, request) => await requestUser(ctx, request));

export const created = route(async (ctx, request) => await createUser(ctx, request, userFields(ctx)));

export const deleted = route(async (ctx, request) => {
	await deleteUser(ctx, request);
	return { deleted: true, id: param(ctx, USER_ID)! };
});

/**
 * Create or Update for Forms On Fire, whose API documents no update: the email finds the
 * user (`/user/search?Email=`, exact match without regard to case); a user that exists is
 * output as it is, with `action: "unchanged"`, and only a missing one is created.
 */
export const FOF_UPSERT: UpsertSteps = {
	noun: 'Forms On Fire user',
	wanted: (ctx) => withoutSecrets(userFields(ctx)),
	keyOf: (_ctx, wanted) => `Email "${String(wanted.Email)}"`,
	matchKey: (_ctx, wanted) => keyText(wanted.Email, true) ?? '',
	async find(ctx, create, wanted) {
		const email = String(wanted.Email);
		const found = await findByEmail(ctx, create, email);
		return found.filter((user) => hasValue(user.Email, email, 'Email'));
	},
	create: async (ctx, create) => await createUser(ctx, create, userFields(ctx)),
	idOf: (user) => String(user.Id),
	// No directory: the search needs a name, email or external ID, so the API cannot list everyone.
};
