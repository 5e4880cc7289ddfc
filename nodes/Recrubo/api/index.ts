import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { ErrorHints } from '../../shared/errors';
import type { CollectOptions, PagingStyle } from '../../shared/paging';
import { call, listAll, readOf, type ApiContext, type RequestOptions, type Vendor } from '../../shared/transport';
import { encodeSegment } from '../../shared/validate';
import { readUser, readUserOrNothing, readUsersPage } from './readers';

/** Recrubo's public API (JSON:API): what to send and how to read it, for any n8n context. */

/** JSON:API's media type: Recrubo's requests and responses use it. */
export const JSON_API = 'application/vnd.api+json';

export const RECRUBO_HINTS: ErrorHints = {
	byStatus: {
		401: 'Recrubo refused the API key (access denied): check the API Key in the credential, and its Authorization Header setting (key only or Bearer).',
		403: 'The API key may not do this with users.',
		404: 'Recrubo has no user with this ID.',
		422: 'Recrubo did not accept the values sent: see the fields named above.',
	},
};

export const RECRUBO: Vendor = { credentialType: () => 'recruboApi', hints: RECRUBO_HINTS };

/** List paging: `page[number]` from 1 and `page[size]` up to 200. */
export const RECRUBO_PAGING: PagingStyle = {
	type: 'page',
	pageParam: 'page[number]',
	sizeParam: 'page[size]',
	firstPage: 1,
	maxPageSize: 200,
};

/** The API root from the credential. */
export function baseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

/** The request every call starts from, outside a declarative node (a trigger, a dropdown). */
export async function baseRequest(ctx: ApiContext): Promise<RequestOptions> {
	return { baseURL: baseUrl(await ctx.getCredentials('recruboApi')), headers: { Accept: JSON_API }, json: true };
}

export function userPath(id: string): string {
	return `/users/${encodeSegment(id)}`;
}

/** Every user the list request selects (its filters and sort), or the first `limit`. */
export async function listUsers(ctx: ApiContext, request: RequestOptions, options: CollectOptions & { simplify?: boolean } = {}): Promise<IDataObject[]> {
	return await listAll(ctx, RECRUBO, RECRUBO_PAGING, { ...request, url: '/users' }, (r) => readUsersPage(r, options.simplify !== false), options);
}

/** One page of the list request as it is (a lookup by a filter). */
export async function findUsers(ctx: ApiContext, request: RequestOptions): Promise<IDataObject[]> {
	return (await call(ctx, RECRUBO, request, (r) => readUsersPage(r, true))).entries;
}

/** The request as RoutingNode built it (its method, URL and body), answered with one user. */
export async function requestUser(ctx: ApiContext, request: RequestOptions, simplify = true): Promise<IDataObject> {
	return await call(ctx, RECRUBO, request, (r) => readUser(r, simplify));
}

/** A PATCH: Recrubo answers 200 with no content, so the user is then read (GET) as it now is. */
export async function patchUser(ctx: ApiContext, request: RequestOptions, simplify = true): Promise<IDataObject> {
	const sent = await call(ctx, RECRUBO, request, (r) => readUserOrNothing(r, simplify));
	return sent ?? (await requestUser(ctx, readOf(request), simplify));
}

/** A DELETE: Recrubo answers 204. */
export async function deleteUser(ctx: ApiContext, request: RequestOptions): Promise<void> {
	await call(ctx, RECRUBO, request, () => undefined);
}
