import type { IDataObject, IN8nHttpFullResponse, INodePropertyOptions } from 'n8n-workflow';

import { asObject, toNumber } from '../../shared/data';
import { responseStatusError } from '../../shared/errorBodies';
import type { Page } from '../../shared/paging';
import { BadResponse, readBody } from '../../shared/read';
import type { XmlShape } from '../../shared/xml';

/** Readers of Forms On Fire's ServiceStack answers, JSON or XML alike: plain functions of a response. */

/** How the API's XML maps onto its JSON. */
export const FOF_XML: XmlShape = {
	lists: ['Users', 'UserGroups', 'Groups', 'Folders', 'UserDevices', 'Errors', 'Results'],
	numbers: ['TotalRows', 'CompanyId'],
	// its JSON leaves out null members; its XML writes them as i:nil
	omitNil: true,
};

/** Fields of a user that hold secrets: never in an item. */
const SECRET_FIELDS = ['IntegrationKey', 'Password'];

/** The user without its secret fields; the same object when it has none (no copy per user). */
export function withoutSecrets(user: IDataObject): IDataObject {
	if (!SECRET_FIELDS.some((key) => key in user)) return user;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(user)) if (!SECRET_FIELDS.includes(key)) out[key] = value;
	return out;
}

/**
 * A value without its null members, at any depth; the same value when it has none (no copy).
 * Forms On Fire's XML writes a null member as `i:nil`, which the XML reader leaves out (omitNil
 * above); a server's JSON may leave it out too (ServiceStack's default) or keep it as null. One
 * rule for both formats and both kinds of server: a null member is left out.
 */
export function withoutNulls<T>(value: T): T {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) {
		let copy: unknown[] | undefined;
		for (let i = 0; i < value.length; i++) {
			const kept = withoutNulls(value[i]);
			if (kept !== value[i]) (copy ??= value.slice())[i] = kept;
		}
		return (copy ?? value) as T;
	}
	// one pass, and the copy built key by key: deleting from a copy would put every user object
	// in V8's slow dictionary mode (measured: a 10,000-user Return All 12% slower than before)
	const object = value as IDataObject;
	const keys = Object.keys(object);
	let copy: IDataObject | undefined;
	for (let i = 0; i < keys.length; i++) {
		const entry = object[keys[i]];
		const kept = entry === null ? undefined : withoutNulls(entry);
		if (!copy) {
			if (kept === entry) continue;
			copy = {};
			for (let j = 0; j < i; j++) copy[keys[j]] = object[keys[j]];
		}
		if (kept !== undefined) copy[keys[i]] = kept;
	}
	return (copy ?? value) as T;
}

/** A user as the node outputs it: no secret fields, no null members. */
function userOf(user: IDataObject): IDataObject {
	return withoutNulls(withoutSecrets(user));
}

/**
 * The answer's envelope. A ServiceStack `ResponseStatus` with an ErrorCode is an error even
 * when the HTTP status is 200 (a wrong integration key is answered that way); its field
 * errors go into the description.
 */
export function readEnvelope(response: IN8nHttpFullResponse): IDataObject {
	const envelope = asObject(readBody(response.body, FOF_XML)) ?? {};
	const error = responseStatusError(envelope);
	if (error) {
		throw new BadResponse(error.message, [error.description, `Vendor error code: ${error.code}`].filter(Boolean).join('\n'), true);
	}
	return envelope;
}

/** The envelope's `User`, without secret fields. */
export function readUser(response: IN8nHttpFullResponse): IDataObject {
	const user = asObject(readEnvelope(response).User);
	if (!user) throw new BadResponse('The server answered without a user', 'The response had no User and no error. Check the Server in the credential.');
	return userOf(user);
}

/** A search page: the entries of `Users`; `TotalRows` drives paging. */
export function readUsersPage(response: IN8nHttpFullResponse): Page {
	const envelope = readEnvelope(response);
	if (!('Users' in envelope) && !('TotalRows' in envelope)) {
		throw new BadResponse('The server answered without a list of users', 'The response had no Users and no error. Check the Server in the credential.');
	}
	const users = Array.isArray(envelope.Users) ? (envelope.Users as IDataObject[]) : [];
	return { entries: users.map(userOf), info: { total: toNumber(envelope.TotalRows) } };
}

/** A page of the user group search: its groups (`UserGroups`); `TotalRows` drives paging. */
export function readGroupsPage(response: IN8nHttpFullResponse): Page {
	const envelope = readEnvelope(response);
	const list =
		(['UserGroups', 'Groups', 'Results'].map((k) => envelope[k]).find(Array.isArray) as IDataObject[] | undefined) ??
		(Object.values(envelope).find(Array.isArray) as IDataObject[] | undefined) ??
		[];
	return { entries: list, info: { total: toNumber(envelope.TotalRows) } };
}

/** The groups dropdown: `{ name, value }` per group, by name. */
export function groupOptions(groups: IDataObject[]): INodePropertyOptions[] {
	return groups
		.filter((g) => asObject(g) && g.Id)
		.map((g) => ({ name: String(g.Name ?? g.Id), value: String(g.Id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
