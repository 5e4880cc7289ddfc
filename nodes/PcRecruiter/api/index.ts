import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { ErrorHints } from '../../shared/errors';
import type { PagingStyle } from '../../shared/paging';
import { call, listAll, type ApiContext, type RequestOptions, type Vendor } from '../../shared/transport';
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
export const PCR_PAGING: PagingStyle = {
	type: 'page',
	pageParam: 'Page',
	sizeParam: 'ResultsPerPage',
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

/** Every user (`GET /users`, with the request's `Fields`), or the first `limit`. */
export async function listUsers(ctx: ApiContext, request: RequestOptions, options: { limit?: number } = {}): Promise<IDataObject[]> {
	return await listAll(ctx, PCRECRUITER, PCR_PAGING, { ...request, url: '/users' }, readResultsPage, options);
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
