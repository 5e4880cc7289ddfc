import {
	NodeApiError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type JsonObject,
	type PreSendAction,
} from 'n8n-workflow';

import type { ErrorHints } from '../shared/errors';
import { withPageInfo, type PagingStyle } from '../shared/pagination';
import { readBody, retryRateLimited, rethrowAsVendorError } from '../shared/request';
import { lookupWithoutUsers, unlessNotFound, type UpsertSteps } from '../shared/upsert';
import { checkValue, parameterError, compact, encodeSegment, idPath, param, refuse, type ParamRule } from '../shared/validate';
import { buildXml, type XmlShape } from '../shared/xml';

/** Elements whose text is a number in HighQ's JSON. */
export const HIGHQ_XML: XmlShape = {
	numbers: ['id', 'orgid', 'orgaddressid'],
};

/** GET /api/2/users: `offset` (items to skip) and `limit` (at most 200, the API's default). */
export const HIGHQ_PAGING: PagingStyle = {
	type: 'offset',
	offsetParam: 'offset',
	limitParam: 'limit',
	maxPageSize: 200,
};

export const HIGHQ_HINTS: ErrorHints = {
	byStatus: {
		400: 'HighQ refused the request: check the values the node sent.',
		401: 'HighQ refused the access token: check the credential, or reconnect the OAuth2 credential.',
		403: 'The HighQ user behind the token may not manage users (a system admin role is needed).',
		404: 'HighQ has no such user, or the Instance URL in the credential is wrong.',
	},
};

type Format = 'json' | 'xml';

export function formatOf(ctx: IExecuteSingleFunctions): Format {
	return ctx.getNodeParameter('options.format', 'json') === 'xml' ? 'xml' : 'json';
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function toList(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	return Array.isArray(value) ? value : [value];
}

/**
 * The documented XML uses `customlink`, `messaginglink` and `location.postCode` where
 * the JSON has `customlinks`, `messaginglinks` and `location.postcode`.
 */
const XML_TOP_NAMES: Record<string, string> = { customlinks: 'customlink', messaginglinks: 'messaginglink' };
const XML_LOCATION_NAMES: Record<string, string> = { postcode: 'postCode' };

function rename(obj: IDataObject, names: Record<string, string>): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(obj)) out[names[key] ?? key] = value;
	return out;
}

function invert(names: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(names).map(([a, b]) => [b, a]));
}

/** A user read from either format, with JSON names (no copy when nothing needs renaming). */
export function jsonNames(user: IDataObject): IDataObject {
	const needsTop = Object.keys(XML_TOP_NAMES).some((k) => XML_TOP_NAMES[k] in user);
	const location = user.location;
	const needsLocation = isObject(location) && 'postCode' in location;
	if (!needsTop && !needsLocation) return user;
	const out = needsTop ? rename(user, invert(XML_TOP_NAMES)) : { ...user };
	if (needsLocation) out.location = rename(location, invert(XML_LOCATION_NAMES));
	return out;
}

/** A user with the element names of HighQ's XML, for an XML request body. */
function xmlNames(user: IDataObject): IDataObject {
	const out = rename(user, XML_TOP_NAMES);
	if (isObject(out.location)) out.location = rename(out.location, XML_LOCATION_NAMES);
	return out;
}

/** XML has no null: an empty element stands for "no value". */
function nullsToEmpty(value: unknown): unknown {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value)) return value.map(nullsToEmpty);
	if (isObject(value)) {
		const out: IDataObject = {};
		for (const [k, v] of Object.entries(value)) out[k] = nullsToEmpty(v) as IDataObject;
		return out;
	}
	return value;
}

function parse(ctx: IExecuteSingleFunctions, response: IN8nHttpFullResponse): unknown {
	return readBody.call(ctx, response.body, HIGHQ_XML);
}

/** `{"user": {...}}` (JSON) and `<user>...</user>` (XML, document element already dropped) alike. */
function unwrapUser(data: unknown): IDataObject | undefined {
	if (!isObject(data)) return undefined;
	const keys = Object.keys(data);
	if (keys.length === 1 && keys[0] === 'user' && isObject(data.user)) return data.user;
	return keys.length ? data : undefined;
}

/** postReceive for one user (get, create, update, archive): the user itself, or nothing for an empty body. */
export async function userToItem(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const user = unwrapUser(parse(this, response));
	return user ? [{ json: jsonNames(user) }] : [];
}

/** postReceive for get: the user; an empty answer is an error, not "no user". */
export async function requiredUserToItem(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const out = await userToItem.call(this, items, response);
	if (out.length === 0) {
		throw new NodeApiError(this.getNode(), {} as JsonObject, {
			message: 'HighQ sent an empty response where a user was expected',
			description: 'Check that the Base URL in the credential is the instance URL with its context path, e.g. https://acme.highq.com/acme.',
			itemIndex: this.getItemIndex(),
		});
	}
	return out;
}

/**
 * The users of one list page. The envelope is not documented, so the array is taken from
 * the top level, `users`, `users.user` or `user` (XML: `<users><user/>...</users>`).
 */
export function usersOf(data: unknown): unknown[] {
	if (Array.isArray(data)) return data;
	if (!isObject(data)) return [];
	if ('users' in data) {
		const users = data.users;
		if (isObject(users) && 'user' in users) return toList(users.user);
		return toList(users);
	}
	if ('user' in data) return toList(data.user);
	return [];
}

/** postReceive for Get Many: one item per user; a short page ends the paging. */
export async function usersToItems(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	const data = parse(this, response);
	if (data === undefined) {
		throw new NodeApiError(this.getNode(), {} as JsonObject, {
			message: 'HighQ sent an empty response where a list of users was expected',
			description: 'Check that the Base URL in the credential is the instance URL with its context path, e.g. https://acme.highq.com/acme.',
			itemIndex: this.getItemIndex(),
		});
	}
	for (const user of usersOf(data)) {
		if (isObject(user)) items.push({ json: jsonNames(user) });
	}
	return withPageInfo(items, {});
}

const USER_ID: ParamRule = { name: 'userId', label: 'User ID' };

/** preSend: `/api/2/users/<id or email><suffix>`, the value checked and encoded as one path segment. */
export function userPath(suffix = ''): PreSendAction {
	const toPath = idPath(`/api/2/users/{id}${suffix}`, USER_ID);
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const value = param(this, USER_ID)!;
		if (!/^\d+$/.test(value) && !/^[^\s@]+@[^\s@]+$/.test(value)) {
			throw parameterError(this, 'User ID', 'userId', 'neither a numeric user ID nor an email address', `The value given was "${value.slice(0, 100)}".`);
		}
		if (!/^\d+$/.test(value)) checkValue(this, { ...USER_ID, kind: 'email' }, value);
		return await toPath.call(this, requestOptions);
	};
}

/* ----------------------------- Get Many query ----------------------------- */

const LIST_FILTERS: Array<[string, string, string]> = [
	['organisations', 'organisations', 'Organisations'],
	['organisationGroups', 'organisationgroups', 'Organisation Groups'],
	['userGroups', 'usergroups', 'User Groups'],
	['departments', 'departments', 'Departments'],
	['locations', 'locations', 'Locations'],
];

/** `2024-03-05T10:00:00.000+01:00`, a Date, or a Luxon DateTime -> `20240305` (the calendar date as written). */
export function yyyymmdd(ctx: IExecuteSingleFunctions, label: string, name: string, raw: unknown): string {
	const text = raw instanceof Date ? raw.toISOString() : String(raw ?? '').trim();
	const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
	if (!match) refuse(ctx, label, name, 'not a date', `The value given was "${text.slice(0, 40)}".`);
	const [, y, m, d] = match;
	const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
	if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
		refuse(ctx, label, name, 'not a date', `The value given was "${text.slice(0, 40)}".`);
	}
	return `${y}${m}${d}`;
}

function dateRange(ctx: IExecuteSingleFunctions, filters: IDataObject, kind: 'created' | 'modified'): string | undefined {
	const label = kind === 'created' ? 'Created' : 'Modified';
	const choice = filters[`${kind}Date`];
	if (choice === undefined || choice === '') return undefined;
	if (choice !== 'range') return String(choice);
	const fromName = `filters.${kind}From`;
	const toName = `filters.${kind}To`;
	if (!filters[`${kind}From`]) refuse(ctx, `${label} From`, fromName, 'a date is required when the date range is Between');
	if (!filters[`${kind}To`]) refuse(ctx, `${label} To`, toName, 'a date is required when the date range is Between');
	const from = yyyymmdd(ctx, `${label} From`, fromName, filters[`${kind}From`]);
	const to = yyyymmdd(ctx, `${label} To`, toName, filters[`${kind}To`]);
	if (from > to) refuse(ctx, `${label} From`, fromName, `${from} is after ${label} To (${to})`);
	return `${from},${to}`;
}

/** preSend for Get Many: filters and options into the query string, checked before any request. */
export async function listQuery(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const filters = compact((this.getNodeParameter('filters', {}) ?? {}) as IDataObject);
	const options = (this.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const qs: IDataObject = { ...(requestOptions.qs ?? {}) };
	if (filters.search !== undefined) qs.search = checkValue(this, { name: 'filters.search', label: 'Search' }, filters.search);
	if (filters.status !== undefined) qs.status = String(filters.status);
	for (const [name, query, label] of LIST_FILTERS) {
		if (filters[name] === undefined) continue;
		const list = checkValue(this, { name: `filters.${name}`, label }, filters[name])!
			.split(',')
			.map((part) => part.trim())
			.filter((part) => part !== '');
		if (list.length) qs[query] = list.join(',');
	}
	const created = dateRange(this, filters, 'created');
	if (created) qs.createddate = created;
	const modified = dateRange(this, filters, 'modified');
	if (modified) qs.modifieddate = modified;
	// Sort Direction alone sorts by the Sort By default, last name.
	const sortBy = typeof options.sortBy === 'string' && options.sortBy !== '' ? options.sortBy : options.sortDirection ? 'lastname' : '';
	if (sortBy) qs.sort = `${options.sortDirection === 'desc' ? '-' : ''}${sortBy}`;
	if (typeof options.fields === 'string' && options.fields.trim() !== '') {
		qs.fields = options.fields
			.split(',')
			.map((part) => part.trim())
			.filter((part) => part !== '')
			.join(',');
	}
	requestOptions.qs = qs;
	return requestOptions;
}

/* ------------------------------ user fields ------------------------------ */

/** Where each node field goes in HighQ's user object. */
const FIELD_PATHS: Record<string, string[]> = {
	email: ['email'],
	firstName: ['name', 'firstname'],
	lastName: ['name', 'lastname'],
	title: ['name', 'title'],
	externalId: ['externalid'],
	phone: ['phone'],
	mobile: ['mobile'],
	jobTitle: ['jobtitle'],
	department: ['department'],
	status: ['status'],
	orgName: ['organisation', 'orgname'],
	orgId: ['organisation', 'orgid'],
	orgAddressId: ['organisation', 'orgaddressid'],
	addressLine1: ['location', 'addressline1'],
	addressLine2: ['location', 'addressline2'],
	city: ['location', 'city'],
	country: ['location', 'country'],
	postcode: ['location', 'postcode'],
	img: ['img'],
	socialLinks: ['sociallinks'],
	customLinks: ['customlinks'],
	messagingLinks: ['messaginglinks'],
	secretaryName: ['secretaryname'],
	secretaryEmail: ['secretarymail'],
	bio: ['bio'],
	sourceType: ['sourcetype'],
	specialities: ['specialities'],
};

const LABELS: Record<string, string> = {
	email: 'Email',
	secretaryEmail: 'Secretary Email',
	orgId: 'Organisation ID',
	orgAddressId: 'Organisation Address ID',
};

const LINK_FIELDS = new Set(['socialLinks', 'customLinks', 'messagingLinks']);

/** A fixedCollection of links -> `{ link: {name, value} }` for one, `{ link: [...] }` for more, as HighQ writes them. */
function links(ctx: IExecuteSingleFunctions, collection: string, value: unknown): IDataObject | undefined {
	const entries = isObject(value) ? toList(value.link) : [];
	const list: IDataObject[] = [];
	entries.forEach((entry, index) => {
		if (!isObject(entry)) return;
		const rule = { name: `${collection}.link[${index}]`, required: false };
		const name = checkValue(ctx, { ...rule, label: 'Link Name' }, entry.name);
		const url = checkValue(ctx, { ...rule, label: 'Link Value' }, entry.value);
		if (name === undefined && url === undefined) return;
		list.push({ name: name ?? '', value: url ?? '' });
	});
	if (!list.length) return undefined;
	return { link: list.length === 1 ? list[0] : list };
}

function setPath(target: IDataObject, path: string[], value: unknown) {
	let node = target;
	for (const key of path.slice(0, -1)) {
		if (!isObject(node[key])) node[key] = {};
		node = node[key] as IDataObject;
	}
	node[path[path.length - 1]] = value as IDataObject;
}

/**
 * The part of a HighQ user that a set of node fields describes, checked. Blank fields are
 * left out, so an expression that gives nothing never wipes a value.
 */
export function userFromFields(ctx: IExecuteSingleFunctions, fields: IDataObject, collection: string): IDataObject {
	const user: IDataObject = {};
	for (const [name, raw] of Object.entries(compact(fields))) {
		const path = FIELD_PATHS[name];
		if (!path) continue;
		const paramName = collection ? `${collection}.${name}` : name;
		let value: unknown;
		if (LINK_FIELDS.has(name)) {
			value = links(ctx, paramName, raw);
			if (value === undefined) continue;
		} else if (name === 'orgId' || name === 'orgAddressId') {
			value = Number(checkValue(ctx, { name: paramName, label: LABELS[name], kind: 'integer' }, raw));
		} else {
			const label = LABELS[name] ?? name;
			const kind = name === 'email' || name === 'secretaryEmail' ? 'email' : 'text';
			value = checkValue(ctx, { name: paramName, label, kind, required: false, maxLength: 10000 }, raw);
			if (value === undefined) continue;
		}
		setPath(user, path, value);
	}
	return user;
}

/** `patch` applied onto `base`: nested objects merged, everything else (lists included) replaced. */
export function mergeUser(base: IDataObject, patch: IDataObject): IDataObject {
	const out: IDataObject = { ...base };
	for (const [key, value] of Object.entries(patch)) {
		const current = out[key];
		out[key] = isObject(value) && isObject(current) && !('link' in value) ? mergeUser(current, value) : value;
	}
	return out;
}

/** The request with `user` as its body, in the chosen format. */
function withUserBody(
	ctx: IExecuteSingleFunctions,
	options: DeclarativeRestApiSettings.HttpRequestOptions,
	method: 'POST' | 'PUT',
	user: IDataObject,
): DeclarativeRestApiSettings.HttpRequestOptions {
	if (formatOf(ctx) === 'xml') {
		return {
			...options,
			method,
			json: false,
			body: buildXml('user', nullsToEmpty(xmlNames(user)) as IDataObject, { declaration: true }),
			headers: { ...(options.headers ?? {}), 'Content-Type': 'application/xml', Accept: 'application/xml' },
		};
	}
	return {
		...options,
		method,
		body: { user },
		headers: { ...(options.headers ?? {}), 'Content-Type': 'application/json' },
	};
}

/** The user that Create (and Create or Update) asks for: email, names and the additional fields, checked. */
function newUser(ctx: IExecuteSingleFunctions): IDataObject {
	const email = param(ctx, { name: 'email', label: 'Email', kind: 'email' })!;
	const firstName = param(ctx, { name: 'firstName', label: 'First Name' })!;
	const lastName = param(ctx, { name: 'lastName', label: 'Last Name' })!;
	const additional = (ctx.getNodeParameter('additionalFields', {}) ?? {}) as IDataObject;
	return mergeUser(userFromFields(ctx, additional, 'additionalFields'), {
		email,
		name: { firstname: firstName, lastname: lastName },
	});
}

/** Create: POST the user built from the node's fields; the item is HighQ's answer (or the user sent, if it answered nothing). */
export function createUser(hints: ErrorHints) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const user = newUser(this);
		try {
			const written = await retryRateLimited.call(this, {
				...requestData,
				options: withUserBody(this, requestData.options, 'POST', user),
			}, async (error) => await rethrowAsVendorError.call(this, error, hints));
			return written.length ? written : [{ json: user }];
		} catch (error) {
			return await rethrowAsVendorError.call(this, error, hints);
		}
	};
}

/**
 * Update: HighQ's PUT replaces the whole user, so the current user is read first, only the
 * fields the workflow set are changed, and the merged whole user is written back.
 */
export function updateUser(hints: ErrorHints) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const fields = (this.getNodeParameter('updateFields', {}) ?? {}) as IDataObject;
		const patch = userFromFields(this, fields, 'updateFields');
		if (!Object.keys(patch).length) {
			refuse(this, 'Update Fields', 'updateFields', 'set at least one field to change');
		}
		try {
			const { body: _body, ...readOptions } = requestData.options;
			const current = await retryRateLimited.call(this, {
				...requestData,
				options: { ...readOptions, method: 'GET' },
			}, async (error) => await rethrowAsVendorError.call(this, error, hints));
			if (!current.length) {
				throw new NodeApiError(this.getNode(), {} as JsonObject, {
					message: 'HighQ sent no user to update',
					description: 'Reading the current user gave an empty answer, so nothing was written.',
				});
			}
			const merged = mergeUser(current[0].json, patch);
			const written = await retryRateLimited.call(this, {
				...requestData,
				options: withUserBody(this, readOptions, 'PUT', merged),
			}, async (error) => await rethrowAsVendorError.call(this, error, hints));
			return written.length ? written : [{ json: merged }];
		} catch (error) {
			return await rethrowAsVendorError.call(this, error, hints);
		}
	};
}

/** postReceive for archive: HighQ's answer, or `{ userId, archived: true }` for an empty one. */
export async function archivedToItem(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const answered = await userToItem.call(this, items, response);
	if (answered.length) return answered;
	const userId = String(this.getNodeParameter('userId', '')).trim();
	return [{ json: { userId, archived: true } }];
}

/* ---------------------------- create or update ---------------------------- */

/**
 * Create or Update for HighQ: the email finds the user (`GET /api/2/users/<email>`, 404 when
 * there is none); an update reads nothing more, merges the fields that differ into the user
 * it found and PUTs the whole user back, so no field is wiped.
 */
export const HIGHQ_UPSERT: UpsertSteps = {
	noun: 'HighQ user',
	wanted() {
		return newUser(this);
	},
	keyOf: (wanted) => `Email "${String(wanted.email)}"`,
	async find(send, create, wanted) {
		const { body: _body, ...readOptions } = create;
		const url = `/api/2/users/${encodeSegment(String(wanted.email))}`;
		const response = await unlessNotFound(send({ ...readOptions, method: 'GET', url }));
		if (!response) return [];
		const data = parse(this, response);
		if (Array.isArray(data) || (isObject(data) && 'users' in data)) return usersOf(data).filter(isObject).map(jsonNames);
		const user = unwrapUser(data);
		if (!user || user.id === undefined) throw lookupWithoutUsers(this, 'HighQ user');
		return [jsonNames(user)];
	},
	async create(send, create, wanted) {
		// HighQ may answer with a summary: the user as sent, completed by what it answered.
		const [written] = await userToItem.call(this, [], await send(withUserBody(this, create, 'POST', wanted)));
		return written ? mergeUser(wanted, written.json) : wanted;
	},
	async update(send, create, current, changes) {
		const merged = mergeUser(current, changes);
		const url = `/api/2/users/${encodeSegment(String(current.id))}`;
		const [written] = await userToItem.call(this, [], await send(withUserBody(this, { ...create, url }, 'PUT', merged)));
		return written ? mergeUser(merged, written.json) : merged;
	},
	idOf: (user) => String(user.id),
};
