import {
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { checkValue, compact, refuse, type ParamRule } from '../shared/validate';

/** The node's parameters read and checked into Recrubo's query strings and JSON:API bodies, before any request. */

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

