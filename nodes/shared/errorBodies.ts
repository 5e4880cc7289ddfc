import type { IDataObject } from 'n8n-workflow';

import { asObject, str } from './data';
import { parseXml } from './xml';

/** Reading a vendor's own error out of a response body, whatever shape it has (JSON, JSON:API, XML, ServiceStack, HTML, text). */

/** What a vendor said went wrong, whatever shape its error body had. */
export interface VendorError {
	message: string;
	description?: string;
	code?: string;
}

const MAX_TEXT = 500;

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

