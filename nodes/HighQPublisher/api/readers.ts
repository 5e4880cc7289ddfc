import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import { isObject, toList } from '../../shared/data';
import type { Page } from '../../shared/paging';
import { BadResponse, readBody } from '../../shared/read';
import { lookupWithoutUsers } from '../../shared/upsert';
import type { XmlShape } from '../../shared/xml';

/** Readers of HighQ's user answers, JSON or XML alike: plain functions of a response. */

/** Elements whose text is a number in HighQ's JSON. */
export const HIGHQ_XML: XmlShape = {
	numbers: ['id', 'orgid', 'orgaddressid'],
};

const CHECK_BASE_URL = 'Check that the Base URL in the credential is the instance URL with its context path, e.g. https://acme.highq.com/acme.';

/**
 * The documented XML uses `customlink`, `messaginglink` and `location.postCode` where
 * the JSON has `customlinks`, `messaginglinks` and `location.postcode`.
 */
export const XML_TOP_NAMES: Record<string, string> = { customlinks: 'customlink', messaginglinks: 'messaginglink' };
export const XML_LOCATION_NAMES: Record<string, string> = { postcode: 'postCode' };

export function rename(obj: IDataObject, names: Record<string, string>): IDataObject {
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

/** `{"user": {...}}` (JSON) and `<user>...</user>` (XML, document element already dropped) alike. */
function unwrapUser(data: unknown): IDataObject | undefined {
	if (!isObject(data)) return undefined;
	const keys = Object.keys(data);
	if (keys.length === 1 && keys[0] === 'user' && isObject(data.user)) return data.user;
	return keys.length ? data : undefined;
}

/** The user in the answer (get, create, update, archive), or undefined for an empty body. */
export function readUser(response: IN8nHttpFullResponse): IDataObject | undefined {
	const user = unwrapUser(readBody(response.body, HIGHQ_XML));
	return user ? jsonNames(user) : undefined;
}

/** The user in the answer; an empty answer is an error, not "no user". */
export function readRequiredUser(response: IN8nHttpFullResponse): IDataObject {
	const user = readUser(response);
	if (!user) throw new BadResponse('HighQ sent an empty response where a user was expected', CHECK_BASE_URL);
	return user;
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

/** A list page; with no total in the envelope, a short page ends the paging. */
export function readUsersPage(response: IN8nHttpFullResponse): Page {
	const data = readBody(response.body, HIGHQ_XML);
	if (data === undefined) throw new BadResponse('HighQ sent an empty response where a list of users was expected', CHECK_BASE_URL);
	return { entries: usersOf(data).filter(isObject).map(jsonNames), info: {} };
}

/** A lookup by email: the user, or (should a list come) every user in it. */
export function readLookup(response: IN8nHttpFullResponse): IDataObject[] {
	const data = readBody(response.body, HIGHQ_XML);
	if (Array.isArray(data) || (isObject(data) && 'users' in data)) return usersOf(data).filter(isObject).map(jsonNames);
	const user = unwrapUser(data);
	if (!user || user.id === undefined) throw lookupWithoutUsers('HighQ user');
	return [jsonNames(user)];
}
