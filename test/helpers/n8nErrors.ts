/**
 * Request failures shaped exactly as each n8n line hands them to a node: a real axios error
 * (axios against nock), wrapped the way n8n-core's httpRequestWithAuthentication wraps it.
 *
 * - n8n 2.x: n8n-core 2.41.1, dist/execution-engine/node-execution-context/utils/
 *   request-helpers/authentication.js:69, `throw new NodeApiError(this.getNode(), error)`; with
 *   n8n-workflow 2.41 the axios error stays on as the NodeApiError's `cause` (NodeError passes
 *   `{ cause: error }` to Error, and ExecutionBaseError leaves it there).
 * - n8n 1.x: n8n-core 1.122.48 (what n8n 1.123.81 ships), dist/execution-engine/
 *   node-execution-context/utils/request-helper-functions.js:802, the same call; but
 *   n8n-workflow 1.120.31's ExecutionBaseError declares `cause;` as a class field
 *   (dist/cjs/errors/abstract/execution-base.error.js:16), and a class field is defined as
 *   undefined right after `super()` returns: Error's own `cause` is overwritten and only
 *   restored for a cause that is not an Error. Everything else NodeApiError sets (httpCode,
 *   context.data, message, description) is the same code in both versions.
 * Checked against both real runtimes: a NodeApiError built from the same axios error under
 * n8n 1.123.81 (Node 22) has `cause` undefined, under n8n 2.41.1 (Node 24) the axios error.
 */
import axios, { type AxiosError } from 'axios';
import nock from 'nock';
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

export const node: INode = { id: '1', name: 'Vendor', type: 't', typeVersion: 1, position: [0, 0], parameters: {} };

const ORIGIN = 'https://vendor.example';

/**
 * What axios throws when the server answers `status` with `body` and `headers`. `encoding` is
 * the n8n request option, which n8n-core hands to axios as its responseType (1.x
 * request-helper-functions.js:394, 2.41 @n8n/backend-network dist/http/axios/request.js:37).
 */
export async function httpFailure(
	status: number,
	body: string | object,
	headers: Record<string, string> = {},
	encoding?: 'arraybuffer',
): Promise<AxiosError> {
	nock(ORIGIN).get('/users/NOBODY').reply(status, body, headers);
	return await failure(encoding);
}

/** What axios throws when the connection fails with `code` (ECONNRESET, ...). */
export async function networkFailure(code: string): Promise<AxiosError> {
	// nock destroys the request with what the reply function rejects with, as a reset socket would
	nock(ORIGIN)
		.get('/users/NOBODY')
		.reply(async () => {
			throw Object.assign(new Error('socket hang up'), { code });
		});
	return await failure();
}

async function failure(encoding?: 'arraybuffer'): Promise<AxiosError> {
	try {
		await axios.get(`${ORIGIN}/users/NOBODY`, encoding ? { responseType: encoding } : {});
	} catch (error) {
		return error as AxiosError;
	}
	throw new Error('the request was expected to fail');
}

export type Wrap = (error: AxiosError) => NodeApiError;

/** httpRequestWithAuthentication's error on n8n 2.x. */
export const asN8n2: Wrap = (error) => new NodeApiError(node, error as unknown as JsonObject);

/** httpRequestWithAuthentication's error on n8n 1.x: the same, with the `cause` field reset. */
export const asN8n1: Wrap = (error) => {
	const wrapped = new NodeApiError(node, error as unknown as JsonObject);
	Object.defineProperty(wrapped, 'cause', { value: undefined, writable: true, enumerable: true, configurable: true });
	return wrapped;
};

export const N8N_LINES: Array<[string, Wrap]> = [
	['n8n 1.x', asN8n1],
	['n8n 2.x', asN8n2],
];
