import type { IDataObject } from 'n8n-workflow';

import type { ListPlan } from '../shared/listOperation';
import { route } from '../shared/routing';
import { readOf } from '../shared/transport';
import { keyText, type UpsertSteps } from '../shared/upsert';
import { param } from '../shared/validate';
import { createUser, findByUserName, HCSS_PAGING, listUsers, patchUser, requestUser, sendWrite, userPath, WRITE_HINTS } from './api';
import { USER_ID } from './params';

/** The HCSS operations' hooks into the API layer (./api). */

/** Get Many: the users of the request, all or the first `limit`. */
export const getMany: ListPlan['list'] = async (ctx, request, limit) => await listUsers(ctx, request, { limit });

/** Get and Get by User Name: the request as built, answered with one user. */
export const readUser = route(async (ctx, request) => await requestUser(ctx, request));

/** Create: HCSS answers 201 with the new user. */
export const created = route(async (ctx, request) => await requestUser(ctx, request, WRITE_HINTS));

/** Update: HCSS answers 204, so the user is read back and output as it now is. */
export const updated = route(async (ctx, request) => await patchUser(ctx, request));

/** Delete: HCSS answers 204 with no body. */
export const deleted = route(async (ctx, request) => {
	await sendWrite(ctx, request);
	return { deleted: true, id: param(ctx, USER_ID)! };
});

/**
 * Create or Update for HCSS: the user name finds the user (it is unique), PATCH sends only
 * what differs. In the list read once per run, user names are compared without regard to
 * case (the way HCSS's sign-in treats them is not documented; two users whose names differ
 * only in case make that item fail as ambiguous rather than pick one).
 */
export const HCSS_UPSERT: UpsertSteps = {
	noun: 'HCSS user',
	wanted: (_ctx, create) => ({ ...(create.body as IDataObject) }),
	keyOf: (_ctx, wanted) => `User Name "${String(wanted.userName)}"`,
	matchKey: (_ctx, wanted) => keyText(wanted.userName, true) ?? '',
	find: async (ctx, create, wanted) => await findByUserName(ctx, create, String(wanted.userName)),
	create: async (ctx, create) => await createUser(ctx, create),
	async update(ctx, create, current, changes) {
		const url = userPath(String(current.id));
		return await patchUser(ctx, { ...create, method: 'PATCH', url, body: changes }, 'lenient');
	},
	idOf: (user) => String(user.id),
	directory: {
		list: async (ctx, create, options) => await listUsers(ctx, readOf(create, '/api/v1/Users', {}), options),
		pageSize: HCSS_PAGING.maxPageSize,
		keyer: () => (user) => keyText(user.userName, true),
	},
};
