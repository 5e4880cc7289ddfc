import { NodeOperationError, type IDataObject, type IExecuteSingleFunctions } from 'n8n-workflow';

import type { ListPlan } from '../shared/listOperation';
import { route } from '../shared/routing';
import { readOf } from '../shared/transport';
import { hasValue, keyText, type UpsertSteps } from '../shared/upsert';
import { refuse } from '../shared/validate';
import { deleteUser, findUsers, listUsers, patchUser, RECRUBO_PAGING, requestUser, userPath } from './api';

/** The Recrubo operations' hooks into the API layer (./api). */

function simplifyOf(ctx: IExecuteSingleFunctions): boolean {
	return ctx.getNodeParameter('simplify', true) !== false;
}

/** Get Many: the users of the request, all or the first `limit`. */
export const getMany: ListPlan['list'] = async (ctx, request, limit) => await listUsers(ctx, request, { limit, simplify: simplifyOf(ctx) });

/** Get and Create: the request as built, answered with one user. */
export const oneUser = route(async (ctx, request) => await requestUser(ctx, request, simplifyOf(ctx)));

/** Update: PATCH, then the user as it is afterwards. */
export const updated = route(async (ctx, request) => await patchUser(ctx, request, simplifyOf(ctx)));

/** Delete: Recrubo answers 204 with no body, so say what was done. */
export const deleted = route(async (ctx, request) => {
	await deleteUser(ctx, request);
	return { deleted: true, id: String(ctx.getNodeParameter('userId', '')).trim() };
});

const MATCH_KEYS: Record<string, string> = { email: 'Email', externalId: 'External ID' };

function matchOnOf(ctx: IExecuteSingleFunctions): string {
	const matchOn = String(ctx.getNodeParameter('matchOn', 'email'));
	if (!(matchOn in MATCH_KEYS)) refuse(ctx, 'Match On', 'matchOn', 'not one of email, externalId', `The value given was "${matchOn.slice(0, 50)}".`);
	return matchOn;
}

/** The match key of a value of the Match On field, as Recrubo compares it (`[eql]` for email). */
function matchKeyOf(matchOn: string, value: unknown): string | undefined {
	const text = keyText(value, matchOn === 'email');
	return text === undefined ? undefined : `${matchOn}:${text}`;
}

/**
 * Create or Update for Recrubo: match on email (case-insensitive) or external ID with
 * `filter[...]`, or in the list of every user read once per run; PATCH only what differs.
 */
export const RECRUBO_UPSERT: UpsertSteps = {
	noun: 'Recrubo user',
	wanted(ctx, create) {
		const body = create.body as IDataObject;
		const attributes = { ...((body.data as IDataObject).attributes as IDataObject) };
		const matchOn = matchOnOf(ctx);
		if (attributes[matchOn] === undefined) {
			const label = MATCH_KEYS[matchOn];
			throw new NodeOperationError(ctx.getNode(), `${label}: required to find the user to create or update`, {
				description: `Create or Update matches users on ${label}: set it under "Additional Fields" (additionalFields.${matchOn}), or choose another "Match On" (matchOn).`,
				itemIndex: ctx.getItemIndex(),
			});
		}
		return attributes;
	},
	keyOf(ctx, wanted) {
		const matchOn = matchOnOf(ctx);
		return `${MATCH_KEYS[matchOn]} "${String(wanted[matchOn])}"`;
	},
	matchKey(ctx, wanted) {
		const matchOn = matchOnOf(ctx);
		return matchKeyOf(matchOn, wanted[matchOn]) ?? `${matchOn}:`;
	},
	async find(ctx, create, wanted) {
		const matchOn = matchOnOf(ctx);
		const value = String(wanted[matchOn]);
		const filter = matchOn === 'email' ? 'filter[email][eql]' : `filter[${matchOn}]`;
		const found = await findUsers(ctx, readOf(create, '/users', { [filter]: value, 'page[size]': 25 }));
		return found.filter((user) => hasValue(user[matchOn], value, matchOn));
	},
	async create(ctx, create) {
		return await requestUser(ctx, create);
	},
	async update(ctx, create, current, changes) {
		const url = userPath(String(current.id));
		return await patchUser(ctx, { ...create, method: 'PATCH', url, body: { data: { type: 'users', id: current.id, attributes: changes } } });
	},
	idOf: (user) => String(user.id),
	directory: {
		list: async (ctx, create, options) => await listUsers(ctx, readOf(create, '/users', {}), options),
		pageSize: RECRUBO_PAGING.maxPageSize,
		keyer: (ctx) => {
			const matchOn = matchOnOf(ctx);
			return (user) => matchKeyOf(matchOn, user[matchOn]);
		},
		scope: (ctx) => matchOnOf(ctx),
	},
};
