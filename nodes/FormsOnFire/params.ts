import {
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { checkValue, compact, param, refuse } from '../shared/validate';

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

interface MetadataPair {
	Key: string;
	Value: string;
}

/** Pairs from `{ key: value }` or `[{ Key, Value }]` (either case), or undefined when the value is neither. */
function pairsOf(data: unknown): MetadataPair[] | undefined {
	if (Array.isArray(data)) {
		const pairs: MetadataPair[] = [];
		for (const entry of data) {
			const pair = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as IDataObject) : undefined;
			const key = pair?.Key ?? pair?.key;
			const value = pair?.Value ?? pair?.value ?? '';
			if (typeof key !== 'string' || typeof value === 'object') return undefined;
			pairs.push({ Key: key, Value: String(value) });
		}
		return pairs;
	}
	if (data !== null && typeof data === 'object') {
		const entries = Object.entries(data as IDataObject);
		if (entries.some(([, value]) => value !== null && typeof value === 'object')) return undefined;
		return entries.map(([Key, value]) => ({ Key, Value: value === null || value === undefined ? '' : String(value) }));
	}
	return undefined;
}

/**
 * Metadata, which the API takes as key/value pairs: Additional Fields > Metadata (pairs), then
 * Metadata (JSON), where workflows saved when it was free text keep their value (JSON of pairs
 * or of an object works; other text is refused, naming the parameter).
 */
function metadataOf(ctx: IExecuteSingleFunctions, extra: IDataObject): MetadataPair[] | undefined {
	const pairs: MetadataPair[] = [];
	const raw = extra.metadata;
	if (raw !== undefined && raw !== null && !(typeof raw === 'string' && raw.trim() === '')) {
		let data: unknown = raw;
		if (typeof raw === 'string') {
			try {
				data = JSON.parse(raw) as unknown;
			} catch {
				data = undefined;
			}
		}
		const fromJson = pairsOf(data);
		if (!fromJson) {
			refuse(
				ctx,
				'Metadata (JSON)',
				'additionalFields.metadata',
				'expected key/value pairs as JSON',
				`Forms On Fire stores metadata as key/value pairs: use Metadata (pairs) under Additional Fields, or give JSON such as {"PayrollId": "P-17"} or [{"Key": "PayrollId", "Value": "P-17"}]. The value given began "${String(typeof raw === 'string' ? raw : JSON.stringify(raw)).slice(0, 40)}".`,
			);
		}
		pairs.push(...fromJson);
	}
	const rows = ((extra.metadataPairs as IDataObject | undefined)?.pair ?? []) as IDataObject[];
	rows.forEach((row, i) => {
		const name = `additionalFields.metadataPairs.pair[${i}].key`;
		const key = checkValue(ctx, { name, label: 'Metadata Key', maxLength: 200 }, row.key)!;
		pairs.push({ Key: key, Value: row.value === undefined || row.value === null ? '' : String(row.value) });
	});
	return pairs.length ? pairs : undefined;
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
		Metadata: metadataOf(ctx, extra),
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

