import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import { asObject, str } from './data';
import { vendorErrorFromBody } from './errorBodies';
import { httpResponseOf } from './httpResponse';

/** Any failure of a request as the node's NodeApiError: the vendor's message first, hints, status, code, no secrets. */

export interface ErrorHints {
	/** Extra sentence per HTTP status, e.g. `{ 401: 'The API key was refused.' }`. */
	byStatus?: Record<number, string>;
	/** A first line for the description of every failure, e.g. what had already been done. */
	note?: string;
}

/** Values that must never reach an error, an item or a log. */
export type Secrets = Array<string | number | undefined | null>;

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

interface HttpFailure {
	status?: number;
	body?: unknown;
	message?: string;
	code?: string;
}

/** Digs the HTTP status, body and low-level cause out of whatever n8n's request helper threw. */
function httpFailure(error: unknown): HttpFailure {
	const response = httpResponseOf(error);
	if (response) return { status: response.status, body: response.body };
	const e = error as IDataObject & { cause?: IDataObject };
	// n8n 1.x's NodeApiError keeps a network failure's code (ECONNRESET, ...) only as its httpCode
	const candidates = [e, e?.cause, asObject(e?.cause)?.cause, { code: e?.httpCode }] as Array<IDataObject | undefined>;
	// The low-level cause with a code (ECONNRESET, ECONNABORTED, ...) first: n8n's own wrapper
	// carries a generic text of its own ("The connection was aborted, perhaps the server is offline").
	const cause =
		candidates.find((c) => c && NETWORK_MESSAGES[str(c.code) ?? ''] !== undefined) ??
		candidates.find((c) => c && (str(c.code) || str(c.message)));
	const message = str(cause?.message);
	// An OAuth2 token request refused: n8n 2.x says so (n8n-core oauth.js wraps the OAuth2
	// client's error), n8n 1.x hands on the client's AuthError as it is (its code, EAUTH, as the
	// NodeApiError's httpCode). Said the 2.x way on both.
	if (e?.httpCode === 'EAUTH' && message && !message.startsWith(TOKEN_REFUSED)) {
		return { message: `${TOKEN_REFUSED}${message}` };
	}
	return { message, code: str(cause?.code) };
}

const TOKEN_REFUSED = 'Failed to acquire OAuth2 access token: ';

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
