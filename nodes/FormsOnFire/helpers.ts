import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { withPageInfo, type PagingStyle } from '../shared/pagination';
import { checkResponseStatus, readBody, readOf } from '../shared/request';
import { hasValue, type UpsertSteps } from '../shared/upsert';
import { checkValue, compact, param } from '../shared/validate';
import type { XmlShape } from '../shared/xml';

/** How the API's XML maps onto its JSON. */
export const FOF_XML: XmlShape = {
	lists: ['Users', 'UserGroups', 'Groups', 'Folders', 'UserDevices', 'Errors', 'Results'],
	numbers: ['TotalRows', 'CompanyId'],
	// its JSON leaves out null members; its XML writes them as i:nil
	omitNil: true,
};

/** Search paging: `PageNo` from 0, `PageSize` up to 250 for users, `TotalRows` in the envelope. */
export const FOF_USER_PAGING: PagingStyle = {
	type: 'page',
	pageParam: 'PageNo',
	sizeParam: 'PageSize',
	firstPage: 0,
	maxPageSize: 250,
};

/** Other search endpoints (user groups) take at most 100 a page. */
export const FOF_GROUPS_PAGE = 100;

/** Fields of a user that hold secrets: never in an item. */
const SECRET_FIELDS = ['IntegrationKey', 'Password'];

function asObject(value: unknown): IDataObject | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

/** The user without its secret fields; the same object when it has none (no copy per user). */
function withoutSecrets(user: IDataObject): IDataObject {
	if (!SECRET_FIELDS.some((key) => key in user)) return user;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(user)) if (!SECRET_FIELDS.includes(key)) out[key] = value;
	return out;
}

/** postReceive: the response body (JSON, or XML read into the same shape) as one item. */
export async function readEnvelope(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const data = readBody.call(this, response.body, FOF_XML);
	return [{ json: asObject(data) ?? {} }];
}

/** postReceive: the envelope's `User` as the item, without secret fields. */
export async function userToItem(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const user = asObject(items[0]?.json.User);
	if (!user) {
		throw new NodeApiError(this.getNode(), {} as JsonObject, {
			message: 'The server answered without a user',
			description: 'The response had no User and no error. Check the Server in the credential.',
			itemIndex: this.getItemIndex(),
		});
	}
	return [{ json: withoutSecrets(user) }];
}

/** postReceive for search: one item per entry of `Users`; `TotalRows` drives paging. */
export async function usersToItems(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const envelope = items[0]?.json ?? {};
	if (!('Users' in envelope) && !('TotalRows' in envelope)) {
		throw new NodeApiError(this.getNode(), {} as JsonObject, {
			message: 'The server answered without a list of users',
			description: 'The response had no Users and no error. Check the Server in the credential.',
			itemIndex: this.getItemIndex(),
		});
	}
	const users = Array.isArray(envelope.Users) ? (envelope.Users as IDataObject[]) : [];
	const total = envelope.TotalRows === undefined || envelope.TotalRows === null ? NaN : Number(envelope.TotalRows);
	return withPageInfo(
		users.map((user) => ({ json: withoutSecrets(user) })),
		{ total: Number.isFinite(total) ? total : undefined },
	);
}

/** postReceive for create: the fields sent, with what the server returned (Id, Status) over them. */
export async function createdUser(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const [item] = await userToItem.call(this, items);
	const sent = withoutSecrets(userFields(this));
	const returned = compact(item.json);
	return [{ json: { ...sent, ...returned } }];
}

/** postReceive for delete: `{ deleted: true, id }`. */
export async function deletedUser(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	const id = param(this, USER_ID)!;
	return [{ json: { deleted: true, id } }];
}

export const USER_ID = { name: 'userId', label: 'User ID', kind: 'guid' as const };

/** preSend: checks the user ID is a GUID and sends it as `Id` in the query string. */
export async function userIdQuery(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const id = param(this, USER_ID)!;
	requestOptions.qs = { ...(requestOptions.qs ?? {}), Id: id };
	return requestOptions;
}

const SEARCH_KEYS = [
	{ name: 'name', label: 'Name' },
	{ name: 'email', label: 'Email' },
	{ name: 'externalId', label: 'External ID' },
];

/** preSend for search: the API needs at least one of Name, Email and External ID. */
export async function requireSearchKey(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const filters = (this.getNodeParameter('filters', {}) ?? {}) as IDataObject;
	let found = false;
	for (const key of SEARCH_KEYS) {
		const value = checkValue(this, { name: `filters.${key.name}`, label: `Filters: ${key.label}`, required: false }, filters[key.name]);
		if (value !== undefined) found = true;
	}
	if (!found) {
		throw new NodeOperationError(this.getNode(), 'Filters: add a Name, Email or External ID to search by', {
			description: 'The Forms On Fire user search needs at least one of Name, Email and External ID (parameter "filters").',
			itemIndex: this.getItemIndex(),
		});
	}
	return requestOptions;
}

function guidList(ctx: IExecuteSingleFunctions, raw: unknown, name: string, label: string): string[] | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const parts = Array.isArray(raw) ? raw.map((v) => (typeof v === 'string' ? v : String(v))) : String(raw).split(/[\s,;]+/);
	const ids = parts.map((p) => p.trim()).filter((p) => p !== '');
	for (const id of ids) checkValue(ctx, { name, label, kind: 'guid' }, id);
	return ids.length ? ids : undefined;
}

/** The user as the API names its fields, from firstName, lastName, email and additionalFields. */
export function userFields(ctx: IExecuteSingleFunctions): IDataObject {
	const extra = (ctx.getNodeParameter('additionalFields', {}) ?? {}) as IDataObject;
	const text = (name: string, label: string, raw: unknown, kind?: 'email') =>
		checkValue(ctx, { name, label, kind, required: false }, raw);
	const user: IDataObject = {
		FirstName: param(ctx, { name: 'firstName', label: 'First Name', maxLength: 100 }),
		LastName: param(ctx, { name: 'lastName', label: 'Last Name', maxLength: 100 }),
		Email: param(ctx, { name: 'email', label: 'Email', kind: 'email' }),
		Type: text('additionalFields.type', 'Type', extra.type),
		Password: typeof extra.password === 'string' && extra.password !== '' ? extra.password : undefined,
		ExternalId: text('additionalFields.externalId', 'External ID', extra.externalId),
		TimeZone: text('additionalFields.timeZone', 'Time Zone', extra.timeZone),
		Country: text('additionalFields.country', 'Country', extra.country),
		WebsiteRole: text('additionalFields.websiteRole', 'Website Role', extra.websiteRole),
		Folders: guidList(ctx, extra.folders, 'additionalFields.folders', 'Folders'),
		Groups: guidList(ctx, extra.groups, 'additionalFields.groups', 'Groups'),
		DoNotEmail: typeof extra.doNotEmail === 'boolean' ? extra.doNotEmail : undefined,
		ColorCode: text('additionalFields.colorCode', 'Color Code', extra.colorCode),
		Metadata: text('additionalFields.metadata', 'Metadata', extra.metadata),
	};
	return compact(user);
}

/** preSend for create: the checked user as the body, sent as JSON or XML per Options > Format. */
export async function userBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const options = (this.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const xml = options.format === 'xml';
	requestOptions.body = userFields(this);
	requestOptions.headers = {
		...(requestOptions.headers ?? {}),
		'Content-Type': xml ? 'application/xml' : 'application/json',
	};
	return requestOptions;
}

/** postReceive for the groups dropdown: `{ name, value }` per group, by name. */
export async function groupsToOptions(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const envelope = items[0]?.json ?? {};
	const list =
		(['UserGroups', 'Groups', 'Results'].map((k) => envelope[k]).find(Array.isArray) as IDataObject[] | undefined) ??
		(Object.values(envelope).find(Array.isArray) as IDataObject[] | undefined) ??
		[];
	return list
		.filter((g) => asObject(g) && g.Id)
		.map((g) => ({ name: String(g.Name ?? g.Id), value: String(g.Id) }))
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((option) => ({ json: option }));
}

/* ---------------------------- create if missing ---------------------------- */

/**
 * Create or Update for Forms On Fire, whose API documents no update: the email finds the
 * user (`/user/search?Email=`, exact match without regard to case); a user that exists is
 * output as it is, with `action: "unchanged"`, and only a missing one is created.
 */
export const FOF_UPSERT: UpsertSteps = {
	noun: 'Forms On Fire user',
	wanted() {
		return withoutSecrets(userFields(this));
	},
	keyOf: (wanted) => `Email "${String(wanted.Email)}"`,
	async find(send, create, wanted) {
		const email = String(wanted.Email);
		const response = await send(readOf(create, '/user/search', { ...(create.qs ?? {}), Email: email, PageNo: 0, PageSize: 25 }));
		const envelope = await checkResponseStatus.call(this, await readEnvelope.call(this, [], response));
		const found = await usersToItems.call(this, envelope);
		return found.map((item) => item.json).filter((user) => hasValue(user.Email, email, 'Email'));
	},
	async create(send, create) {
		const envelope = await checkResponseStatus.call(this, await readEnvelope.call(this, [], await send(create)));
		const [item] = await createdUser.call(this, envelope);
		return item.json;
	},
	idOf: (user) => String(user.Id),
};
