import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { buildXml } from '../../shared/xml';

/** The hosted servers: Forms On Fire and the white-label products that run the same API. */
export const FOF_SERVERS = [
	{ name: 'Forms On Fire (secure.formsonfire.com)', value: 'https://secure.formsonfire.com/api/v2' },
	{ name: 'eFormsMobile (eforms.mobileform.net)', value: 'https://eforms.mobileform.net/api/v2' },
	{ name: 'Taskform (dashboard.taskform.io)', value: 'https://dashboard.taskform.io/api/v2' },
	{ name: 'Custom URL', value: 'custom' },
];

/**
 * The API root from the credential: the chosen server, or the custom URL (trailing
 * slashes dropped; a bare host such as `https://forms.example.com` gets `/api/v2`).
 * An expression, so n8n's credential domain restrictions see the credential's own host.
 */
export const FOF_BASE_URL =
	'={{(($credentials.baseUrl === "custom" ? $credentials.customBaseUrl : $credentials.baseUrl) || "").trim().replace(/\\/+$/, "").replace(/^(https?:\\/\\/[^\\/]+)$/i, "$1/api/v2")}}';

/** The same API root as FOF_BASE_URL, for code that reads the credential itself (a trigger, a dropdown). */
export function baseUrl(credentials: ICredentialDataDecryptedObject): string {
	const chosen = credentials.baseUrl === 'custom' ? credentials.customBaseUrl : credentials.baseUrl;
	return String(chosen ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/^(https?:\/\/[^/]+)$/i, '$1/api/v2');
}

/**
 * For the credential test's success-body rule, which compares one path of the body with
 * one value: the first character of ResponseStatus.ErrorCode is a string exactly when
 * the ErrorCode is set and not empty.
 */
export const ERROR_CODE_SET = { path: 'ResponseStatus.ErrorCode.0.constructor.name', value: 'String' };

export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
/** .NET DataContract's namespace for arrays of primitives (`List<Guid>` -> `<d2p1:guid>`). */
export const ARRAYS_NAMESPACE = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

/** .NET DataContract's namespace for `KeyValuePair<string, string>` (`<d2p1:KeyValuePairOfstringstring>`). */
export const GENERIC_NAMESPACE = 'http://schemas.datacontract.org/2004/07/System.Collections.Generic';

/** Elements whose children form a list (GUID lists, users, field errors, devices). */
const GUID_LISTS = new Set(['Folders', 'Groups']);
/** Elements that hold key/value pairs, sent as `{ Key, Value }` in JSON. */
const PAIR_LISTS = new Set(['Metadata']);

/** The pairs as DataContract writes them: `key` before `value`, in the generic namespace. */
function xmlPairs(data: IDataObject): IDataObject {
	let out = data;
	for (const name of PAIR_LISTS) {
		const pairs = data[name];
		if (!Array.isArray(pairs)) continue;
		out = { ...out, [name]: (pairs as IDataObject[]).map((p) => ({ 'd2p1:key': p.Key, 'd2p1:value': p.Value })) };
	}
	return out;
}

/**
 * An XML request body as the API wants it: the root element carries
 * `xmlns:i="http://www.w3.org/2001/XMLSchema-instance"`, child elements are in
 * alphabetical (ordinal) order, values escaped, GUID lists as DataContract arrays, key/value
 * pairs as DataContract's `KeyValuePairOfstringstring`.
 */
export function fofXml(rootName: string, data: IDataObject): string {
	return buildXml(rootName, xmlPairs(data), {
		rootAttributes: { 'xmlns:i': XSI_NAMESPACE },
		sortKeys: true,
		arrayItem: (name) => {
			if (GUID_LISTS.has(name)) return { name: 'd2p1:guid', attributes: { 'xmlns:d2p1': ARRAYS_NAMESPACE } };
			if (PAIR_LISTS.has(name)) return { name: 'd2p1:KeyValuePairOfstringstring', attributes: { 'xmlns:d2p1': GENERIC_NAMESPACE } };
			return undefined;
		},
	});
}

/** The XML root element of a POST body, by path: the API's request type names. */
const XML_ROOTS: Record<string, string> = { '/user': 'User' };

function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : String(headers[key]);
}

/**
 * Puts CompanyId and IntegrationKey where the API wants them: the query string for GET
 * and DELETE, the body for POST and PUT. A body meant to go as XML (the operation set
 * `Content-Type: application/xml`) is serialised here, once the key is in it, so that
 * all its elements, the key's among them, are in alphabetical order.
 */
export function addAuth(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	const rawCompany = String(credentials.companyId ?? '').trim();
	const companyId: string | number = /^\d{1,15}$/.test(rawCompany) ? Number(rawCompany) : rawCompany;
	const auth = { CompanyId: companyId, IntegrationKey: String(credentials.integrationKey ?? '') };
	const method = (requestOptions.method ?? 'GET').toUpperCase();
	if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') {
		requestOptions.qs = { ...(requestOptions.qs ?? {}), ...auth };
		return requestOptions;
	}
	const body = requestOptions.body;
	// Already serialised (n8n authenticates again when it retries after a 401): the key is in it.
	if (typeof body === 'string' || Buffer.isBuffer(body)) return requestOptions;
	const fields: IDataObject =
		body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
	const withAuth: IDataObject = { ...fields, ...auth };
	const isXml = /xml/i.test(headerValue(requestOptions.headers as IDataObject, 'content-type') ?? '');
	const path = requestOptions.url.replace(/[?#].*$/, '').replace(/\/+$/, '').toLowerCase();
	requestOptions.body = isXml ? fofXml(XML_ROOTS[path] ?? 'User', withAuth) : withAuth;
	return requestOptions;
}
