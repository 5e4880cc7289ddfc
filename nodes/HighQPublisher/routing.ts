import type { IDataObject } from 'n8n-workflow';

import type { ListPlan } from '../shared/listOperation';
import { route } from '../shared/routing';
import { readOf } from '../shared/transport';
import { keyText, type UpsertSteps } from '../shared/upsert';
import { refuse } from '../shared/validate';
import { archiveUser, createUser, credentialTypeOf, findByEmail, HIGHQ_PAGING, listUsers, mergeUser, putUser, requestUser, updateUser, userPath } from './api';
import { formatOf, newUser, userFromFields } from './params';

/** The HighQ operations' hooks into the API layer (./api). */

/** Get Many: the users of the request, all or the first `limit`. */
export const getMany: ListPlan['list'] = async (ctx, request, limit) => await listUsers(ctx, request, { limit });

export const getOne = route(async (ctx, request) => await requestUser(ctx, request));

/** Create: the item is HighQ's answer, or the user sent when it answered nothing. */
export const created = route(async (ctx, request) => {
	const user = newUser(ctx);
	return (await createUser(ctx, request, user, formatOf(ctx))) ?? user;
});

/** Update: only the fields the workflow set change; every other field of the user is kept. */
export const updated = route(async (ctx, request) => {
	const fields = (ctx.getNodeParameter('updateFields', {}) ?? {}) as IDataObject;
	const patch = userFromFields(ctx, fields, 'updateFields');
	if (!Object.keys(patch).length) refuse(ctx, 'Update Fields', 'updateFields', 'set at least one field to change');
	return await updateUser(ctx, request, patch, formatOf(ctx));
});

/** Archive: HighQ's answer, or `{ userId, archived: true }` for an empty one. */
export const archived = route(async (ctx, request) => {
	const answer = await archiveUser(ctx, request);
	return answer ?? { userId: String(ctx.getNodeParameter('userId', '')).trim(), archived: true };
});

/**
 * Create or Update for HighQ: the email finds the user (`GET /api/2/users/<email>`, 404 when
 * there is none); an update reads nothing more, merges the fields that differ into the user
 * it found and PUTs the whole user back, so no field is wiped.
 *
 * Read once per run, the list (`fields=all`) decides which users differ. What a list entry
 * holds and which users a list leaves out are not documented, so a user about to be updated
 * is read whole first (the PUT replaces the whole user), and an email the list does not have
 * is looked up before a user is created.
 */
export const HIGHQ_UPSERT: UpsertSteps = {
	noun: 'HighQ user',
	wanted: (ctx) => newUser(ctx),
	keyOf: (_ctx, wanted) => `Email "${String(wanted.email)}"`,
	matchKey: (_ctx, wanted) => keyText(wanted.email, true) ?? '',
	find: async (ctx, create, wanted) => await findByEmail(ctx, create, String(wanted.email)),
	async create(ctx, create, wanted) {
		// HighQ may answer with a summary: the user as sent, completed by what it answered.
		const written = await createUser(ctx, create, wanted, formatOf(ctx));
		return written ? mergeUser(wanted, written) : wanted;
	},
	async update(ctx, create, current, changes) {
		const merged = mergeUser(current, changes);
		const written = await putUser(ctx, { ...create, url: userPath(String(current.id)) }, merged, formatOf(ctx));
		return written ? mergeUser(merged, written) : merged;
	},
	idOf: (user) => String(user.id),
	directory: {
		list: async (ctx, create, options) => await listUsers(ctx, readOf(create, '/api/2/users', { fields: 'all' }), options),
		pageSize: HIGHQ_PAGING.maxPageSize,
		keyer: () => (user) => keyText(user.email, true),
		scope: (ctx) => credentialTypeOf(ctx),
		confirmMissing: true,
		readWhole: async (ctx, create, user) => await requestUser(ctx, readOf(create, userPath(String(user.id)), {})),
	},
};
