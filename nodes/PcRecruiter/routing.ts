import { route, routeList } from '../shared/routing';
import { listTeams, listUsers, requestRecord, requestResults } from './api';

/** The PCRecruiter operations' hooks into the API layer (./api). */

export const getUser = route(async (ctx, request) => await requestRecord(ctx, request));

export const getUsers = routeList(async (ctx, request, limit) => await listUsers(ctx, request, { limit }));

export const getTeams = route(async (ctx, request) => await listTeams(ctx, request));

export const getEmailAliases = route(async (ctx, request) => await requestResults(ctx, request));
