import type { IDataObject } from 'n8n-workflow';

/** A failed request's response, as far as the error n8n threw still holds it. */
export interface HttpResponseParts {
	status?: number;
	/** Response headers, lower-case names; none on n8n 1.x's NodeApiError. */
	headers?: IDataObject;
	/** The response body; on n8n 1.x's NodeApiError only when it was a JSON object. */
	body?: unknown;
}

function record(value: unknown): IDataObject | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

/**
 * The status, headers and body of a failed request in whatever n8n's request helpers threw,
 * on every n8n line:
 * - axios's own error (helpers.httpRequest, 1.x and 2.x): `response` = { status, headers, data };
 * - n8n 2.x's NodeApiError (httpRequestWithAuthentication: `new NodeApiError(node, axiosError)`):
 *   the axios error is its `cause`;
 * - n8n 1.x's NodeApiError, built the same way: its `cause` is undefined (n8n-workflow 1.x's
 *   ExecutionBaseError declares a `cause;` class field, which overwrites the cause Error set), so
 *   only `httpCode` (the status, as text) and `context.data` (the body, when it was a JSON
 *   object) are left: no headers, no XML, HTML or plain-text body.
 */
export function httpResponseOf(error: unknown): HttpResponseParts | undefined {
	const e = record(error);
	for (const c of [e, record(e?.cause), record(record(e?.cause)?.cause)]) {
		const response = record(c?.response);
		if (response && (response.status !== undefined || response.data !== undefined)) {
			return {
				status: Number(response.status) || undefined,
				headers: record(response.headers),
				body: response.data ?? response.body,
			};
		}
	}
	const status = Number(e?.httpCode);
	if (Number.isInteger(status) && status >= 100) return { status, body: record(e?.context)?.data };
	return undefined;
}
