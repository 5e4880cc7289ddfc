import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { ListPlan } from '../shared/listOperation';
import { route } from '../shared/routing';
import { listTeams, listUsers, requestRecord, requestResults } from './api';

/** The PCRecruiter operations' hooks into the API layer (./api). */

export const getUser = route(async (ctx, request) => await requestRecord(ctx, request));

/** Get Many: the users, all or the first `limit`. */
export const getUsers: ListPlan['list'] = async (ctx, request, limit) => await listUsers(ctx, request, { limit });

/** preSend of Get Many: Options → Include Teams asks for each user's teams (`Fields=Teams`). */
export async function teamsField(this: IExecuteSingleFunctions, request: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	if (this.getNodeParameter('options.includeTeams', false)) request.qs = { ...(request.qs ?? {}), Fields: 'Teams' };
	return request;
}

export const getTeams = route(async (ctx, request) => await listTeams(ctx, request));

export const getEmailAliases = route(async (ctx, request) => await requestResults(ctx, request));
