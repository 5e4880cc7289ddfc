/**
 * The hardening suite's table of nodes and operations, and the helpers every hardening
 * test uses: a request recorder on nock, a run that never throws (a throw is a crash), a
 * search of the serialised execution for secrets, and counters for the closing summary
 * (see summary-reporter.js).
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { DirectoryLoader } from 'n8n-core';
import nock from 'nock';
import type { ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

import { FormsOnFireApi } from '../../credentials/FormsOnFireApi.credentials';
import { HcssOAuth2Api } from '../../credentials/HcssOAuth2Api.credentials';
import { HighQPublisherApi } from '../../credentials/HighQPublisherApi.credentials';
import { HighQPublisherOAuth2Api } from '../../credentials/HighQPublisherOAuth2Api.credentials';
import { PcRecruiterApi } from '../../credentials/PcRecruiterApi.credentials';
import { RecruboApi } from '../../credentials/RecruboApi.credentials';
import { FormsOnFire } from '../../nodes/FormsOnFire/FormsOnFire.node';
import { Hcss } from '../../nodes/Hcss/Hcss.node';
import { HighQPublisher } from '../../nodes/HighQPublisher/HighQPublisher.node';
import { PcRecruiter } from '../../nodes/PcRecruiter/PcRecruiter.node';
import { Recrubo } from '../../nodes/Recrubo/Recrubo.node';
import { clearSessions } from '../../nodes/shared/session';
import { CredentialStore, runNode, type RunNodeResult } from '../helpers/engine';

// ------------------------------------------------------------------------------------------
// The table

export type Kind = 'text' | 'email' | 'guid' | 'enum' | 'number';

/** A parameter that must be refused before any request when its value is bad. */
export interface BadParam {
	/** Path in the node's parameters, e.g. `userId` or `additionalFields.email`. */
	path: string;
	/** What the error message must name. */
	label: string;
	kind: Kind;
	/** Whether an empty value is an error (false for optional fields, where blank means "leave out"). */
	required: boolean;
}

export interface OpSpec {
	resource: string;
	operation: string;
	/** Parameters that make a valid request. */
	params: IDataObject;
	bad: BadParam[];
	/** The parameter that becomes one path segment (free text: any characters allowed). */
	segment?: { path: string; prefix: string };
	/** A list operation the shared pager drives. */
	list?: boolean;
	/** An empty 2xx body is a valid answer. */
	emptyOk?: boolean;
	/** The answer's body is not read (delete: the status says it all). */
	ignoresBody?: boolean;
	/** A write: it must never be sent twice. */
	write?: boolean;
	/** Takes `options.format` = xml. */
	xml?: boolean;
	/** Reads the user back after writing (one more GET). */
	readBack?: boolean;
	/** Shown after the operation's name: which variant of it this is. */
	variant?: string;
}

export interface NodeSpec {
	key: string;
	node: () => INodeType;
	credentialTypes: () => ICredentialType[];
	store: () => CredentialStore;
	/** Every secret the credential holds: none may appear anywhere in a run. */
	secrets: string[];
	origin: string;
	ops: OpSpec[];
	/** A successful body for `get`, for Continue On Fail. */
	getOk: { params: (id: string) => IDataObject; path: (id: string) => RegExp; body: (id: string) => nock.Body; ids: [string, string] };
	/** A list page of `n` distinct users starting at `from`, and what the envelope says. */
	page?: (from: number, n: number, info: { total?: number; page?: number; maxPage?: number }) => nock.Body;
}

const text = (path: string, label: string, required = true): BadParam => ({ path, label, kind: 'text', required });
const email = (path: string, label: string, required = true): BadParam => ({ path, label, kind: 'email', required });
const guid = (path: string, label: string, required = true): BadParam => ({ path, label, kind: 'guid', required });
const enumOf = (path: string, label: string): BadParam => ({ path, label, kind: 'enum', required: false });
const num = (path: string, label: string): BadParam => ({ path, label, kind: 'number', required: false });

export const GUID1 = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
export const GUID2 = '3f2504e0-4f89-11d3-9a0c-0305e82c3302';
export const GUID3 = '3f2504e0-4f89-11d3-9a0c-0305e82c3303';

const PCR_SECRETS = { password: 'pw-Hard-Secret-1', apiKey: 'key-Hard-Secret-2', session: 'sess-Hard-Secret-3' };
const RECRUBO_KEY = 'rk_live-Hard+Secret/4';
const HQ_TOKEN = 'tok-Hard-Secret-HQ-5';
const HQ_OAUTH = { clientSecret: 'client-Hard-Secret-HQ-9', token: 'oauth-Hard-Secret-HQ-10', refresh: 'refresh-Hard-Secret-HQ-11' };
const HCSS_SECRETS = { clientSecret: 'cs-Hard-Secret-6', token: 'tok-Hard-Secret-7' };
const FOF_KEY = 'IK+Hard/Secret=8';

const listOp = (resource = 'user', extra: BadParam[] = [], xml = false): OpSpec => ({
	resource,
	operation: 'getAll',
	params: { returnAll: false, limit: 5 },
	bad: [num('limit', 'Limit'), ...extra],
	list: true,
	xml,
});

export const NODES: NodeSpec[] = [
	{
		key: 'pcRecruiter',
		node: () => new PcRecruiter(),
		credentialTypes: () => [new PcRecruiterApi()],
		store: () =>
			new CredentialStore({
				pcRecruiterApi: {
					baseUrl: 'https://pcr.hard.test/rest/api',
					databaseId: 'DB1',
					username: 'API.USER',
					password: PCR_SECRETS.password,
					apiKey: PCR_SECRETS.apiKey,
					appId: 'APP',
					sessionId: PCR_SECRETS.session,
				},
			}),
		secrets: Object.values(PCR_SECRETS),
		origin: 'https://pcr.hard.test',
		ops: [
			{
				resource: 'user',
				operation: 'get',
				params: { userName: 'U1' },
				bad: [text('userName', 'User Name'), enumOf('options.format', 'Format')],
				segment: { path: 'userName', prefix: '/rest/api/users/' },
				xml: true,
			},
			{ ...listOp('user', [enumOf('options.format', 'Format')], true) },
			{ resource: 'emailAlias', operation: 'getAll', params: {}, bad: [enumOf('options.format', 'Format')], xml: true },
			{ resource: 'team', operation: 'getAll', params: {}, bad: [enumOf('options.format', 'Format')], xml: true },
		],
		getOk: {
			params: (id) => ({ resource: 'user', operation: 'get', userName: id }),
			path: (id) => new RegExp(`/rest/api/users/${id}$`),
			body: (id) => ({ UserName: id, FullName: 'A User', EmailAddress: 'a@example.com', ActiveUser: true }),
			ids: ['U1', 'U3'],
		},
		page: (from, n, info) => ({
			Results: Array.from({ length: n }, (_, i) => ({ UserName: `U${from + i}` })),
			TotalRecords: info.total,
		}),
	},
	{
		key: 'recrubo',
		node: () => new Recrubo(),
		credentialTypes: () => [new RecruboApi()],
		store: () => new CredentialStore({ recruboApi: { baseUrl: 'https://recrubo.hard.test/public/v2', apiKey: RECRUBO_KEY } }),
		secrets: [RECRUBO_KEY],
		origin: 'https://recrubo.hard.test',
		ops: [
			{
				resource: 'user',
				operation: 'get',
				params: { userId: 'u1' },
				bad: [text('userId', 'User ID')],
				segment: { path: 'userId', prefix: '/public/v2/users/' },
			},
			{
				resource: 'user',
				operation: 'delete',
				params: { userId: 'u1' },
				bad: [text('userId', 'User ID')],
				segment: { path: 'userId', prefix: '/public/v2/users/' },
				emptyOk: true,
				ignoresBody: true,
				write: true,
			},
			{
				resource: 'user',
				operation: 'update',
				params: { userId: 'u1', updateFields: { firstName: 'Ann' } },
				bad: [
					text('userId', 'User ID'),
					text('updateFields.firstName', 'First Name', false),
					email('updateFields.email', 'Email', false),
					enumOf('updateFields.timeZone', 'Time Zone'),
				],
				segment: { path: 'userId', prefix: '/public/v2/users/' },
				write: true,
				readBack: true,
			},
			{
				resource: 'user',
				operation: 'create',
				params: { firstName: 'Ann', lastName: 'Lee', additionalFields: { email: 'ann@example.com' } },
				bad: [
					text('firstName', 'First Name'),
					text('lastName', 'Last Name'),
					email('additionalFields.email', 'Email', false),
					text('additionalFields.externalId', 'External ID', false),
					enumOf('additionalFields.timeZone', 'Time Zone'),
				],
				write: true,
			},
			listOp('user', [text('filters.email', 'Email', false), enumOf('filters.matchMode', 'Match Mode')]),
		],
		getOk: {
			params: (id) => ({ resource: 'user', operation: 'get', userId: id }),
			path: (id) => new RegExp(`/public/v2/users/${id}$`),
			body: (id) => ({ data: { id, type: 'users', attributes: { firstName: 'Ann' } } }),
			ids: ['u1', 'u3'],
		},
		page: (from, n, info) => ({
			data: Array.from({ length: n }, (_, i) => ({ id: `u${from + i}`, type: 'users', attributes: { firstName: `F${from + i}` } })),
			meta: { total: info.total, currentPage: info.page, maxPage: info.maxPage },
		}),
	},
	{
		key: 'highQPublisher',
		node: () => new HighQPublisher(),
		credentialTypes: () => [new HighQPublisherApi(), new HighQPublisherOAuth2Api()],
		store: () => new CredentialStore({ highQPublisherApi: { baseUrl: 'https://acme.highq.hard.test/acme', accessToken: HQ_TOKEN } }),
		secrets: [HQ_TOKEN],
		origin: 'https://acme.highq.hard.test',
		ops: [
			{
				resource: 'user',
				operation: 'get',
				params: { userId: '42' },
				bad: [text('userId', 'User ID'), email('userId', 'User ID'), enumOf('options.format', 'Format')],
				segment: { path: 'userId', prefix: '/acme/api/2/users/' },
				xml: true,
			},
			{
				resource: 'user',
				operation: 'archive',
				params: { userId: '42' },
				bad: [text('userId', 'User ID')],
				emptyOk: true,
				ignoresBody: true,
				write: true,
			},
			{
				resource: 'user',
				operation: 'update',
				params: { userId: '42', updateFields: { firstName: 'Ann' } },
				bad: [text('userId', 'User ID'), email('updateFields.email', 'Email', false), enumOf('updateFields.status', 'Status')],
				write: true,
				xml: true,
				// HighQ may answer a write with no body; the node then outputs nothing (by design).
				emptyOk: true,
			},
			{
				resource: 'user',
				operation: 'create',
				params: { email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' },
				bad: [
					email('email', 'Email'),
					text('firstName', 'First Name'),
					text('lastName', 'Last Name'),
					email('additionalFields.secretaryEmail', 'Secretary Email', false),
					enumOf('additionalFields.status', 'Status'),
				],
				write: true,
				xml: true,
				emptyOk: true,
			},
			listOp('user', [enumOf('filters.status', 'Status'), enumOf('options.format', 'Format')], true),
		],
		getOk: {
			params: (id) => ({ resource: 'user', operation: 'get', userId: id }),
			path: (id) => new RegExp(`/acme/api/2/users/${id}$`),
			body: (id) => ({ user: { id: Number(id), email: 'a@example.com', name: { firstname: 'A', lastname: 'B' } } }),
			ids: ['41', '43'],
		},
		page: (from, n) => ({ users: { user: Array.from({ length: n }, (_, i) => ({ id: from + i, email: `u${from + i}@example.com` })) } }),
	},
	{
		// The same node with its OAuth2 credential: its client secret and tokens must not leak either.
		key: 'highQPublisherOAuth2',
		node: () => new HighQPublisher(),
		credentialTypes: () => [new HighQPublisherApi(), new HighQPublisherOAuth2Api()],
		store: () =>
			new CredentialStore({
				highQPublisherOAuth2Api: {
					baseUrl: 'https://acme.highq.hard.test/acme',
					clientId: 'client-1',
					clientSecret: HQ_OAUTH.clientSecret,
					authUrl: 'https://acme.highq.hard.test/acme/authorise.action',
					accessTokenUrl: 'https://acme.highq.hard.test/acme/api/oauth2/token',
					oauthTokenData: { access_token: HQ_OAUTH.token, token_type: 'Bearer', refresh_token: HQ_OAUTH.refresh },
				},
			}),
		secrets: Object.values(HQ_OAUTH),
		origin: 'https://acme.highq.hard.test',
		ops: [
			{
				resource: 'user',
				operation: 'get',
				params: { authentication: 'oAuth2', userId: '42' },
				bad: [text('userId', 'User ID'), email('userId', 'User ID')],
				segment: { path: 'userId', prefix: '/acme/api/2/users/' },
				xml: true,
			},
			{ ...listOp('user', [], true), params: { authentication: 'oAuth2', returnAll: false, limit: 5 } },
		],
		getOk: {
			params: (id) => ({ resource: 'user', operation: 'get', authentication: 'oAuth2', userId: id }),
			path: (id) => new RegExp(`/acme/api/2/users/${id}$`),
			body: (id) => ({ user: { id: Number(id), email: 'a@example.com', name: { firstname: 'A', lastname: 'B' } } }),
			ids: ['41', '43'],
		},
		page: (from, n) => ({ users: { user: Array.from({ length: n }, (_, i) => ({ id: from + i, email: `u${from + i}@example.com` })) } }),
	},
	{
		key: 'hcss',
		node: () => new Hcss(),
		credentialTypes: () => [new HcssOAuth2Api()],
		store: () =>
			new CredentialStore({
				hcssOAuth2Api: {
					baseUrl: 'https://hcss.hard.test/users',
					accessTokenUrl: 'https://identity.hard.test/identity/connect/token',
					clientId: 'client-1',
					clientSecret: HCSS_SECRETS.clientSecret,
					scope: 'users:read users:write',
					oauthTokenData: { access_token: HCSS_SECRETS.token, token_type: 'Bearer', expires_in: 3600 },
				},
			}),
		secrets: Object.values(HCSS_SECRETS),
		origin: 'https://hcss.hard.test',
		ops: [
			{ resource: 'user', operation: 'get', params: { userId: GUID1 }, bad: [guid('userId', 'User ID')] },
			{ resource: 'user', operation: 'delete', params: { userId: GUID1 }, bad: [guid('userId', 'User ID')], emptyOk: true, ignoresBody: true, write: true },
			{
				resource: 'user',
				operation: 'getByUserName',
				params: { userName: 'ann@company.com' },
				bad: [text('userName', 'User Name')],
				segment: { path: 'userName', prefix: '/users/api/v1/Users/userName/' },
			},
			{
				resource: 'user',
				operation: 'update',
				params: { userId: GUID1, updateFields: { firstName: 'Ann' } },
				bad: [guid('userId', 'User ID'), email('updateFields.email', 'Email', false), enumOf('updateFields.contactMethod', 'Contact Method')],
				write: true,
				readBack: true,
			},
			{
				resource: 'user',
				operation: 'create',
				params: { userName: 'ann@company.com', firstName: 'Ann', lastName: 'Lee', contactMethod: 'Email', userRole: GUID2, homeBusinessUnit: GUID3, additionalFields: { email: 'ann@company.com' } },
				bad: [
					text('userName', 'User Name'),
					text('firstName', 'First Name'),
					text('lastName', 'Last Name'),
					guid('userRole', 'User Role'),
					guid('homeBusinessUnit', 'Home Business Unit'),
					enumOf('contactMethod', 'Contact Method'),
					email('additionalFields.email', 'Email', false),
					guid('additionalFields.subscriptionGroup', 'Subscription Group', false),
				],
				write: true,
			},
			listOp('user', [guid('filters.businessUnitId', 'Business Unit', false)]),
		],
		getOk: {
			params: (id) => ({ resource: 'user', operation: 'get', userId: id }),
			path: (id) => new RegExp(`/users/api/v1/Users/${id}$`),
			body: (id) => ({ id, userName: 'a@company.com', firstName: 'A', lastName: 'B' }),
			ids: [GUID1, GUID3],
		},
		page: (from, n, info) => ({
			items: Array.from({ length: n }, (_, i) => ({ id: `id-${from + i}`, userName: `u${from + i}` })),
			totalRecords: info.total,
		}),
	},
	{
		key: 'formsOnFire',
		node: () => new FormsOnFire(),
		credentialTypes: () => [new FormsOnFireApi()],
		store: () => new CredentialStore({ formsOnFireApi: { companyId: '12345', integrationKey: FOF_KEY } }),
		secrets: [FOF_KEY],
		origin: 'https://secure.formsonfire.com',
		ops: [
			{ resource: 'user', operation: 'get', params: { userId: GUID1 }, bad: [guid('userId', 'User ID'), enumOf('options.format', 'Format')], xml: true },
			{ resource: 'user', operation: 'delete', params: { userId: GUID1 }, bad: [guid('userId', 'User ID')], emptyOk: true, ignoresBody: true, write: true, xml: true },
			{
				resource: 'user',
				operation: 'create',
				params: { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' },
				bad: [
					text('firstName', 'First Name'),
					text('lastName', 'Last Name'),
					email('email', 'Email'),
					guid('additionalFields.folders', 'Folders', false),
					enumOf('additionalFields.websiteRole', 'Website Role'),
				],
				write: true,
				xml: true,
			},
			{
				...listOp('user', [text('filters.name', 'Filters: Name', false), enumOf('options.format', 'Format')], true),
				params: { returnAll: false, limit: 5, filters: { name: 'Ann' } },
			},
		],
		getOk: {
			params: (id) => ({ resource: 'user', operation: 'get', userId: id }),
			path: () => /\/api\/v2\/user\?/,
			body: (id) => ({ User: { Id: id, FirstName: 'A', Email: 'a@example.com' } }),
			ids: [GUID1, GUID3],
		},
		page: (from, n, info) => ({
			Users: Array.from({ length: n }, (_, i) => ({ Id: `id-${from + i}`, FirstName: `F${from + i}` })),
			TotalRows: info.total,
		}),
	},
];

/**
 * Create or Update (upsert) takes the Create parameters, so it gets Create's checks; it looks
 * the user up first, so an empty answer is never fine, and Recrubo's match key (email by
 * default) becomes required, with Match On a choice.
 */
for (const spec of NODES) {
	const create = spec.ops.find((op) => op.operation === 'create');
	if (!create) continue;
	const bad =
		spec.key === 'recrubo'
			? [...create.bad.map((b) => (b.path === 'additionalFields.email' ? { ...b, required: true } : b)), enumOf('matchOn', 'Match On')]
			: create.bad;
	spec.ops.push({ ...create, operation: 'upsert', bad, emptyOk: false });
	// Where the API lists every user, the same with the list read once per run (its first request is a list page).
	if (spec.key !== 'formsOnFire') {
		spec.ops.push({ ...create, operation: 'upsert', params: { ...create.params, lookUpUsers: 'fetchAll' }, bad, emptyOk: false, variant: 'Fetch All Users Once' });
	}
}

export function opName(spec: NodeSpec, op: OpSpec): string {
	return `${spec.key} ${op.resource}.${op.operation}${op.variant ? ` (${op.variant})` : ''}`;
}

/** Sets `value` at a dotted path in a copy of `params` (collections become objects). */
export function withParam(params: IDataObject, path: string, value: unknown): IDataObject {
	const out = structuredClone(params);
	const parts = path.split('.');
	let target = out;
	for (const part of parts.slice(0, -1)) {
		if (target[part] === undefined || typeof target[part] !== 'object') target[part] = {};
		target = target[part] as IDataObject;
	}
	target[parts[parts.length - 1]] = value as IDataObject[string];
	return out;
}

// ------------------------------------------------------------------------------------------
// Requests

export interface SeenRequest {
	method: string;
	/** Path and query exactly as they went on the wire. */
	path: string;
	host: string;
	body: string;
}

/** Every request that tried to leave, matched by an interceptor or not. */
export class Recorder {
	readonly seen: SeenRequest[] = [];

	private readonly onNoMatch = (req: { method?: string; path?: string; host?: string; hostname?: string }) => {
		this.seen.push({ method: String(req.method), path: String(req.path), host: String(req.hostname ?? req.host), body: '' });
	};

	constructor() {
		nock.emitter.on('no match', this.onNoMatch);
	}

	/** Answers every request to `origin` with `reply`, recording it. */
	serve(origin: string, reply: (request: SeenRequest, index: number) => nock.ReplyFnResult | 'hang') {
		const recorder = this;
		const scope = nock(origin).persist();
		for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
			scope.intercept(/.*/, method).reply(function (this: nock.ReplyFnContext, uri: string, body: nock.Body, callback: (error: Error | null, result: nock.ReplyFnResult) => void) {
				const request: SeenRequest = { method, path: uri, host: origin, body: typeof body === 'string' ? body : JSON.stringify(body) };
				recorder.seen.push(request);
				const result = reply(request, recorder.seen.length - 1);
				if (result === 'hang') return; // never answers: the request's timeout must end it
				callback(null, result);
			} as never);
		}
		return scope;
	}

	/** Every request to `origin` fails as a reset connection, recorded. */
	reset(origin: string) {
		const recorder = this;
		const scope = nock(origin).persist();
		for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
			scope.intercept(/.*/, method).reply(async function (uri: string) {
				recorder.seen.push({ method, path: uri, host: origin, body: '' });
				// The connection dies before any answer, as when a server or proxy resets it: nock
				// destroys the request with what this rejects with, the error a reset socket gives.
				throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
			} as never);
		}
		return scope;
	}

	stop() {
		nock.emitter.removeListener('no match', this.onNoMatch);
	}
}

// ------------------------------------------------------------------------------------------
// Runs

export interface Outcome {
	result?: RunNodeResult;
	/** The run threw instead of ending with a node error: a crash. */
	thrown?: unknown;
	errorName?: string;
	message: string;
	description: string;
	/** The whole execution, serialised, for the secrets search. */
	dump: string;
	ms: number;
}

export function safeJson(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, v: unknown) => {
		if (v instanceof Error) {
			const cause = (v as Error & { cause?: unknown }).cause;
			return { ...v, name: v.name, message: v.message, stack: v.stack, cause };
		}
		if (typeof v === 'bigint') return String(v);
		if (v !== null && typeof v === 'object') {
			if (seen.has(v)) return '[circular]';
			seen.add(v);
		}
		return v;
	});
}

export interface RunOptions {
	input?: IDataObject[];
	continueOnFail?: boolean;
	store?: CredentialStore;
	/** n8n's request timeout in ms (Settings of a declarative node: requestOptions.timeout). */
	timeout?: number;
}

export async function runOp(spec: NodeSpec, parameters: IDataObject, options: RunOptions = {}): Promise<Outcome> {
	clearSessions();
	const params = { ...parameters } as IDataObject;
	if (options.timeout) params.requestOptions = { timeout: options.timeout };
	const started = Date.now();
	try {
		// As n8n does when it loads a declarative node: adds Settings > Request Options (timeout, batching, ...).
		const node = spec.node();
		DirectoryLoader.applyDeclarativeNodeOptionParameters(node);
		const result = await runNode({
			node,
			credentialTypes: spec.credentialTypes(),
			parameters: params as never,
			credentials: options.store ?? spec.store(),
			input: options.input,
			continueOnFail: options.continueOnFail,
		});
		const error = result.error as unknown as IDataObject | undefined;
		return {
			result,
			errorName: error ? String(error.name) : undefined,
			message: String(error?.message ?? ''),
			description: String(error?.description ?? ''),
			dump: safeJson({ items: result.items, error: result.error, run: result.run }),
			ms: Date.now() - started,
		};
	} catch (thrown) {
		if (thrown instanceof Error && thrown.name === 'WorkflowHasIssuesError') stats.refusedByN8n++;
		if (!(thrown instanceof Error && thrown.name === "WorkflowHasIssuesError")) stats.crashes++;
		return { thrown, message: String((thrown as Error)?.message), description: '', dump: safeJson(thrown), ms: Date.now() - started };
	}
}

/** The forms a secret takes on the wire and in text. */
function forms(secret: string): string[] {
	return [...new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+'), Buffer.from(secret).toString('base64')])];
}

/** The secrets found in the serialised execution (counted in the summary). */
export function leakedSecrets(spec: NodeSpec, outcome: Outcome): string[] {
	stats.secretSearches++;
	const found = spec.secrets.filter((secret) => forms(secret).some((form) => outcome.dump.includes(form)));
	stats.secretsLeaked += found.length;
	return found;
}

// ------------------------------------------------------------------------------------------
// Summary figures: each test file adds its counts to a file the reporter sums up.

export const stats = {
	badInputs: 0,
	faults: 0,
	crashes: 0,
	secretsLeaked: 0,
	secretSearches: 0,
	requestsForInvalidInput: 0,
	hostileXml: 0,
	lyingPagers: 0,
	reWrapped: 0,
	refusedByN8n: 0,
};

export const STATS_DIR = join(__dirname, '..', '..', '.hardening-stats');

export function saveStats(file: string) {
	mkdirSync(STATS_DIR, { recursive: true });
	writeFileSync(join(STATS_DIR, `${file}.json`), JSON.stringify(stats));
}

export function resetNock() {
	nock.cleanAll();
	nock.disableNetConnect();
}

/** Leaves nock as the other test files expect it (they share the process and its http module). */
export function releaseNock() {
	nock.cleanAll();
	nock.enableNetConnect();
}

/**
 * The error is our NodeOperationError. Without Continue On Fail, n8n-core's RoutingNode
 * (routing-node.js, runNode, after Promise.allSettled) wraps any rejection of a request
 * that is not a NodeApiError, and preSend and the pagination hook run inside that request,
 * so n8n records a NodeApiError tagged `reWrapped`, `httpCode: "none"`, with our message and
 * description unchanged. No code of a declarative node runs where n8n keeps the type (the
 * per-item set-up before the request only evaluates expressions): see README "Errors".
 */
export function expectOperationError(outcome: Outcome) {
	const error = outcome.result?.error as unknown as IDataObject | undefined;
	expect(error).toBeDefined();
	if (outcome.errorName === 'NodeOperationError') return;
	stats.reWrapped++;
	expect(outcome.errorName).toBe('NodeApiError');
	expect(error?.httpCode).toBe('none');
	expect((error?.tags as IDataObject | undefined)?.reWrapped).toBe(true);
}

/**
 * A fresh Recorder for every test of a file (nock reset before, stopped after), and the
 * file's counts saved for the summary at the end. Returns a getter for the current one.
 */
export function recordEachTest(file: string): () => Recorder {
	let current: Recorder | undefined;
	beforeEach(() => {
		resetNock();
		current = new Recorder();
	});
	afterEach(() => current?.stop());
	afterAll(() => {
		releaseNock();
		saveStats(file);
	});
	return () => current!;
}
