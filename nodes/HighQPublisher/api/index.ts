import type { ICredentialDataDecryptedObject, IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import type { ErrorHints } from '../../shared/errors';
import type { CollectOptions, PagingStyle } from '../../shared/paging';
import { BadResponse } from '../../shared/read';
import { call, listAll, type ApiContext, type RequestOptions, type Vendor } from '../../shared/transport';
import { unlessNotFound } from '../../shared/upsert';
import { encodeSegment } from '../../shared/validate';
import { mergeUser, withUserBody, type Format } from './bodies';
import { readLookup, readRequiredUser, readUser, readUsersPage } from './readers';

export { mergeUser, type Format } from './bodies';

/** HighQ Publisher's user API v2: what to send and how to read it, for any n8n context. */

export const HIGHQ_HINTS: ErrorHints = {
	byStatus: {
		400: 'HighQ refused the request: check the values the node sent.',
		401: 'HighQ refused the access token: check the credential, or reconnect the OAuth2 credential.',
		403: 'The HighQ user behind the token may not manage users (a system admin role is needed).',
		404: 'HighQ has no such user, or the Instance URL in the credential is wrong.',
	},
};

/** The credential the node's Authentication choice names. */
export function credentialTypeOf(ctx: ApiContext): string {
	const authentication = (ctx.getNodeParameter as (name: string, fallback: string) => unknown)('authentication', 'accessToken');
	return authentication === 'oAuth2' ? 'highQPublisherOAuth2Api' : 'highQPublisherApi';
}

export const HIGHQ: Vendor = { credentialType: credentialTypeOf, hints: HIGHQ_HINTS };

/** GET /api/2/users: `offset` (items to skip) and `limit` (at most 200, the API's default). */
export const HIGHQ_PAGING: PagingStyle = {
	type: 'offset',
	offsetParam: 'offset',
	limitParam: 'limit',
	maxPageSize: 200,
};

/** The instance URL with its context path, from the credential. */
export function baseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

/** The request every call starts from, outside a declarative node (a trigger, a dropdown). */
export async function baseRequest(ctx: ApiContext, format: Format = 'json'): Promise<RequestOptions> {
	const type = format === 'xml' ? 'application/xml' : 'application/json';
	return { baseURL: baseUrl(await ctx.getCredentials(credentialTypeOf(ctx))), headers: { Accept: type }, json: true };
}

export function userPath(idOrEmail: string): string {
	return `/api/2/users/${encodeSegment(idOrEmail)}`;
}

/**
 * Every user the request selects (filters, sort and fields in its query), or the first `limit`.
 * Whole users (`fields=all`) unless the query names its fields: without `fields` HighQ lists
 * user summaries (ID, email, link).
 */
export async function listUsers(ctx: ApiContext, request: RequestOptions, options: CollectOptions = {}): Promise<IDataObject[]> {
	const qs = { fields: 'all', ...(request.qs ?? {}) };
	return await listAll(ctx, HIGHQ, HIGHQ_PAGING, { ...request, url: '/api/2/users', qs }, readUsersPage, options);
}

/** The request as built (a get by ID or email), answered with one user. */
export async function requestUser(ctx: ApiContext, request: RequestOptions): Promise<IDataObject> {
	return await call(ctx, HIGHQ, request, readRequiredUser);
}

/** POSTs `user`; HighQ may answer with a summary, or nothing (then the user as sent). */
export async function createUser(ctx: ApiContext, request: RequestOptions, user: IDataObject, format: Format): Promise<IDataObject | undefined> {
	return await call(ctx, HIGHQ, withUserBody(request, 'POST', user, format), readUser);
}

/** PUTs the whole `user` to the request's URL; gives HighQ's answer, if it sent one. */
export async function putUser(ctx: ApiContext, request: RequestOptions, user: IDataObject, format: Format): Promise<IDataObject | undefined> {
	return await call(ctx, HIGHQ, withUserBody(request, 'PUT', user, format), readUser);
}

function readCurrentUser(response: IN8nHttpFullResponse): IDataObject {
	const user = readUser(response);
	if (!user) throw new BadResponse('HighQ sent no user to update', 'Reading the current user gave an empty answer, so nothing was written.');
	return user;
}

/**
 * HighQ's PUT replaces the whole user, so the user at the request's URL is read first, the
 * `patch` merged into it, and the merged whole user written back.
 */
export async function updateUser(ctx: ApiContext, request: RequestOptions, patch: IDataObject, format: Format): Promise<IDataObject> {
	const { body: _body, ...read } = request;
	const current = await call(ctx, HIGHQ, { ...read, method: 'GET' }, readCurrentUser);
	const merged = mergeUser(current, patch);
	return (await putUser(ctx, read, merged, format)) ?? merged;
}

/** The request as built (POST …/archive); HighQ's answer, if it sent one. */
export async function archiveUser(ctx: ApiContext, request: RequestOptions): Promise<IDataObject | undefined> {
	return await call(ctx, HIGHQ, request, readUser);
}

/** The users with this email (one, as HighQ reads a user by email), or none when HighQ answers 404. */
export async function findByEmail(ctx: ApiContext, request: RequestOptions, email: string): Promise<IDataObject[]> {
	const { body: _body, ...read } = request;
	return (await unlessNotFound(call(ctx, HIGHQ, { ...read, method: 'GET', url: userPath(email) }, readLookup))) ?? [];
}
