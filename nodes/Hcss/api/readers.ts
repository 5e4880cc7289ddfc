import type { IDataObject, IN8nHttpFullResponse, INodePropertyOptions } from 'n8n-workflow';

import { asObject, toNumber } from '../../shared/data';
import type { Page } from '../../shared/paging';
import { BadResponse, readJsonLenient } from '../../shared/read';
import { lookupWithoutUsers } from '../../shared/upsert';

/** Readers of the HCSS Users API's JSON answers: plain functions of a body. */

const CHECK_BASE_URL = 'Check that the Base URL in the credential points at the HCSS Users API, e.g. https://api.hcssapps.com/users.';

/**
 * The list envelopes HCSS has been seen to send: `{page, pageSize, totalRecords,
 * totalPages, items}`, `{currentPage, totalPages, pageSize, totalCount, results}`, or a
 * bare array. Anything else reads as an empty list.
 */
export function listEntries(body: unknown): Page {
	const data = readJsonLenient(body);
	if (Array.isArray(data)) return { entries: data as IDataObject[], info: {} };
	const obj = asObject(data);
	if (!obj) return { entries: [], info: {} };
	const list = [obj.items, obj.results, obj.Items, obj.Results, obj.data].find(Array.isArray) as IDataObject[] | undefined;
	const total = toNumber(obj.totalRecords) ?? toNumber(obj.totalCount) ?? toNumber(obj.TotalRecords) ?? toNumber(obj.TotalCount);
	return { entries: list ?? [], info: { total } };
}

/** A page of users; an empty answer or one that is not JSON is an error, not an empty list. */
export function readUsersPage(response: IN8nHttpFullResponse): Page {
	const data = readJsonLenient(response.body);
	if (data === null || typeof data !== 'object') {
		throw new BadResponse(data === undefined ? 'HCSS sent an empty response' : 'HCSS sent a response that is not a JSON list of users', CHECK_BASE_URL);
	}
	return listEntries(data);
}

/** One user. */
export function readUser(response: IN8nHttpFullResponse): IDataObject {
	const user = asObject(readJsonLenient(response.body));
	if (!user) {
		const empty = response.body === undefined || String(response.body).trim() === '';
		throw new BadResponse(empty ? 'HCSS sent an empty response' : 'HCSS sent a response that is not a JSON user', CHECK_BASE_URL);
	}
	return user;
}

/** A lookup by user name: one user is the documented answer; should a list ever come, every entry is a match. */
export function readLookup(response: IN8nHttpFullResponse): IDataObject[] {
	const found = readJsonLenient(response.body);
	if (Array.isArray(found)) return found.map(asObject).filter((u): u is IDataObject => u !== undefined);
	const user = asObject(found);
	if (!user || user.id === undefined) throw lookupWithoutUsers('HCSS user', found);
	return [user];
}

/** The answer as an object, or `{}` (a write that answered with no body). */
export function readObject(response: IN8nHttpFullResponse): IDataObject {
	return asObject(readJsonLenient(response.body)) ?? {};
}

/** A dropdown from a list of `{id, name}` records, by name. */
export function readOptions(response: IN8nHttpFullResponse): INodePropertyOptions[] {
	return listEntries(response.body)
		.entries.filter((entry) => entry && entry.id !== undefined && entry.id !== null)
		.map((entry) => {
			const id = String(entry.id);
			const label = [entry.name, entry.description, entry.code].find((v) => typeof v === 'string' && v.trim() !== '');
			return { name: typeof label === 'string' ? label : id, value: id };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
