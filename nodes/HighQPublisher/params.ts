import {
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodePropertyOptions,
	type PreSendAction,
} from 'n8n-workflow';

import { isObject, toList } from '../shared/data';
import { checkValue, compact, idPath, param, parameterError, refuse, type ParamRule } from '../shared/validate';
import { mergeUser } from './api';

/** The node's parameters read and checked into HighQ's query strings and user objects, before any request. */

export { formatOf } from '../shared/descriptions';

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

/**
 * HighQ's documented sort fields (GET /api/2/users, `sort`): firstname, lastname, email,
 * status, organisation, invited, last login, created, updated. The docs write "last login"
 * with a space and give no wire name for it: the node sends `lastlogin`, the element's name
 * in HighQ's user summary object.
 */
export const SORT_FIELDS: INodePropertyOptions[] = [
	{ name: 'Created', value: 'created' },
	{ name: 'Email', value: 'email' },
	{ name: 'First Name', value: 'firstname' },
	{ name: 'Invited', value: 'invited' },
	{ name: 'Last Login', value: 'lastlogin' },
	{ name: 'Last Name', value: 'lastname' },
	{ name: 'Organisation', value: 'organisation' },
	{ name: 'Status', value: 'status' },
	{ name: 'Updated', value: 'updated' },
];

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
	const sort = sortQuery(this, options);
	if (sort) qs.sort = sort;
	qs.fields = fieldsQuery(options.fields);
	requestOptions.qs = qs;
	return requestOptions;
}

/** Sort By values earlier versions offered that HighQ does not document: a saved workflow that has one is refused. */
const UNDOCUMENTED_SORTS: Record<string, string> = { department: 'Department', jobtitle: 'Job Title' };

/** `sort`: `[-]<field>` for Sort By and Sort Direction (Sort Direction alone sorts by last name). */
function sortQuery(ctx: IExecuteSingleFunctions, options: IDataObject): string | undefined {
	const sortBy = options.sortBy === undefined || options.sortBy === '' ? (options.sortDirection ? 'lastname' : undefined) : options.sortBy;
	if (sortBy === undefined) return undefined;
	if (!SORT_FIELDS.some((o) => o.value === sortBy)) {
		const shown = typeof sortBy === 'string' ? `"${sortBy.slice(0, 100)}"` : 'not text';
		const old = typeof sortBy === 'string' ? UNDOCUMENTED_SORTS[sortBy] : undefined;
		const choices = SORT_FIELDS.map((o) => o.name).join(', ');
		refuse(
			ctx,
			'Sort By',
			'options.sortBy',
			old ? `HighQ cannot sort users by ${old}` : 'not one of the choices',
			old
				? `${old} is not one of the sort fields HighQ documents for its user list (${choices}); choose one of them, or remove Sort By.`
				: `The value given was ${shown}; the choices are ${choices}.`,
		);
	}
	return `${options.sortDirection === 'desc' ? '-' : ''}${String(sortBy)}`;
}

/**
 * `fields`: `all` unless a comma-separated list is given. HighQ's list gives a user summary
 * (ID, email, link) when `fields` is left out, and items are whole users, as Get gives them.
 */
export function fieldsQuery(raw: unknown): string {
	const list = typeof raw === 'string' ? raw.split(',').map((part) => part.trim()).filter((part) => part !== '') : [];
	return list.length ? list.join(',') : 'all';
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

/** The user that Create (and Create or Update) asks for: email, names and the additional fields, checked. */
export function newUser(ctx: IExecuteSingleFunctions): IDataObject {
	const email = param(ctx, { name: 'email', label: 'Email', kind: 'email' })!;
	const firstName = param(ctx, { name: 'firstName', label: 'First Name' })!;
	const lastName = param(ctx, { name: 'lastName', label: 'Last Name' })!;
	const additional = (ctx.getNodeParameter('additionalFields', {}) ?? {}) as IDataObject;
	return mergeUser(userFromFields(ctx, additional, 'additionalFields'), {
		email,
		name: { firstname: firstName, lastname: lastName },
	});
}

