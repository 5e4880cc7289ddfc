import {
	NodeApiError,
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type JsonObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type PreSendAction,
} from 'n8n-workflow';

import { toNodeApiError, type ErrorHints } from '../shared/errors';
import { paginate, withPageInfo, type PagingStyle } from '../shared/pagination';
import { credentialSecrets, readOf, retryRateLimited } from '../shared/request';
import { lookupWithoutUsers, unlessNotFound, upsert, type UpsertSteps } from '../shared/upsert';
import { checkValue, compact, encodeSegment, param, refuse, type ParamRule } from '../shared/validate';

export const CREDENTIAL = 'hcssOAuth2Api';

const FORBIDDEN_HELP = 'See https://developer.hcssapps.com/getting-started/troubleshoot-forbidden';

/** Error hints for operations that read users. */
export const READ_HINTS: ErrorHints = {
	byStatus: {
		401: 'HCSS did not accept the access token even after n8n fetched a new one: check the Client ID, Client Secret and Access Token URL in the credential.',
		403: `HCSS refused access: the Scope in the credential probably lacks the Users API read scope (e.g. users:read). HCSS cannot add scopes to an existing client, so you may need a new client with that scope. ${FORBIDDEN_HELP}`,
		404: 'No HCSS user has this ID or user name.',
	},
};

/** Error hints for operations that change users. */
export const WRITE_HINTS: ErrorHints = {
	byStatus: {
		...READ_HINTS.byStatus,
		400: 'HCSS rejected the user data. See https://developer.hcssapps.com/getting-started/troubleshoot-bad-request',
		403: `HCSS refused access: the Scope in the credential probably lacks the Users API write scope (e.g. users:write). HCSS cannot add scopes to an existing client, so you may need a new client with that scope. ${FORBIDDEN_HELP}`,
	},
};

const NO_MESSAGE = /^The server answered with HTTP \d+ and no error message$/;
const TOKEN_FAILURE = /^Failed to acquire OAuth2 access token/;
/** The OAuth2 client's own text for `invalid_scope`, for when the error no longer holds the code. */
const SCOPE_REFUSED = /requested scope is invalid/i;

/** The OAuth2 `error` code (invalid_client, invalid_scope, ...) somewhere in an error's causes. */
function oauthErrorCode(error: unknown): string {
	let current = error as { cause?: unknown; body?: IDataObject } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.body?.error === 'string') return current.body.error;
		current = current.cause as typeof current;
	}
	return '';
}

/**
 * Any failure of an HCSS request as an error for the user: the vendor's message first,
 * "User not found" for a bare 404, and what to check when n8n could not get a token.
 */
export async function hcssError(
	this: IExecuteSingleFunctions,
	error: unknown,
	hints: ErrorHints,
): Promise<NodeApiError | NodeOperationError> {
	const secrets = await credentialSecrets.call(this);
	const converted = toNodeApiError(this.getNode(), error, secrets, hints, this.getItemIndex());
	if (converted instanceof NodeOperationError) return converted;
	if (converted.httpCode === '404' && NO_MESSAGE.test(converted.message)) {
		converted.message = 'User not found';
	}
	if (TOKEN_FAILURE.test(converted.message)) {
		const code = oauthErrorCode(error) || (SCOPE_REFUSED.test(converted.message) ? 'invalid_scope' : '');
		converted.description =
			code === 'invalid_scope'
				? 'HCSS refused the Scope in the credential: enter the scopes exactly as HCSS issued them with your client, separated by spaces.'
				: 'HCSS did not issue an access token: check the Client ID, Client Secret, Scope and Access Token URL in the credential.';
	}
	return converted;
}

// ---------------------------------------------------------------- first token

/**
 * n8n starts all items of a declarative node at once, and each item that finds no token
 * stored would ask HCSS for one. While a credential has no token yet, the first item goes
 * ahead and the others wait for its request to finish (n8n has then stored the token, and
 * they read it from the credential). Refreshing an expired token is n8n's own, already
 * single-flight, business.
 */
const firstToken = new Map<string, Promise<void>>();
const releases = new WeakMap<object, () => void>();

function hasToken(data: IDataObject): boolean {
	const token = asObject(data.oauthTokenData)?.access_token;
	return typeof token === 'string' && token !== '';
}

/** preSend (put it last): holds an item back while another one is fetching the first token. */
export async function awaitFirstToken(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const key = this.getNode().credentials?.[CREDENTIAL]?.id ?? this.getNode().name;
	for (;;) {
		if (hasToken(await this.getCredentials(CREDENTIAL))) return requestOptions;
		const pending = firstToken.get(key);
		if (!pending) break;
		await pending.catch(() => undefined);
	}
	let release: () => void = () => undefined;
	const pending = new Promise<void>((resolve) => (release = resolve));
	firstToken.set(key, pending);
	releases.set(requestOptions, () => {
		if (firstToken.get(key) === pending) firstToken.delete(key);
		release();
	});
	return requestOptions;
}

function releaseFirstToken(requestData: DeclarativeRestApiSettings.ResultOptions): void {
	const release = releases.get(requestData.options);
	if (release) {
		releases.delete(requestData.options);
		release();
	}
}

/** One request with HCSS's error handling, a 429 retried as the shared core does. */
async function hcssRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	hints?: ErrorHints,
): Promise<INodeExecutionData[]> {
	return await retryRateLimited.call(this, requestData, async (error) => {
		throw await hcssError.call(this, error, hints ?? WRITE_HINTS);
	});
}

/** `routing.operations.pagination` for one request, with HCSS's error handling. */
export function hcssSend(hints: ErrorHints) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		try {
			return await hcssRequest.call(this, requestData, hints);
		} finally {
			releaseFirstToken(requestData);
		}
	};
}

/** HCSS list paging: `page` from 0 and `pageSize`; 50 is the API's default, 1000 what we ask for. */
export const HCSS_PAGING: PagingStyle = {
	type: 'page',
	pageParam: 'page',
	sizeParam: 'pageSize',
	firstPage: 0,
	maxPageSize: 1000,
};

/** The pager's own "stopped" errors, which are not HTTP failures. */
const PAGER_STOP = /^(Stopped after|The server returned the same page)/;

/** The shared pager, with HCSS's error handling. */
export function hcssPaginate(hints: ErrorHints) {
	const pager = paginate(HCSS_PAGING, hints);
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		try {
			return await pager.call(this, requestData);
		} catch (error) {
			const pagerStop = error instanceof NodeApiError && PAGER_STOP.test(error.message);
			throw pagerStop ? (error as NodeApiError) : await hcssError.call(this, error, hints);
		} finally {
			releaseFirstToken(requestData);
		}
	};
}

function asObject(value: unknown): IDataObject | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

function toNumber(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const n = Number(value);
	return Number.isFinite(n) ? n : undefined;
}

function parseBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		const text = body.trim();
		if (text === '') return undefined;
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return body;
}

export interface ListPage {
	entries: IDataObject[];
	total?: number;
}

/**
 * The list envelopes HCSS has been seen to send: `{page, pageSize, totalRecords,
 * totalPages, items}`, `{currentPage, totalPages, pageSize, totalCount, results}`, or a
 * bare array.
 */
export function readListPage(body: unknown): ListPage {
	const data = parseBody(body);
	if (Array.isArray(data)) return { entries: data as IDataObject[] };
	const obj = asObject(data);
	if (!obj) return { entries: [] };
	const list = [obj.items, obj.results, obj.Items, obj.Results, obj.data].find(Array.isArray) as
		| IDataObject[]
		| undefined;
	const total = toNumber(obj.totalRecords) ?? toNumber(obj.totalCount) ?? toNumber(obj.TotalRecords) ?? toNumber(obj.TotalCount);
	return { entries: list ?? [], total };
}

/** postReceive for Get Many: one item per user; the envelope's total tells the pager when to stop. */
export async function usersToItems(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const data = parseBody(response.body);
	if (data === null || typeof data !== 'object') {
		throw new NodeApiError(this.getNode(), {} as JsonObject, {
			message: data === undefined ? 'HCSS sent an empty response' : 'HCSS sent a response that is not a JSON list of users',
			description: 'Check that the Base URL in the credential points at the HCSS Users API, e.g. https://api.hcssapps.com/users.',
			itemIndex: this.getItemIndex(),
		});
	}
	const page = readListPage(data);
	return withPageInfo(
		page.entries.map((json) => ({ json })),
		{ total: page.total },
	);
}

/** postReceive for one user. */
export async function userToItem(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const user = asObject(parseBody(response.body));
	if (!user) {
		throw new NodeApiError(this.getNode(), {} as JsonObject, {
			message: response.body === undefined || String(response.body).trim() === '' ? 'HCSS sent an empty response' : 'HCSS sent a response that is not a JSON user',
			description: 'Check that the Base URL in the credential points at the HCSS Users API, e.g. https://api.hcssapps.com/users.',
			itemIndex: this.getItemIndex(),
		});
	}
	return [{ json: user }];
}

export const USER_ID: ParamRule = { name: 'userId', label: 'User ID', kind: 'guid' };

async function baseUrl(ctx: IExecuteSingleFunctions): Promise<string> {
	const credentials = await ctx.getCredentials(CREDENTIAL);
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

/** GET /api/v1/Users/{id} with the node's credential. */
export async function fetchUser(ctx: IExecuteSingleFunctions, id: string): Promise<IDataObject> {
	const user = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, {
		method: 'GET',
		url: `${await baseUrl(ctx)}/api/v1/Users/${encodeSegment(id)}`,
		headers: { Accept: 'application/json' },
		json: true,
	})) as unknown;
	const found = asObject(parseBody(user));
	if (!found) {
		throw new NodeApiError(ctx.getNode(), {} as JsonObject, {
			message: 'HCSS sent a response that is not a JSON user',
			description: 'Check that the Base URL in the credential points at the HCSS Users API, e.g. https://api.hcssapps.com/users.',
			itemIndex: ctx.getItemIndex(),
		});
	}
	return found;
}

/** postReceive for Update: HCSS answers 204, so the user is read back and output as it now is. */
export async function userAfterUpdate(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	const id = param(this, USER_ID)!;
	try {
		return [{ json: await fetchUser(this, id) }];
	} catch (error) {
		const converted = await hcssError.call(this, error, READ_HINTS);
		converted.description = [
			'The update was sent and accepted; reading the user back afterwards failed.',
			converted.description,
		]
			.filter(Boolean)
			.join('\n');
		throw converted;
	}
}

/** postReceive for Delete: HCSS answers 204 with no body. */
export async function deletedItem(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [{ json: { deleted: true, id: param(this, USER_ID)! } }];
}

// ---------------------------------------------------------------- create / update body

type Mode = 'create' | 'update';

interface FieldSpec {
	key: string;
	label: string;
	kind?: 'email' | 'guid' | 'text';
	boolean?: boolean;
}

/** The optional fields, in the order the API documents them. */
const OPTIONAL_FIELDS: FieldSpec[] = [
	{ key: 'phoneNumber', label: 'Phone Number' },
	{ key: 'email', label: 'Email', kind: 'email' },
	{ key: 'subscriptionGroup', label: 'Subscription Group', kind: 'guid' },
	{ key: 'note', label: 'Note' },
	{ key: 'homeBusinessUnit', label: 'Home Business Unit', kind: 'guid' },
	{ key: 'employeeCode', label: 'Employee Code' },
	{ key: 'allowPhoneNumberLogin', label: 'Allow Phone Number Login', boolean: true },
	{ key: 'excludeFromExternalAuthentication', label: 'Exclude From External Authentication', boolean: true },
];

/** A list of IDs given as a multi-select, a list, or comma/space/newline separated text. */
function idList(raw: unknown): string[] {
	const parts = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[\s,;]+/) : [];
	return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function accessBlock(
	ctx: IExecuteSingleFunctions,
	fields: IDataObject,
	collection: string,
	spec: {
		typeKey: string;
		typeLabel: string;
		valuesKey: string;
		valuesLabel: string;
		all: string;
		selected: string;
		selectedLabel: string;
	},
): IDataObject | undefined {
	const type = fields[spec.typeKey] === undefined || fields[spec.typeKey] === '' ? undefined : String(fields[spec.typeKey]);
	const rawValues = fields[spec.valuesKey];
	const values = idList(rawValues);
	const valuesName = `${collection}.${spec.valuesKey}`;
	if (type === undefined) {
		if (values.length) {
			refuse(ctx, spec.valuesLabel, valuesName, `only allowed when ${spec.typeLabel} is "${spec.selectedLabel}"; set ${spec.typeLabel} too`);
		}
		return undefined;
	}
	if (type !== spec.all && type !== spec.selected) {
		refuse(ctx, spec.typeLabel, `${collection}.${spec.typeKey}`, `not one of ${spec.all}, ${spec.selected}`, `The value given was "${String(type).slice(0, 50)}".`);
	}
	if (type === spec.all) {
		if (values.length) {
			refuse(ctx, spec.valuesLabel, valuesName, `must be empty when ${spec.typeLabel} is "All": the API takes values only for "${spec.selectedLabel}"`);
		}
		return { type, values: null };
	}
	if (!values.length) {
		refuse(ctx, spec.valuesLabel, valuesName, `at least one ID is required when ${spec.typeLabel} is "${spec.selectedLabel}"`);
	}
	for (const value of values) {
		checkValue(ctx, { name: valuesName, label: spec.valuesLabel, kind: 'guid' }, value);
	}
	return { type, values };
}

/**
 * Builds the JSON body of a create (required fields + `additionalFields`) or update
 * (`updateFields`, only what the user set) and checks the API's documented rules first.
 */
export function userBody(ctx: IExecuteSingleFunctions, mode: Mode): IDataObject {
	const collection = mode === 'create' ? 'additionalFields' : 'updateFields';
	const fields = compact((ctx.getNodeParameter(collection, {}) as IDataObject) ?? {});
	const body: IDataObject = {};
	const textRule = (key: string, label: string, required: boolean, kind?: 'email' | 'guid' | 'text'): ParamRule => ({
		name: mode === 'create' && required ? key : `${collection}.${key}`,
		label,
		kind,
		required,
	});

	const core: Array<[string, string, ('guid' | 'text')?]> = [
		['userName', 'User Name'],
		['firstName', 'First Name'],
		['lastName', 'Last Name'],
		['contactMethod', 'Contact Method'],
		['userRole', 'User Role', 'guid'],
	];
	for (const [key, label, kind] of core) {
		const raw = mode === 'create' ? ctx.getNodeParameter(key, '', { extractValue: true }) : fields[key];
		const value = checkValue(ctx, textRule(key, label, mode === 'create', kind), raw);
		if (value !== undefined) body[key] = value;
	}
	if (body.contactMethod !== undefined && body.contactMethod !== 'Email' && body.contactMethod !== 'PhoneNumber') {
		const name = mode === 'create' ? 'contactMethod' : `${collection}.contactMethod`;
		refuse(ctx, 'Contact Method', name, 'not one of Email, PhoneNumber', `The value given was "${String(body.contactMethod).slice(0, 50)}".`);
	}

	for (const spec of OPTIONAL_FIELDS) {
		const raw = fields[spec.key];
		if (raw === undefined) continue;
		if (spec.boolean) {
			if (typeof raw !== 'boolean') refuse(ctx, spec.label, `${collection}.${spec.key}`, 'expected true or false');
			body[spec.key] = raw;
			continue;
		}
		const value = checkValue(ctx, textRule(spec.key, spec.label, false, spec.kind), raw);
		if (value !== undefined) body[spec.key] = value;
	}

	// "Email is required when ContactMethod is 'Email'; PhoneNumber when 'PhoneNumber'."
	if (body.contactMethod === 'Email' && body.email === undefined) {
		refuse(ctx, 'Email', `${collection}.email`, 'required when Contact Method is Email');
	}
	if (body.contactMethod === 'PhoneNumber' && body.phoneNumber === undefined) {
		refuse(ctx, 'Phone Number', `${collection}.phoneNumber`, 'required when Contact Method is Phone Number');
	}

	const businessUnitAccess = accessBlock(ctx, fields, collection, {
		typeKey: 'businessUnitAccess',
		typeLabel: 'Business Unit Access',
		valuesKey: 'businessUnitIds',
		valuesLabel: 'Business Units',
		all: 'AllBusinessUnits',
		selected: 'SelectedBusinessUnits',
		selectedLabel: 'Selected Business Units',
	});
	if (businessUnitAccess) body.businessUnitAccess = businessUnitAccess;
	const jobAccess = accessBlock(ctx, fields, collection, {
		typeKey: 'jobAccess',
		typeLabel: 'Job Access',
		valuesKey: 'jobIds',
		valuesLabel: 'Job IDs',
		all: 'AllJobs',
		selected: 'SelectedJobs',
		selectedLabel: 'Selected Jobs',
	});
	if (jobAccess) body.jobAccess = jobAccess;

	if (mode === 'update' && Object.keys(body).length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Update Fields: choose at least one field to update', {
			description: 'Add a field under "Update Fields" (updateFields).',
			itemIndex: ctx.getItemIndex(),
		});
	}
	return body;
}

/** preSend for Create and Update: the checked body as JSON. */
export function userBodyPreSend(mode: Mode): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		requestOptions.body = userBody(this, mode);
		requestOptions.json = true;
		return requestOptions;
	};
}

// ---------------------------------------------------------------- create or update

function bodyOf(response: IN8nHttpFullResponse): IDataObject {
	return asObject(parseBody(response.body)) ?? {};
}

/** Create or Update for HCSS: the user name finds the user (it is unique), PATCH sends only what differs. */
export const HCSS_UPSERT: UpsertSteps = {
	noun: 'HCSS user',
	wanted: (create) => ({ ...(create.body as IDataObject) }),
	keyOf: (wanted) => `User Name "${String(wanted.userName)}"`,
	async find(send, create, wanted) {
		const url = `/api/v1/Users/userName/${encodeSegment(String(wanted.userName))}`;
		const response = await unlessNotFound(send(readOf(create, url)));
		if (!response) return [];
		const found = parseBody(response.body);
		// One user is the documented answer; should a list ever come, every entry is a match.
		if (Array.isArray(found)) return found.map(asObject).filter((u): u is IDataObject => u !== undefined);
		const user = asObject(found);
		if (!user || user.id === undefined) throw lookupWithoutUsers(this, 'HCSS user', found);
		return [user];
	},
	async create(send, create) {
		const user = bodyOf(await send(create));
		// HCSS answers 201 with the new user; should it send only the ID, read the user back.
		if (typeof user.id === 'string' && (user.userName === undefined || user.firstName === undefined)) {
			return bodyOf(await send(readOf(create, `/api/v1/Users/${encodeSegment(user.id)}`)));
		}
		return user;
	},
	async update(send, create, current, changes) {
		const url = `/api/v1/Users/${encodeSegment(String(current.id))}`;
		await send({ ...create, method: 'PATCH', url, body: changes });
		return bodyOf(await send(readOf(create, url)));
	},
	idOf: (user) => String(user.id),
};

/** `routing.operations.pagination` for Create or Update, with HCSS's error handling and first-token guard. */
export function hcssUpsert(hints: ErrorHints) {
	const run = upsert(HCSS_UPSERT, hints, hcssRequest);
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		try {
			return await run.call(this, requestData);
		} finally {
			releaseFirstToken(requestData);
		}
	};
}
