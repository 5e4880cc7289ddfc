import type { ICredentialDataDecryptedObject, IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { ErrorHints } from '../../shared/errors';
import type { CollectOptions, Page, PagingStyle } from '../../shared/paging';
import { call, listAll, readOf, type ApiContext, type RequestOptions } from '../../shared/transport';
import { unlessNotFound } from '../../shared/upsert';
import { encodeSegment } from '../../shared/validate';
import { HCSS, HCSS_RECORDS, READ_HINTS, WRITE_HINTS } from './errors';
import { readLookup, readObject, readOptions, readUser, readUsersPage } from './readers';

export { HCSS, READ_HINTS, WRITE_HINTS } from './errors';

/** The HCSS Users API: what to send and how to read it, for any n8n context. */

/** List paging: `page` from 0 and `pageSize`; 50 is the API's default, 1000 what we ask for. */
export const HCSS_PAGING: Extract<PagingStyle, { type: 'page' }> = {
	type: 'page',
	pageParam: 'page',
	sizeParam: 'pageSize',
	firstPage: 0,
	maxPageSize: 1000,
};

/** The API root from the credential. */
export function baseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

/** The request every call starts from, outside a declarative node (a trigger, a dropdown). */
export async function baseRequest(ctx: ApiContext): Promise<RequestOptions> {
	return { baseURL: baseUrl(await ctx.getCredentials('hcssOAuth2Api')), headers: { Accept: 'application/json' }, json: true };
}

export function userPath(id: string): string {
	return `/api/v1/Users/${encodeSegment(id)}`;
}

/**
 * Every user the request selects (`businessUnitId` in its query), or the first `limit`.
 *
 * HCSS documents no largest page size. A list that says nothing of its length (a bare array)
 * and answers a first page shorter than asked may be the whole list, or a server's own cap:
 * the rest is then read at the page size the first page had (page 1, 2, ... of that size),
 * until a page is short or empty. That costs one request more for a short list, and never
 * loses the users past a cap. A server that ignores paging answers page 1 as it did page 0:
 * that page was the whole list.
 */
export async function listUsers(ctx: ApiContext, request: RequestOptions, options: CollectOptions = {}): Promise<IDataObject[]> {
	const list = { ...request, url: '/api/v1/Users' };
	const limit = options.limit ?? Infinity;
	let first: Page | undefined;
	const onFirst = (page: Page, index: number) => {
		if (index === 0) first = page;
		options.onPage?.(page, index);
	};
	const users = await listAll(ctx, HCSS, HCSS_PAGING, list, readUsersPage, { ...options, onPage: onFirst, hints: READ_HINTS });
	const cap = first && cappedSize(first, Math.min(HCSS_PAGING.maxPageSize, limit));
	if (!first || cap === undefined || users.length !== first.entries.length || users.length >= limit) return users;
	const firstPage = first.entries;
	const rest = await listAll(
		ctx,
		HCSS,
		// from page 1, at the first page's size (a Limit below it would change the size: rounded up to whole pages)
		{ ...HCSS_PAGING, firstPage: 1, maxPageSize: cap },
		list,
		(response) => {
			const page = readUsersPage(response);
			return samePage(page.entries, firstPage) ? { entries: [], info: {} } : page;
		},
		{ limit: limit === Infinity ? undefined : Math.ceil((limit - cap) / cap) * cap, onPage: (page, index) => options.onPage?.(page, index + 1), hints: READ_HINTS },
	);
	return users.concat(rest.slice(0, limit - users.length));
}

/** The page size a server may have capped the list at: a short first page that says nothing of the list's length. */
function cappedSize(page: Page, asked: number): number | undefined {
	const { total, pages, done } = page.info;
	if (total !== undefined || pages !== undefined || done !== undefined) return undefined;
	return page.entries.length > 0 && page.entries.length < asked ? page.entries.length : undefined;
}

function samePage(a: IDataObject[], b: IDataObject[]): boolean {
	return a.length === b.length && a.length > 0 && JSON.stringify(a[0]) === JSON.stringify(b[0]) && JSON.stringify(a[a.length - 1]) === JSON.stringify(b[b.length - 1]);
}

/** The request as built (get, get by user name, create), answered with one user. */
export async function requestUser(ctx: ApiContext, request: RequestOptions, hints = READ_HINTS): Promise<IDataObject> {
	return await call(ctx, HCSS, request, readUser, hints);
}

/** The users with this user name (one, as documented), or none when HCSS answers 404. */
export async function findByUserName(ctx: ApiContext, request: RequestOptions, userName: string): Promise<IDataObject[]> {
	const url = `/api/v1/Users/userName/${encodeSegment(userName)}`;
	return (await unlessNotFound(call(ctx, HCSS, readOf(request, url), readLookup, WRITE_HINTS))) ?? [];
}

/** A create whose answer may hold only the new ID: then the user is read back. */
export async function createUser(ctx: ApiContext, request: RequestOptions): Promise<IDataObject> {
	const user = await call(ctx, HCSS, request, readObject, WRITE_HINTS);
	if (typeof user.id === 'string' && (user.userName === undefined || user.firstName === undefined)) {
		return await call(ctx, HCSS, readOf(request, userPath(user.id)), readObject, WRITE_HINTS);
	}
	return user;
}

/**
 * A PATCH (HCSS answers 204), then the user read back as it now is. A failed read-back says
 * that the update itself went through.
 */
export async function patchUser(ctx: ApiContext, request: RequestOptions, readBack: 'strict' | 'lenient' = 'strict'): Promise<IDataObject> {
	await call(ctx, HCSS, request, () => undefined, WRITE_HINTS);
	if (readBack === 'lenient') return await call(ctx, HCSS, readOf(request), readObject, WRITE_HINTS);
	return await call(ctx, HCSS, readOf(request), readUser, READ_BACK_HINTS);
}

const READ_BACK_HINTS: ErrorHints = { ...READ_HINTS, note: 'The update was sent and accepted; reading the user back afterwards failed.' };

/** The request as built (a DELETE), whose answer has no body. */
export async function sendWrite(ctx: ApiContext, request: RequestOptions): Promise<void> {
	await call(ctx, HCSS, request, () => undefined, WRITE_HINTS);
}

const { 404: _userNotFound, ...recordHints } = READ_HINTS.byStatus ?? {};
const RECORD_HINTS: ErrorHints = { byStatus: recordHints };

/** A dropdown filled from an HCSS list endpoint of `{id, name}` records. */
export async function listOptions(ctx: ApiContext, path: string): Promise<INodePropertyOptions[]> {
	return await call(ctx, HCSS_RECORDS, { ...(await baseRequest(ctx)), method: 'GET', url: path }, readOptions, RECORD_HINTS);
}
