import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/data';
import type { RequestOptions } from '../../shared/transport';
import { buildXml } from '../../shared/xml';
import { rename, XML_LOCATION_NAMES, XML_TOP_NAMES } from './readers';

/** HighQ user bodies: merging a change into a whole user, and writing it as JSON or XML. */

export type Format = 'json' | 'xml';

/** `patch` applied onto `base`: nested objects merged, everything else (lists included) replaced. */
export function mergeUser(base: IDataObject, patch: IDataObject): IDataObject {
	const out: IDataObject = { ...base };
	for (const [key, value] of Object.entries(patch)) {
		const current = out[key];
		out[key] = isObject(value) && isObject(current) && !('link' in value) ? mergeUser(current, value) : value;
	}
	return out;
}

/** A user with the element names of HighQ's XML, for an XML request body. */
function xmlNames(user: IDataObject): IDataObject {
	const out = rename(user, XML_TOP_NAMES);
	if (isObject(out.location)) out.location = rename(out.location, XML_LOCATION_NAMES);
	return out;
}

/** XML has no null: an empty element stands for "no value". */
function nullsToEmpty(value: unknown): unknown {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value)) return value.map(nullsToEmpty);
	if (isObject(value)) {
		const out: IDataObject = {};
		for (const [k, v] of Object.entries(value)) out[k] = nullsToEmpty(v) as IDataObject;
		return out;
	}
	return value;
}

/** The request with `user` as its body, in the chosen format. */
export function withUserBody(options: RequestOptions, method: 'POST' | 'PUT', user: IDataObject, format: Format): RequestOptions {
	if (format === 'xml') {
		return {
			...options,
			method,
			json: false,
			body: buildXml('user', nullsToEmpty(xmlNames(user)) as IDataObject, { declaration: true }),
			headers: { ...(options.headers ?? {}), 'Content-Type': 'application/xml', Accept: 'application/xml' },
		};
	}
	return {
		...options,
		method,
		body: { user },
		headers: { ...(options.headers ?? {}), 'Content-Type': 'application/json' },
	};
}
