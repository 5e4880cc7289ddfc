import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import { isObject, toNumber } from '../../shared/data';
import { vendorErrorFromBody } from '../../shared/errorBodies';
import type { Page, PageInfo } from '../../shared/paging';
import { BadResponse, readBody } from '../../shared/read';

/** Readers of Recrubo's JSON:API documents: plain functions of a response body. */

const CHECK_BASE_URL = 'Check that the Base URL in the credential points at the Recrubo public API, e.g. https://api.recrubo.app/public/v2.';

/** The document, or undefined for an empty answer; a JSON:API error document under a 2xx status is still an error. */
export function readDocument(body: unknown): IDataObject | undefined {
	const data = readBody(body);
	if (data === undefined || data === null || data === '') return undefined;
	if (!isObject(data)) throw new BadResponse('Recrubo sent a response that is not a JSON:API document', CHECK_BASE_URL);
	if (data.data === undefined && Array.isArray(data.errors) && data.errors.length > 0) {
		const vendor = vendorErrorFromBody(data);
		throw new BadResponse(
			vendor?.message ?? 'Recrubo reported an error',
			[vendor?.description, vendor?.code ? `Vendor error code: ${vendor.code}` : undefined].filter(Boolean).join('\n'),
			true,
		);
	}
	return data;
}

function notADocument(what: string): BadResponse {
	return new BadResponse(`Recrubo's response has no ${what}`, CHECK_BASE_URL);
}

/** `{ id, ...attributes }`, or the JSON:API resource as it came when not simplifying. */
export function userOf(resource: IDataObject, simplify: boolean): IDataObject {
	if (!simplify) return resource;
	const attributes = isObject(resource.attributes) ? resource.attributes : {};
	const json: IDataObject = { id: resource.id, ...attributes };
	json.id = resource.id;
	return json;
}

/** What Recrubo's list `meta` says about paging: `currentPage`/`maxPage`, and `total`. */
export function pageInfoFromMeta(meta: unknown): PageInfo {
	if (!isObject(meta)) return {};
	const current = toNumber(meta.currentPage);
	const max = toNumber(meta.maxPage);
	return {
		total: toNumber(meta.total),
		done: current !== undefined && max !== undefined ? current >= max : undefined,
		pages: max,
	};
}

/** A list page: one user per resource of `data`; `meta` drives paging. */
export function readUsersPage(response: IN8nHttpFullResponse, simplify: boolean): Page {
	const doc = readDocument(response.body);
	if (!doc || !Array.isArray(doc.data)) throw notADocument('list of users (data)');
	const entries = (doc.data as unknown[]).filter(isObject).map((resource) => userOf(resource, simplify));
	return { entries, info: pageInfoFromMeta(doc.meta) };
}

/** One user: the resource in `data`. */
export function readUser(response: IN8nHttpFullResponse, simplify: boolean): IDataObject {
	const user = readUserOrNothing(response, simplify);
	if (!user) throw notADocument('user (data)');
	return user;
}

/** The user when the server sent one, undefined when it answered with no content (PATCH). */
export function readUserOrNothing(response: IN8nHttpFullResponse, simplify: boolean): IDataObject | undefined {
	const doc = readDocument(response.body);
	return doc && isObject(doc.data) ? userOf(doc.data, simplify) : undefined;
}
