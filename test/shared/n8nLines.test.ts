/**
 * A failed request reads the same on n8n 1.x and 2.x: the vendor's message, the HTTP status,
 * the network failure, and a 429 tried again. The errors are built as each line builds them
 * (test/helpers/n8nErrors.ts says from which code).
 */
import { AuthError } from '@n8n/client-oauth2';
import {
	NodeApiError,
	OperationalError,
	type IExecuteSingleFunctions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { FormsOnFire } from '../../nodes/FormsOnFire/FormsOnFire.node';
import { Hcss } from '../../nodes/Hcss/Hcss.node';
import { HCSS } from '../../nodes/Hcss/api';
import { HighQPublisher } from '../../nodes/HighQPublisher/HighQPublisher.node';
import { PcRecruiter } from '../../nodes/PcRecruiter/PcRecruiter.node';
import { Recrubo } from '../../nodes/Recrubo/Recrubo.node';
import { RESPONSE_AS_BYTES } from '../../nodes/shared/descriptions';
import { toNodeApiError } from '../../nodes/shared/errors';
import { httpResponseOf } from '../../nodes/shared/httpResponse';
import { RATE_LIMIT_RETRIES, retryDelay } from '../../nodes/shared/retry';
import { nodeErrorOf, send, type ApiContext } from '../../nodes/shared/transport';
import { asN8n1, asN8n2, httpFailure, N8N_LINES, networkFailure, node, type Wrap } from '../helpers/n8nErrors';

const PCR_NOT_FOUND = { Message: "User 'NOBODY' was not found." };
const JSON_API_NOT_FOUND = { errors: [{ status: '404', title: 'Record not found', detail: 'User 42 does not exist.' }] };

describe('where each n8n line leaves a failed response', () => {
	it('n8n 2.x: status, headers and any body, from the axios error in `cause`', async () => {
		const error = asN8n2(await httpFailure(404, '<error><summary>No such user</summary></error>', { 'Retry-After': '7' }));
		expect(httpResponseOf(error)).toEqual({
			status: 404,
			headers: expect.objectContaining({ 'retry-after': '7' }),
			body: '<error><summary>No such user</summary></error>',
		});
	});

	it('n8n 1.x: `cause` is gone; the status from httpCode, a JSON object body from context.data, no headers', async () => {
		const error = asN8n1(await httpFailure(404, PCR_NOT_FOUND, { 'Retry-After': '7' }));
		expect(error.cause).toBeUndefined();
		expect(httpResponseOf(error)).toEqual({ status: 404, body: PCR_NOT_FOUND });
	});

	it('n8n 1.x: a text body (XML, HTML) does not survive; the status does', async () => {
		const error = asN8n1(await httpFailure(404, '<error><summary>No such user</summary></error>'));
		expect(httpResponseOf(error)).toEqual({ status: 404, body: undefined });
	});

	it('axios error as helpers.httpRequest throws it (both lines): read directly', async () => {
		expect(httpResponseOf(await httpFailure(503, { message: 'down' }))).toEqual({
			status: 503,
			headers: expect.any(Object),
			body: { message: 'down' },
		});
	});

	it('not an HTTP failure: nothing', async () => {
		expect(httpResponseOf(asN8n1(await networkFailure('ECONNRESET')))).toBeUndefined();
		expect(httpResponseOf(new Error('boom'))).toBeUndefined();
		expect(httpResponseOf(undefined)).toBeUndefined();
	});
});

describe('the nodes ask n8n for the response as bytes (RESPONSE_AS_BYTES)', () => {
	const HIGHQ_NOT_FOUND = '<?xml version="1.0" encoding="utf-8"?>\n<error><summary>The requested user does not exist</summary><ref>108</ref></error>';

	it.each(N8N_LINES)("so that a text body, here HighQ's XML error, reaches the message on %s", async (_line, wrap) => {
		const error = toNodeApiError(node, wrap(await httpFailure(404, HIGHQ_NOT_FOUND, {}, RESPONSE_AS_BYTES.encoding)), []);
		expect(error.message).toBe('The requested user does not exist');
		expect(error.description).toBe('Vendor error code: 108\nHTTP status: 404');
	});

	it('(asked for as text, n8n 1.x would drop it)', async () => {
		const error = toNodeApiError(node, asN8n1(await httpFailure(404, HIGHQ_NOT_FOUND)), []);
		expect(error.message).toBe('The server answered with HTTP 404 and no error message');
	});

	it.each([
		['PCRecruiter', new PcRecruiter()],
		['Recrubo', new Recrubo()],
		['HighQ Publisher', new HighQPublisher()],
		['HCSS', new Hcss()],
		['Forms On Fire', new FormsOnFire()],
	])('%s', (_name, type) => {
		expect(type.description.requestDefaults?.encoding).toBe('arraybuffer');
	});
});

describe.each(N8N_LINES)('a failed request on %s', (_line, wrap: Wrap) => {
	it("a 404 leads with the vendor's own message (PCRecruiter)", async () => {
		const error = toNodeApiError(node, wrap(await httpFailure(404, PCR_NOT_FOUND)), []);
		expect(error.message).toBe("User 'NOBODY' was not found.");
		expect(error.description).toBe('HTTP status: 404');
	});

	it("a 404 leads with the vendor's own message (JSON:API, Recrubo)", async () => {
		const error = toNodeApiError(node, wrap(await httpFailure(404, JSON_API_NOT_FOUND, { 'Content-Type': 'application/vnd.api+json' })), []);
		expect(error.message).toBe('Record not found');
		expect(error.description).toBe('Record not found: User 42 does not exist.\nVendor error code: 404\nHTTP status: 404');
	});

	it('a network failure is named as such, with its code', async () => {
		const error = toNodeApiError(node, wrap(await networkFailure('ECONNRESET')), []);
		expect(error.message).toBe('The server closed the connection before it answered');
		expect(error.description).toBe('Network error: ECONNRESET');
	});

	it('a 429 is tried again', async () => {
		expect(retryDelay(wrap(await httpFailure(429, { message: 'Too many requests' }, { 'Retry-After': '1' })))).toBe(1000);
		expect(retryDelay(wrap(await httpFailure(404, PCR_NOT_FOUND)))).toBeUndefined();
	});
});

describe('Retry-After', () => {
	it('n8n 2.x honours the wait the server asks for, and gives up on a long one', async () => {
		expect(retryDelay(asN8n2(await httpFailure(429, {}, { 'Retry-After': '2' })))).toBe(2000);
		expect(retryDelay(asN8n2(await httpFailure(429, {}, { 'Retry-After': '3600' })))).toBeUndefined();
	});

	it('n8n 1.x keeps no headers: one second, as for a 429 without Retry-After', async () => {
		expect(retryDelay(asN8n1(await httpFailure(429, {}, { 'Retry-After': '2' })))).toBe(1000);
	});
});

describe.each(N8N_LINES)('sending (the vendor layer) on %s', (_line, wrap: Wrap) => {
	afterEach(() => jest.useRealTimers());

	it('a 429 with a short Retry-After three times, then an answer: four requests, the answer comes back', async () => {
		const tooMany = wrap(await httpFailure(429, { message: 'Too many requests' }, { 'Retry-After': '1' }));
		const answer: IN8nHttpFullResponse = { body: { UserName: 'SAMPLE' }, headers: {}, statusCode: 200 };
		const httpRequestWithAuthentication = jest
			.fn()
			.mockRejectedValueOnce(tooMany)
			.mockRejectedValueOnce(tooMany)
			.mockRejectedValueOnce(tooMany)
			.mockResolvedValueOnce(answer);
		const ctx = {
			getNode: () => ({ ...node, credentials: { vendorApi: { id: '1', name: 'v' } } }),
			getCredentials: async () => ({}),
			helpers: { httpRequestWithAuthentication },
		} as unknown as ApiContext;
		jest.useFakeTimers();
		const result = send(ctx, { credentialType: () => 'vendorApi' }, { method: 'GET', url: '/users/NOBODY' });
		await jest.advanceTimersByTimeAsync(3 * 1000);
		await expect(result).resolves.toBe(answer);
		expect(httpRequestWithAuthentication).toHaveBeenCalledTimes(RATE_LIMIT_RETRIES + 1);
		// a request built outside a node (a trigger, a dropdown) is asked for as bytes too
		expect(httpRequestWithAuthentication.mock.calls[0][1]).toMatchObject({ encoding: 'arraybuffer', returnFullResponse: true, url: '/users/NOBODY' });
	});
});

describe('HCSS: a refused token request on both lines', () => {
	// n8n-core 2.41.1 request-helpers/oauth.js:229 wraps the OAuth2 client's error in an
	// OperationalError `Failed to acquire OAuth2 access token: <its message>` (cause: the error),
	// which httpRequestWithAuthentication wraps in a NodeApiError; n8n-core 1.122.48
	// request-helper-functions.js:523 lets the client's AuthError through to that NodeApiError.
	const refused = (error: string) => {
		const message = error === 'invalid_scope' ? 'The requested scope is invalid, unknown, or malformed.' : 'Client authentication failed (e.g., unknown client).';
		return new AuthError(message, { error });
	};
	const lines: Array<[string, (e: Error) => NodeApiError]> = [
		['n8n 1.x', (e) => asN8n1(e as never)],
		['n8n 2.x', (e) => new NodeApiError(node, new OperationalError(`Failed to acquire OAuth2 access token: ${e.message}`, { cause: e }) as never)],
	];
	const ctx = {
		getNode: () => ({ ...node, credentials: {} }),
		getItemIndex: () => 0,
	} as unknown as IExecuteSingleFunctions;


	// The vendor layer converts an error once, where it was thrown (send), for Get and Get Many alike.
	const cases = lines.map(([line, wrap]) => [line, 'as n8n throws it', wrap] as const);

	it.each(cases)('%s, %s: a refused client says what to check', async (_line, _path, thrown) => {
		const error = await nodeErrorOf(ctx, HCSS, thrown(refused('invalid_client')), {});
		expect(error.message).toBe('Failed to acquire OAuth2 access token: Client authentication failed (e.g., unknown client).');
		expect(error.description).toBe('HCSS did not issue an access token: check the Client ID, Client Secret, Scope and Access Token URL in the credential.');
	});

	it.each(cases)('%s, %s: a refused scope says so', async (_line, _path, thrown) => {
		const error = await nodeErrorOf(ctx, HCSS, thrown(refused('invalid_scope')), {});
		expect(error.message).toBe('Failed to acquire OAuth2 access token: The requested scope is invalid, unknown, or malformed.');
		expect(error.description).toMatch(/^HCSS refused the Scope in the credential/);
	});
});
