import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { ErrorHints } from '../../shared/errors';
import type { PagingStyle } from '../../shared/paging';
import { call, listAll, readOf, type ApiContext, type RequestOptions, type Vendor } from '../../shared/transport';
import { compact } from '../../shared/validate';
import { baseUrl } from './auth';
import { groupOptions, readEnvelope, readGroupsPage, readUser, readUsersPage, withoutSecrets } from './readers';

/**
 * Forms On Fire's API v2 (and its white-label servers): what to send and how to read it, for
 * any n8n context. CompanyId and IntegrationKey are placed by the credential (./auth).
 */

export const FOF_HINTS: ErrorHints = {
	byStatus: {
		401: 'The server refused the Company ID or Integration Key in the credential.',
		403: 'The Integration Key in the credential may not manage users.',
		404: 'The server has no such user, or the Server in the credential is not a Forms On Fire API.',
	},
};

export const FORMS_ON_FIRE: Vendor = { credentialType: () => 'formsOnFireApi', hints: FOF_HINTS };

/** Search paging (users and user groups): `PageNo` from 0, `PageSize` up to 250, `TotalRows` in the envelope. */
export const FOF_USER_PAGING: PagingStyle = {
	type: 'page',
	pageParam: 'PageNo',
	sizeParam: 'PageSize',
	firstPage: 0,
	maxPageSize: 250,
};

/** The request every call starts from, outside a declarative node (a trigger, a dropdown). */
export async function baseRequest(ctx: ApiContext, format: 'json' | 'xml' = 'json'): Promise<RequestOptions> {
	return {
		baseURL: baseUrl(await ctx.getCredentials('formsOnFireApi')),
		qs: { format },
		headers: { Accept: format === 'xml' ? 'application/xml' : 'application/json' },
		json: true,
	};
}

/** The users the search request selects (it needs a Name, Email or ExternalId), or the first `limit`. */
export async function searchUsers(ctx: ApiContext, request: RequestOptions, options: { limit?: number } = {}): Promise<IDataObject[]> {
	return await listAll(ctx, FORMS_ON_FIRE, FOF_USER_PAGING, { ...request, url: '/user/search' }, readUsersPage, options);
}

/** The request as built (a get by ID), answered with one user. */
export async function requestUser(ctx: ApiContext, request: RequestOptions): Promise<IDataObject> {
	return await call(ctx, FORMS_ON_FIRE, request, readUser);
}

/** POSTs `fields` (the request's body): the item is the fields sent, with what the server returned (Id, Status) over them. */
export async function createUser(ctx: ApiContext, request: RequestOptions, fields: IDataObject): Promise<IDataObject> {
	const returned = await call(ctx, FORMS_ON_FIRE, request, readUser);
	return { ...withoutSecrets(fields), ...compact(returned) };
}

/** The request as built (DELETE /user?Id=): 200, or an error in the envelope. */
export async function deleteUser(ctx: ApiContext, request: RequestOptions): Promise<void> {
	await call(ctx, FORMS_ON_FIRE, request, readEnvelope);
}

/** One page of the users whose email is `email` (the search matches more loosely: the caller compares). */
export async function findByEmail(ctx: ApiContext, request: RequestOptions, email: string): Promise<IDataObject[]> {
	const lookup = readOf(request, '/user/search', { ...(request.qs ?? {}), Email: email, PageNo: 0, PageSize: 25 });
	return (await call(ctx, FORMS_ON_FIRE, lookup, readUsersPage)).entries;
}

/** Every user group (`/usergroup/search`, page by page) as dropdown options, by name. */
export async function listGroupOptions(ctx: ApiContext): Promise<INodePropertyOptions[]> {
	const request = { ...(await baseRequest(ctx)), url: '/usergroup/search' };
	return groupOptions(await listAll(ctx, FORMS_ON_FIRE, FOF_USER_PAGING, request, readGroupsPage));
}
