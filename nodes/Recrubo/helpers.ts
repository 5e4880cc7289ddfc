import {
	NodeApiError,
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type INodePropertyOptions,
	type JsonObject,
} from 'n8n-workflow';

import { vendorApiError, vendorErrorFromBody, type ErrorHints } from '../shared/errors';
import { withPageInfo, type PageInfo } from '../shared/pagination';
import { readBody, readOf, retryRateLimited, rethrowAsVendorError } from '../shared/request';
import { hasValue, type UpsertSteps } from '../shared/upsert';
import { checkValue, compact, encodeSegment, refuse, type ParamRule } from '../shared/validate';

/** JSON:API's media type: Recrubo's requests and responses use it. */
export const JSON_API = 'application/vnd.api+json';

/** Recrubo list paging: `page[number]` from 1 and `page[size]` up to 200. */
export const RECRUBO_PAGING = {
	type: 'page',
	pageParam: 'page[number]',
	sizeParam: 'page[size]',
	firstPage: 1,
	maxPageSize: 200,
} as const;

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const n = Number(value);
	return Number.isFinite(n) ? n : undefined;
}

// ---------------------------------------------------------------------------------------------
// Time zones

/** Every IANA zone this Node.js knows (plus UTC), sorted; read once when the node loads. */
function ianaZones(): string[] {
	const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
	let zones: string[] = [];
	try {
		zones = intl.supportedValuesOf?.('timeZone') ?? [];
	} catch {
		zones = [];
	}
	if (zones.length === 0) zones = ['Europe/Amsterdam', 'Europe/Berlin', 'Europe/London', 'America/New_York'];
	return [...new Set([...zones, 'UTC'])].sort();
}

export const TIME_ZONE_OPTIONS: INodePropertyOptions[] = ianaZones().map((zone) => ({ name: zone, value: zone }));

/** Whether the runtime knows `zone` as a time zone (canonical names and their aliases). */
export function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

// ---------------------------------------------------------------------------------------------
// Responses

function readDocument(ctx: IExecuteSingleFunctions, response: IN8nHttpFullResponse): IDataObject | undefined {
	const data = readBody.call(ctx, response.body);
	if (data === undefined || data === null || data === '') return undefined;
	if (!isObject(data)) {
		throw new NodeApiError(ctx.getNode(), {} as JsonObject, {
			message: 'Recrubo sent a response that is not a JSON:API document',
			description: 'Check that the Base URL in the credential points at the Recrubo public API, e.g. https://api.recrubo.app/public/v2.',
		});
	}
	// A JSON:API error document under a 2xx status is still an error.
	if (data.data === undefined && Array.isArray(data.errors) && data.errors.length > 0) {
		const vendor = vendorErrorFromBody(data);
		throw vendorApiError(
			ctx.getNode(),
			vendor?.message ?? 'Recrubo reported an error',
			[vendor?.description, vendor?.code ? `Vendor error code: ${vendor.code}` : undefined].filter(Boolean).join('\n'),
		);
	}
	return data;
}

function notADocument(ctx: IExecuteSingleFunctions, what: string): NodeApiError {
	return new NodeApiError(ctx.getNode(), {} as JsonObject, {
		message: `Recrubo's response has no ${what}`,
		description: 'Check that the Base URL in the credential points at the Recrubo public API, e.g. https://api.recrubo.app/public/v2.',
	});
}

/** `{ id, ...attributes }`, or the JSON:API resource as it came when not simplifying. */
export function userItem(resource: IDataObject, simplify: boolean): INodeExecutionData {
	if (!simplify) return { json: resource };
	const attributes = isObject(resource.attributes) ? resource.attributes : {};
	const json: IDataObject = { id: resource.id, ...attributes };
	json.id = resource.id;
	return { json };
}

function simplifyOf(ctx: IExecuteSingleFunctions): boolean {
	return ctx.getNodeParameter('simplify', true) !== false;
}

/** What Recrubo's list `meta` says about paging: `currentPage`/`maxPage`, and `total`. */
export function pageInfoFromMeta(meta: unknown): PageInfo {
	if (!isObject(meta)) return {};
	const current = num(meta.currentPage);
	const max = num(meta.maxPage);
	return {
		total: num(meta.total),
		done: current !== undefined && max !== undefined ? current >= max : undefined,
		pages: max,
	};
}

/** postReceive for lists: one item per resource of `data`; `meta` drives paging. */
export async function usersToItems(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const doc = readDocument(this, response);
	if (!doc || !Array.isArray(doc.data)) throw notADocument(this, 'list of users (data)');
	const simplify = simplifyOf(this);
	const items = (doc.data as unknown[]).filter(isObject).map((resource) => userItem(resource, simplify));
	return withPageInfo(items, pageInfoFromMeta(doc.meta));
}

/** postReceive for one user: the resource in `data`. */
export async function userToItem(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const doc = readDocument(this, response);
	if (!doc || !isObject(doc.data)) throw notADocument(this, 'user (data)');
	return [userItem(doc.data, simplifyOf(this))];
}

/** postReceive for update: the user when the server sends it back, nothing when it answers with no content. */
export async function userOrNothing(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const doc = readDocument(this, response);
	if (!doc || !isObject(doc.data)) return [];
	return [userItem(doc.data, simplifyOf(this))];
}

/** postReceive for delete: Recrubo answers 204 with no body, so say what was done. */
export async function deletedToItem(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	_response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const id = String(this.getNodeParameter('userId', '')).trim();
	return [{ json: { deleted: true, id } }];
}

/**
 * `routing.operations.pagination` for update: PATCH answers 200 with no content, so the
 * user is fetched (GET on the same URL) and output as it is after the update. A server
 * that does send the updated resource back saves the second request.
 */
export function updateThenFetch(hints?: ErrorHints) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		try {
			const fail = async (error: unknown) => await rethrowAsVendorError.call(this, error, hints);
			const patched = await retryRateLimited.call(this, requestData, fail);
			if (patched.length > 0) return patched;
			const fetched = await retryRateLimited.call(this, { ...requestData, options: readOf(requestData.options) }, fail);
			if (fetched.length === 0) throw notADocument(this, 'user (data)');
			return fetched;
		} catch (error) {
			return await rethrowAsVendorError.call(this, error, hints);
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Requests

const FILTER_FIELDS: Array<{ name: string; label: string }> = [
	{ name: 'email', label: 'Email' },
	{ name: 'externalId', label: 'External ID' },
	{ name: 'firstName', label: 'First Name' },
	{ name: 'lastName', label: 'Last Name' },
];

/** Match mode -> JSON:API filter operator (none: `filter[field]=value`, exact, a comma list means "any of"). */
const MATCH_OPERATORS: Record<string, string | undefined> = {
	exact: undefined,
	caseInsensitive: 'eql',
	prefix: 'prefix',
};

const SORT_FIELDS = ['createdAt', 'updatedAt', 'firstName', 'lastName', 'fullName', 'email', 'externalId'];

/** preSend for getAll: `filter[field]` / `filter[field][op]` and `sort=-createdAt,lastName`. */
export async function listQuery(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const filters = (this.getNodeParameter('filters', {}) ?? {}) as IDataObject;
	const mode = String(filters.matchMode ?? 'exact');
	if (!(mode in MATCH_OPERATORS)) refuse(this, 'Match', 'filters.matchMode', 'not one of exact, caseInsensitive, prefix', `The value given was "${mode.slice(0, 50)}".`);
	const operator = MATCH_OPERATORS[mode];
	const qs: IDataObject = { ...(requestOptions.qs ?? {}) };
	for (const field of FILTER_FIELDS) {
		const value = checkValue(this, { name: `filters.${field.name}`, label: field.label, required: false }, filters[field.name]);
		if (value === undefined) continue;
		qs[operator ? `filter[${field.name}][${operator}]` : `filter[${field.name}]`] = value;
	}
	const sort = (this.getNodeParameter('sort', {}) ?? {}) as { fields?: Array<{ field?: unknown; direction?: unknown }> };
	const keys: string[] = [];
	for (const entry of sort.fields ?? []) {
		const field = String(entry.field ?? '').trim();
		if (!SORT_FIELDS.includes(field)) refuse(this, 'Sort Field', 'sort.fields.field', `not one of ${SORT_FIELDS.join(', ')}`, `The value given was "${field.slice(0, 50)}".`);
		keys.push(entry.direction === 'descending' ? `-${field}` : field);
	}
	if (keys.length) qs.sort = keys.join(',');
	requestOptions.qs = qs;
	return requestOptions;
}

const ATTRIBUTE_RULES: Record<string, ParamRule> = {
	firstName: { name: 'firstName', label: 'First Name', maxLength: 255 },
	lastName: { name: 'lastName', label: 'Last Name', maxLength: 255 },
	email: { name: 'email', label: 'Email', kind: 'email', maxLength: 320 },
	phone: { name: 'phone', label: 'Phone', maxLength: 64 },
	timeZone: { name: 'timeZone', label: 'Time Zone', maxLength: 64 },
	externalId: { name: 'externalId', label: 'External ID', maxLength: 255 },
};

/** Checked attributes from a fields collection (`additionalFields` or `updateFields`); blanks left out. */
function attributesFrom(ctx: IExecuteSingleFunctions, collection: string, fields: IDataObject): IDataObject {
	const attributes: IDataObject = {};
	for (const [key, raw] of Object.entries(compact(fields))) {
		const rule = ATTRIBUTE_RULES[key];
		if (!rule) continue;
		const value = checkValue(ctx, { ...rule, name: `${collection}.${key}`, required: false }, raw);
		if (value === undefined) continue;
		if (key === 'timeZone' && !isTimeZone(value)) {
			refuse(ctx, rule.label, `${collection}.${key}`, 'not an IANA time zone such as Europe/Amsterdam', `The value given was "${value.slice(0, 64)}".`);
		}
		attributes[key] = value;
	}
	return attributes;
}

/** Candidate IDs from a comma list or an array, trimmed and without duplicates. */
export function candidateIdsFrom(ctx: IExecuteSingleFunctions, raw: unknown): string[] {
	if (raw === undefined || raw === null || raw === '') return [];
	const list = Array.isArray(raw) ? raw : String(raw).split(',');
	const ids: string[] = [];
	for (const entry of list) {
		if (entry !== null && typeof entry === 'object') refuse(ctx, 'Candidate IDs', 'updateFields.candidateIds', 'expected IDs, got an object');
		const id = String(entry ?? '').trim();
		if (id !== '' && !ids.includes(id)) ids.push(id);
	}
	return ids;
}

/** preSend for create: `{ data: { type: "users", attributes } }`. */
export async function createBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const firstName = checkValue(this, ATTRIBUTE_RULES.firstName, this.getNodeParameter('firstName', ''));
	const lastName = checkValue(this, ATTRIBUTE_RULES.lastName, this.getNodeParameter('lastName', ''));
	const additional = attributesFrom(this, 'additionalFields', (this.getNodeParameter('additionalFields', {}) ?? {}) as IDataObject);
	requestOptions.body = { data: { type: 'users', attributes: { firstName, lastName, ...additional } } };
	return requestOptions;
}

/**
 * preSend for update: `{ data: { type: "users", id, attributes, relationships } }`; JSON:API
 * asks for the id in a PATCH body, and the vendor's OpenAPI sample carries one.
 */
export async function updateBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const id = String(this.getNodeParameter('userId', '')).trim();
	const fields = (this.getNodeParameter('updateFields', {}) ?? {}) as IDataObject;
	const attributes = attributesFrom(this, 'updateFields', fields);
	const candidates = candidateIdsFrom(this, fields.candidateIds);
	if (Object.keys(attributes).length === 0 && candidates.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Update Fields: add at least one field to change', {
			description: 'Nothing would change: add a field under "Update Fields" (updateFields).',
			itemIndex: this.getItemIndex(),
		});
	}
	const data: IDataObject = { type: 'users', id };
	if (Object.keys(attributes).length) data.attributes = attributes;
	if (candidates.length) {
		data.relationships = { candidates: { data: candidates.map((candidate) => ({ type: 'candidates', id: candidate })) } };
	}
	requestOptions.body = { data };
	return requestOptions;
}

// ---------------------------------------------------------------------------------------------
// Create or Update

const MATCH_KEYS: Record<string, string> = { email: 'Email', externalId: 'External ID' };

function matchOnOf(ctx: IExecuteSingleFunctions): string {
	const matchOn = String(ctx.getNodeParameter('matchOn', 'email'));
	if (!(matchOn in MATCH_KEYS)) refuse(ctx, 'Match On', 'matchOn', 'not one of email, externalId', `The value given was "${matchOn.slice(0, 50)}".`);
	return matchOn;
}

/** Create or Update for Recrubo: match on email (case-insensitive) or external ID with `filter[...]`, PATCH only what differs. */
export const RECRUBO_UPSERT: UpsertSteps = {
	noun: 'Recrubo user',
	wanted(create) {
		const body = create.body as IDataObject;
		const attributes = { ...((body.data as IDataObject).attributes as IDataObject) };
		const matchOn = matchOnOf(this);
		if (attributes[matchOn] === undefined) {
			const label = MATCH_KEYS[matchOn];
			throw new NodeOperationError(this.getNode(), `${label}: required to find the user to create or update`, {
				description: `Create or Update matches users on ${label}: set it under "Additional Fields" (additionalFields.${matchOn}), or choose another "Match On" (matchOn).`,
				itemIndex: this.getItemIndex(),
			});
		}
		return attributes;
	},
	keyOf(wanted) {
		const matchOn = matchOnOf(this);
		return `${MATCH_KEYS[matchOn]} "${String(wanted[matchOn])}"`;
	},
	async find(send, create, wanted) {
		const matchOn = matchOnOf(this);
		const value = String(wanted[matchOn]);
		const filter = matchOn === 'email' ? 'filter[email][eql]' : `filter[${matchOn}]`;
		const response = await send(readOf(create, '/users', { [filter]: value, 'page[size]': 25 }));
		const found = await usersToItems.call(this, [], response);
		return found.map((item) => item.json).filter((user) => hasValue(user[matchOn], value, matchOn));
	},
	async create(send, create) {
		const [item] = await userToItem.call(this, [], await send(create));
		return item.json;
	},
	async update(send, create, current, changes) {
		const url = `/users/${encodeSegment(String(current.id))}`;
		const patched = await send({
			...create,
			method: 'PATCH',
			url,
			body: { data: { type: 'users', id: current.id, attributes: changes } },
		});
		const [sent] = await userOrNothing.call(this, [], patched);
		if (sent) return sent.json;
		const [fetched] = await userToItem.call(this, [], await send(readOf(create, url)));
		return fetched.json;
	},
	idOf: (user) => String(user.id),
};
