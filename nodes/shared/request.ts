import {
	NodeApiError,
	sleep,
	type DeclarativeRestApiSettings,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import {
	redact,
	responseStatusError,
	toNodeApiError,
	vendorApiError,
	type ErrorHints,
	type Secrets,
} from './errors';
import { httpResponseOf } from './httpResponse';
import { parseXml, type XmlShape } from './xml';

const SECRET_FIELD = /password|secret|key|token|session/i;

function collectSecrets(data: unknown, out: Secrets, depth = 0): void {
	if (depth > 3 || data === null || typeof data !== 'object') return;
	for (const [name, value] of Object.entries(data as IDataObject)) {
		if (typeof value === 'string' && SECRET_FIELD.test(name)) out.push(value);
		else if (typeof value === 'object') collectSecrets(value, out, depth + 1);
	}
}

/**
 * The secret values of every credential the node has: any field whose name says
 * password, secret, key, token or session, and the OAuth token data.
 */
export async function credentialSecrets(this: IExecuteSingleFunctions): Promise<Secrets> {
	const secrets: Secrets = [];
	for (const type of Object.keys(this.getNode().credentials ?? {})) {
		try {
			const data: ICredentialDataDecryptedObject = await this.getCredentials(type);
			collectSecrets(data, secrets);
		} catch {
			// a credential that cannot be read has nothing to leak
		}
	}
	return secrets;
}

/** Rethrows any request failure as a NodeApiError with the vendor's message and no secrets. */
export async function rethrowAsVendorError(
	this: IExecuteSingleFunctions,
	error: unknown,
	hints?: ErrorHints,
): Promise<never> {
	const secrets = await credentialSecrets.call(this);
	throw toNodeApiError(this.getNode(), error, secrets, hints, this.getItemIndex());
}

/** How often a rate-limited (429) request is tried again, and the longest wait honoured. */
export const RATE_LIMIT_RETRIES = 3;
export const MAX_RETRY_AFTER_MS = 10_000;

/** Milliseconds to wait before retrying a 429, or undefined when it should not be retried. */
export function retryDelay(error: unknown): number | undefined {
	const response = httpResponseOf(error);
	if (response?.status !== 429) return undefined;
	// n8n 1.x's NodeApiError keeps no headers: there a 429 waits as if it had no Retry-After
	const header = response.headers?.['retry-after'];
	if (header === undefined || header === null || header === '') return 1000;
	const seconds = Number(header);
	const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(String(header)) - Date.now();
	if (!Number.isFinite(ms)) return 1000;
	return ms <= MAX_RETRY_AFTER_MS ? Math.max(0, ms) : undefined;
}

/**
 * `this.makeRoutingRequest`, with a 429 that asks for a short wait (Retry-After) tried
 * again, at most RATE_LIMIT_RETRIES times. The last failure goes to `fail` (which throws
 * the node's error), with `rateLimitRetries` set on it when it was retried, so the error
 * can say so.
 */
export async function retryRateLimited(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	fail: (error: unknown) => Promise<never>,
): Promise<INodeExecutionData[]> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await this.makeRoutingRequest(requestData);
		} catch (error) {
			const wait = retryDelay(error);
			if (wait !== undefined && attempt < RATE_LIMIT_RETRIES) {
				await sleep(wait);
				continue;
			}
			if (attempt > 0 && error !== null && typeof error === 'object') {
				(error as { rateLimitRetries?: number }).rateLimitRetries = attempt;
			}
			return await fail(error);
		}
	}
}

/**
 * One routed request: a 429 with a short Retry-After is retried (at most
 * RATE_LIMIT_RETRIES times); any other failure, or the last 429, becomes a vendor error.
 */
export async function routedRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	hints?: ErrorHints,
): Promise<INodeExecutionData[]> {
	return await retryRateLimited.call(this, requestData, async (error) => await rethrowAsVendorError.call(this, error, hints));
}

/**
 * A write's request options turned into a read: GET `url` (the same URL by default) with
 * `qs`, no body and no Content-Type; base URL, Accept and the rest are kept.
 */
export function readOf(
	options: DeclarativeRestApiSettings.HttpRequestOptions,
	url?: string,
	qs: IDataObject | undefined = options.qs,
): DeclarativeRestApiSettings.HttpRequestOptions {
	const headers: IDataObject = { ...(options.headers ?? {}) };
	for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-type') delete headers[name];
	return { ...options, method: 'GET', url: url ?? options.url, qs, body: undefined, headers };
}

/**
 * `routing.operations.pagination` is n8n's one hook around a whole declarative request;
 * operations that make one request use this, so that failures carry the vendor's message.
 */
export function sendOnce(hints?: ErrorHints) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		return await routedRequest.call(this, requestData, hints);
	};
}

/**
 * Parses a response body that may be JSON (already parsed, or text) or XML text. XML
 * comes back without its document element (`<UserResponse>...</UserResponse>` gives
 * the content of UserResponse), shaped like the vendor's JSON by `shape`.
 */
export function readBody(this: IExecuteSingleFunctions, body: unknown, shape?: XmlShape): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	const text = body.trim();
	if (text === '') return undefined;
	if (text.startsWith('<')) {
		const parsed = parseXml(text, shape);
		if (parsed.refused !== undefined) {
			throw new NodeApiError(this.getNode(), {} as JsonObject, {
				message: parsed.refused,
				description: 'Check that the Base URL in the credential points at the API, and try the JSON format.',
			});
		}
		const values = Object.values(parsed.data);
		return values.length === 1 ? values[0] : parsed.data;
	}
	try {
		return JSON.parse(text);
	} catch {
		throw new NodeApiError(this.getNode(), {} as JsonObject, {
			message: 'The server sent a response that is neither JSON nor XML',
			description: `It began: ${text.slice(0, 120)}`,
		});
	}
}

/**
 * postReceive: a ServiceStack `ResponseStatus` with an ErrorCode is an error even when
 * the HTTP status is 200 (Forms On Fire answers a wrong integration key that way). Field
 * errors go into the description; the credential's secrets are taken out of whatever
 * the server said.
 */
export async function checkResponseStatus(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	for (const item of items) {
		const error = responseStatusError(item.json);
		if (!error) continue;
		const secrets = await credentialSecrets.call(this);
		const lines = [error.description, `Vendor error code: ${error.code}`].filter(Boolean).join('\n');
		throw vendorApiError(this.getNode(), redact(error.message, secrets), redact(lines, secrets), undefined, this.getItemIndex());
	}
	return items;
}
