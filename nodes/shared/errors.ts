import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import { parseXml } from './xml';

/** What a vendor said went wrong, whatever shape its error body had. */
export interface VendorError {
	message: string;
	description?: string;
	code?: string;
}

export interface ErrorHints {
	/** Extra sentence per HTTP status, e.g. `{ 401: 'The API key was refused.' }`. */
	byStatus?: Record<number, string>;
	/** A first line for the description of every failure, e.g. what had already been done. */
	note?: string;
}

/** Values that must never reach an error, an item or a log. */
export type Secrets = Array<string | number | undefined | null>;

const MAX_TEXT = 500;

export function redact(text: string, secrets: Secrets): string {
	let out = text;
	for (const secret of secrets) {
		const s = secret === undefined || secret === null ? '' : String(secret);
		if (s.length < 3) continue;
		const forms = new Set([s, encodeURIComponent(s), encodeURIComponent(s).replace(/%20/g, '+')]);
		for (const form of forms) out = out.split(form).join('[redacted]');
	}
	return out;
}

function str(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

function asObject(value: unknown): IDataObject | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

/**
 * An XML list read without a shape: `<Errors><ResponseError>..</ResponseError></Errors>`
 * gives `{ ResponseError: {..} }` (or `[..]` for several); the entries are what is inside.
 */
function xmlListItems(obj: IDataObject): unknown[] {
	const keys = Object.keys(obj);
	if (keys.length === 1 && ['ErrorCode', 'FieldName', 'Message'].indexOf(keys[0]) === -1) {
		const inner = obj[keys[0]];
		if (Array.isArray(inner)) return inner;
		if (asObject(inner)) return [inner];
	}
	return [obj];
}

/** ServiceStack's ResponseStatus: `{ ErrorCode, Message, Errors: [{ ErrorCode, FieldName, Message }] }`. */
export function responseStatusError(body: unknown): VendorError | undefined {
	const status = asObject(asObject(body)?.ResponseStatus);
	const code = str(status?.ErrorCode);
	if (!status || !code) return undefined;
	const rawErrors = status.Errors;
	const list = Array.isArray(rawErrors) ? rawErrors : asObject(rawErrors) ? xmlListItems(rawErrors as IDataObject) : [];
	const fields = (list as IDataObject[])
		.map((e) => {
			const field = str(e.FieldName);
			const message = str(e.Message) ?? str(e.ErrorCode) ?? '';
			return field ? `${field}: ${message}` : message;
		})
		.filter((line) => line !== '');
	return {
		message: str(status.Message) ?? code,
		description: fields.length ? fields.join('\n') : undefined,
		code,
	};
}

/** Reads a vendor error out of a parsed (JSON or XML) or raw (text, HTML) body. */
export function vendorErrorFromBody(body: unknown): VendorError | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (Buffer.isBuffer(body)) return vendorErrorFromBody(body.toString('utf8'));
	if (typeof body === 'string') {
		const text = body.trim();
		if (text.startsWith('<') && !/^<!doctype html|^<html/i.test(text)) {
			const parsed = parseXml(text);
			if (parsed.data) {
				// Also look inside the document element (ServiceStack: <UserResponse><ResponseStatus>..).
				const [root] = Object.values(parsed.data);
				return vendorErrorFromBody(parsed.data) ?? (asObject(root) ? vendorErrorFromBody(root) : undefined);
			}
		}
		if (text.startsWith('{') || text.startsWith('[')) {
			try {
				return vendorErrorFromBody(JSON.parse(text));
			} catch {
				// not JSON: plain text
			}
		}
		const plain = text
			.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
			.replace(/<[^>]+>/g, ' ')
			.replace(/\s+/g, ' ')
			.trim();
		return plain ? { message: plain.slice(0, MAX_TEXT) } : undefined;
	}
	const obj = asObject(body);
	if (!obj) return undefined;

	// HighQ: <error><summary/><ref/><link/></error> (or the same as JSON)
	const highq = asObject(obj.error) ?? (str(obj.summary) ? obj : undefined);
	if (highq && str(highq.summary)) {
		const link = str(highq.link);
		return {
			message: str(highq.summary)!,
			code: str(highq.ref),
			description: link ? `More detail: ${link}` : undefined,
		};
	}

	const rs = responseStatusError(obj);
	if (rs) return rs;

	// JSON:API: { errors: [{ title, detail, code, source: { pointer } }] }
	if (Array.isArray(obj.errors) && obj.errors.length) {
		const errors = obj.errors as IDataObject[];
		const lines = errors.map((e) => {
			const pointer = str(asObject(e.source)?.pointer) ?? str(asObject(e.source)?.parameter);
			const text = [str(e.title), str(e.detail)].filter(Boolean).join(': ') || str(e.code) || '';
			return pointer ? `${text} (${pointer})` : text;
		});
		return {
			message: str(errors[0].title) ?? str(errors[0].detail) ?? lines[0] ?? 'Request failed',
			description: lines.join('\n'),
			code: str(errors[0].code) ?? str(errors[0].status),
		};
	}

	// ASP.NET validation problem: { title, errors: { field: [messages] } }
	const fieldErrors = asObject(obj.errors);
	if (fieldErrors) {
		const lines = Object.entries(fieldErrors).map(([field, messages]) => {
			const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
			return `${field}: ${list.join('; ')}`;
		});
		return {
			message: str(obj.title) ?? str(obj.message) ?? lines[0] ?? 'Validation failed',
			description: lines.join('\n'),
			code: str(obj.status),
		};
	}

	const message =
		str(obj.message) ??
		str(obj.Message) ??
		str(obj.error_description) ??
		str(obj.title) ??
		str(obj.error) ??
		str(obj.detail) ??
		str(obj.ExceptionMessage);
	if (message) {
		return {
			message,
			description: str(obj.detail) !== message ? str(obj.detail) : undefined,
			code: str(obj.code) ?? str(obj.errorCode) ?? str(obj.error) ?? str(obj.ErrorCode),
		};
	}
	return undefined;
}

interface HttpFailure {
	status?: number;
	body?: unknown;
	message?: string;
	code?: string;
}

/** Digs the HTTP status, body and low-level cause out of whatever n8n's request helper threw. */
function httpFailure(error: unknown): HttpFailure {
	const e = error as IDataObject & { cause?: IDataObject };
	const candidates = [e, e?.cause, asObject(e?.cause)?.cause] as Array<IDataObject | undefined>;
	for (const c of candidates) {
		const response = asObject(c?.response);
		if (response && (response.status !== undefined || response.data !== undefined)) {
			return {
				status: Number(response.status) || undefined,
				body: response.data ?? response.body,
			};
		}
	}
	// The low-level cause with a code (ECONNRESET, ECONNABORTED, ...) first: n8n's own wrapper
	// carries a generic text of its own ("The connection was aborted, perhaps the server is offline").
	const cause =
		candidates.find((c) => c && NETWORK_MESSAGES[str(c.code) ?? ''] !== undefined) ??
		candidates.find((c) => c && (str(c.code) || str(c.message)));
	const httpCode = Number(e?.httpCode);
	return {
		status: Number.isFinite(httpCode) && httpCode >= 100 ? httpCode : undefined,
		message: str(cause?.message),
		code: str(cause?.code),
	};
}

const NETWORK_MESSAGES: Record<string, string> = {
	ECONNREFUSED: 'The server refused the connection',
	ECONNRESET: 'The server closed the connection before it answered',
	ETIMEDOUT: 'The server did not answer in time',
	ECONNABORTED: 'The server did not answer in time',
	ENOTFOUND: 'The server name could not be resolved: check the Base URL in the credential',
	EAI_AGAIN: 'The server name could not be resolved: check the Base URL in the credential',
};

/**
 * Turns any failure of a request into a NodeApiError that leads with the vendor's own
 * message, names the HTTP status and vendor code, and carries no secret.
 */
export function toNodeApiError(
	node: INode,
	error: unknown,
	secrets: Secrets,
	hints: ErrorHints = {},
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof NodeApiError && (error as NodeApiError & { fromVendor?: boolean }).fromVendor) {
		return error;
	}
	const failure = httpFailure(error);
	const vendor = vendorErrorFromBody(failure.body);
	const status = failure.status;
	let message: string;
	if (vendor) message = vendor.message;
	else if (failure.code && NETWORK_MESSAGES[failure.code]) message = NETWORK_MESSAGES[failure.code];
	else if (status) message = `The server answered with HTTP ${status} and no error message`;
	else message = failure.message ?? 'The request failed';

	const lines: string[] = [];
	if (status && hints.byStatus?.[status]) lines.push(hints.byStatus[status]);
	const retries = Number((error as { rateLimitRetries?: number } | null)?.rateLimitRetries) || 0;
	if (status === 429 && retries > 0) lines.push(`Still rate limited after ${retries} retries.`);
	if (status === 429) lines.push('The server is rate limiting requests: wait, or lower the number of items per run.');
	if (vendor?.description) lines.push(vendor.description);
	if (vendor?.code) lines.push(`Vendor error code: ${vendor.code}`);
	if (status) lines.push(`HTTP status: ${status}`);
	if (!vendor && failure.code) lines.push(`Network error: ${failure.code}`);
	return vendorApiError(node, redact(message, secrets), redact(lines.join('\n'), secrets), status, itemIndex);
}

export function vendorApiError(
	node: INode,
	message: string,
	description: string,
	status?: number,
	itemIndex?: number,
): NodeApiError {
	const error = new NodeApiError(node, { message, description } as JsonObject, {
		message,
		description,
		httpCode: status ? String(status) : undefined,
		itemIndex,
	});
	// NodeApiError replaces some messages with n8n's generic text for well-known codes; keep the vendor's.
	error.message = message;
	error.description = description;
	(error as NodeApiError & { fromVendor?: boolean }).fromVendor = true;
	return error;
}
