import { parseXml, type XmlShape } from './xml';

/**
 * What a reader found wrong with a response that came with a 2xx status: no users where a
 * list was expected, text that is not JSON, or the vendor's own error document. Readers are
 * plain functions with no n8n context; the transport (`call`) turns this into the node's
 * NodeApiError, with the item index and, for a vendor's own error, secrets redacted.
 */
export class BadResponse extends Error {
	constructor(
		message: string,
		readonly description?: string,
		/** The vendor reported this error itself (its text may echo a secret: redact it). */
		readonly fromVendor = false,
	) {
		super(message);
		this.name = 'BadResponse';
	}
}

/**
 * A response body that may be JSON (already parsed, or text) or XML text, as data. XML comes
 * back without its document element (`<UserResponse>...</UserResponse>` gives the content of
 * UserResponse), shaped like the vendor's JSON by `shape`. An empty body is undefined.
 */
export function readBody(body: unknown, shape?: XmlShape): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	const text = body.trim();
	if (text === '') return undefined;
	if (text.startsWith('<')) {
		const parsed = parseXml(text, shape);
		if (parsed.refused !== undefined) {
			throw new BadResponse(parsed.refused, 'Check that the Base URL in the credential points at the API, and try the JSON format.');
		}
		const values = Object.values(parsed.data);
		return values.length === 1 ? values[0] : parsed.data;
	}
	const data = parseJson(text);
	if (data === NOT_JSON) throw new BadResponse('The server sent a response that is neither JSON nor XML', `It began: ${text.slice(0, 120)}`);
	return data;
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return NOT_JSON;
	}
}

/** JSON text as data, or the text itself when it is not JSON (HCSS: a reader decides what that means). */
export function readJsonLenient(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	const text = body.trim();
	if (text === '') return undefined;
	const data = parseJson(text);
	return data === NOT_JSON ? text : data;
}
