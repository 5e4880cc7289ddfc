import { NodeApiError, type ICredentialDataDecryptedObject, type IDataObject, type JsonObject } from 'n8n-workflow';

import type { ErrorHints } from '../../shared/errors';
import { collect, type Page, type PagingStyle } from '../../shared/paging';
import { CredentialOnce } from '../../shared/credentialOnce';
import { maxInFlightOf } from '../../shared/inflight';
import { call, type ApiContext, type RequestOptions, type Vendor } from '../../shared/transport';
import { readRecord, readResultsPage, teamsFromUsers } from './readers';

/** PCRecruiter's REST API: what to send and how to read it, for any n8n context. */

export const PCR_HINTS: ErrorHints = {
	byStatus: {
		401: 'PCRecruiter refused the session even after a fresh login: check the Database ID, Username, Password, API Key and App ID in the credential.',
		403: 'The PCRecruiter user in the credential may not read users.',
		404: 'PCRecruiter has no such record.',
	},
};

export const PCRECRUITER: Vendor = { credentialType: () => 'pcRecruiterApi', hints: PCR_HINTS };

/** List paging: `Page` from 1 and `ResultsPerPage`, with `TotalRecords` in the envelope. */
const SIZE_PARAM = 'ResultsPerPage';

export const PCR_PAGING: PagingStyle = {
	type: 'page',
	pageParam: 'Page',
	sizeParam: SIZE_PARAM,
	firstPage: 1,
	maxPageSize: 500,
};

/** The API root from the credential. */
export function baseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

/** The request every call starts from, outside a declarative node (a trigger, a dropdown). */
export async function baseRequest(ctx: ApiContext, format: 'json' | 'xml' = 'json'): Promise<RequestOptions> {
	return {
		baseURL: baseUrl(await ctx.getCredentials('pcRecruiterApi')),
		headers: { Accept: format === 'xml' ? 'application/xml' : 'application/json', 'Accept-Encoding': 'gzip' },
		json: true,
	};
}

/**
 * Every user (`GET /users`, with the request's `Fields`), or the first `limit`.
 *
 * PCRecruiter does not document how `/users` pages: the first page is asked at the largest
 * size, and when it comes back smaller than asked while `TotalRecords` says more remain, the
 * server's own page size is used for the pages after it (a server that places page N at
 * (N-1) x the size asked for would otherwise skip users). A whole listing that ends before
 * `TotalRecords` is an error, not a shorter directory: a trigger would never see the users
 * left out, so one of them deleted would never be reported.
 */
export async function listUsers(ctx: ApiContext, request: RequestOptions, options: { limit?: number } = {}): Promise<IDataObject[]> {
	const list: RequestOptions = { ...request, method: 'GET', url: '/users' };
	let pageSize: number | undefined;
	let total: number | undefined;
	// as listAll: the credential read once for all the pages, and pages at once within Max Requests at Once
	const credential = await CredentialOnce.load(ctx, 'pcRecruiterApi');
	const fetchPage = async (query: IDataObject): Promise<Page> => {
		const asked = pageSize ?? Number(query[SIZE_PARAM]);
		const page = await call(ctx, PCRECRUITER, { ...list, qs: { ...(list.qs ?? {}), ...query, [SIZE_PARAM]: asked } }, readResultsPage, undefined, credential);
		const count = page.entries.length;
		if (page.info.total !== undefined) total = page.info.total;
		if (pageSize === undefined && count > 0 && count < asked && total !== undefined && total > count) pageSize = count;
		return page;
	};
	const users = await collect(ctx.getNode(), PCR_PAGING, fetchPage, { pagesAtOnce: maxInFlightOf(ctx.getNode()), ...options });
	if (options.limit === undefined && total !== undefined && users.length < total) {
		throw new NodeApiError(ctx.getNode(), {} as JsonObject, {
			message: `PCRecruiter listed ${users.length} users but reported ${total}: the list was not read completely`,
			description: `The pages (Page and ResultsPerPage) ended before TotalRecords was reached. Nothing was done with the partial list; try again later.`,
		});
	}
	return users;
}

/** Every team, with its members' user names, from every user's `Teams`. */
export async function listTeams(ctx: ApiContext, request: RequestOptions): Promise<IDataObject[]> {
	return teamsFromUsers(await listUsers(ctx, { ...request, qs: { ...(request.qs ?? {}), Fields: 'Teams' } }));
}

/** The request as built, answered with one record (a user by user name). */
export async function requestRecord(ctx: ApiContext, request: RequestOptions): Promise<IDataObject> {
	return await call(ctx, PCRECRUITER, request, readRecord);
}

/** The request as built, answered with one list (`Results`) that has no paging (email aliases). */
export async function requestResults(ctx: ApiContext, request: RequestOptions): Promise<IDataObject[]> {
	return (await call(ctx, PCRECRUITER, request, readResultsPage)).entries;
}
