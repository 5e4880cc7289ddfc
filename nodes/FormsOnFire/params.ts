import {
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { checkValue, compact, param } from '../shared/validate';

/** The node's parameters read and checked into Forms On Fire's queries and user bodies, before any request. */

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

