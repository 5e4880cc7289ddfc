/**
 * Max Requests at Once, for every operation: the requests in flight to a vendor per credential
 * never pass the node's setting, whatever the number of items or runs; logins and tokens are
 * fetched once, not once per waiting request; 429 retries keep their place.
 */
import nock from 'nock';
import { sleep, type INodeType } from 'n8n-workflow';

import { HcssOAuth2Api } from '../../credentials/HcssOAuth2Api.credentials';
import { PcRecruiterApi } from '../../credentials/PcRecruiterApi.credentials';
import { RecruboApi } from '../../credentials/RecruboApi.credentials';
import { Hcss } from '../../nodes/Hcss/Hcss.node';
import { PcRecruiter } from '../../nodes/PcRecruiter/PcRecruiter.node';
import { Recrubo } from '../../nodes/Recrubo/Recrubo.node';
import { clearSessions } from '../../nodes/shared/session';
import { CredentialStore, runNode } from '../helpers/engine';

/** Counts requests in flight on the server side: each answer is sent `delayMs` after it arrived. */
function gauge(delayMs = 15) {
	const g = { now: 0, peak: 0, total: 0 };
	const answer =
		(reply: (uri: string, headers: Record<string, unknown>) => [number, unknown, Record<string, string>?]) =>
		async function (this: nock.ReplyFnContext, uri: string): Promise<nock.ReplyFnResult> {
			g.now++;
			g.total++;
			g.peak = Math.max(g.peak, g.now);
			const [status, body, headers] = reply(uri, this.req.headers);
			await sleep(delayMs);
			g.now--;
			return [status, body as nock.Body, headers ?? { 'Content-Type': 'application/json' }];
		};
	return { g, answer };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `u${i}` }));
const JSON_API = { 'Content-Type': 'application/vnd.api+json' };
const recruboUser = (uri: string) => ({ data: { id: uri.split('/').pop(), type: 'users', attributes: { firstName: 'A' } } });

function recrubo(extra: Record<string, unknown> = {}, credentials = new CredentialStore({ recruboApi: { baseUrl: 'https://recrubo.test', apiKey: 'rk-Secret' } })) {
	return (input: Array<{ id: string }>) =>
		runNode({
			node: new Recrubo() as INodeType,
			credentialTypes: [new RecruboApi()],
			credentials,
			parameters: { resource: 'user', operation: 'get', userId: '={{ $json.id }}', ...extra } as never,
			input,
		});
}

beforeEach(() => {
	clearSessions();
	nock.cleanAll();
	nock.disableNetConnect();
});
afterAll(() => nock.enableNetConnect());

describe('Max Requests at Once', () => {
	it('40 gets: at most 5 in flight by default, every item answered, in order', async () => {
		const { g, answer } = gauge();
		nock('https://recrubo.test').persist().get(/^\/users\/u\d+$/).reply(answer((uri) => [200, recruboUser(uri), JSON_API]));
		const result = await recrubo()(ids(40));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.id)).toEqual(ids(40).map((i) => i.id));
		expect(g).toEqual({ now: 0, peak: 5, total: 40 });
	});

	it('the node setting changes the cap (1 sends one at a time)', async () => {
		for (const cap of [1, 12]) {
			nock.cleanAll();
			const { g, answer } = gauge();
			nock('https://recrubo.test').persist().get(/^\/users\/u\d+$/).reply(answer((uri) => [200, recruboUser(uri), JSON_API]));
			const result = await recrubo({ maxRequestsInFlight: cap })(ids(30));
			expect(result.error).toBeUndefined();
			expect(g.peak).toBe(cap);
		}
	});

	it('two runs at once with the same credential share the cap', async () => {
		const { g, answer } = gauge();
		nock('https://recrubo.test').persist().get(/^\/users\/u\d+$/).reply(answer((uri) => [200, recruboUser(uri), JSON_API]));
		const [a, b] = await Promise.all([recrubo()(ids(20)), recrubo()(ids(20))]);
		expect(a.items).toHaveLength(20);
		expect(b.items).toHaveLength(20);
		expect(g.peak).toBe(5);
	});

	it('a value that is not a whole number from 1 to 100 fails naming the setting, before any request', async () => {
		for (const bad of [0, 101, 2.5, 'many']) {
			const result = await recrubo({ maxRequestsInFlight: bad })([{ id: 'u1' }]);
			expect(result.error?.message).toBe('Max Requests at Once: not a whole number from 1 to 100');
			expect(result.error?.description).toContain('maxRequestsInFlight');
		}
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('429 with Retry-After: the retries keep their place, so no more than 5 are in flight, and all succeed', async () => {
		const { g, answer } = gauge(5);
		const refused = new Set<string>();
		nock('https://recrubo.test')
			.persist()
			.get(/^\/users\/u\d+$/)
			.reply(
				answer((uri) => {
					if (refused.has(uri)) return [200, recruboUser(uri), JSON_API];
					refused.add(uri);
					return [429, { errors: [{ title: 'Too many requests' }] }, { ...JSON_API, 'Retry-After': '0' }];
				}),
			);
		const result = await recrubo()(ids(20));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(20);
		expect(g.total).toBe(40);
		expect(g.peak).toBeLessThanOrEqual(5);
	});

	it('PCRecruiter, session expired: one login for 30 items; only the requests already in flight are refused and retried', async () => {
		const { g, answer } = gauge();
		let logins = 0;
		let refused = 0;
		nock('https://pcr.test')
			.persist()
			.post('/rest/api/access-token')
			.reply(() => [200, { SessionId: `NEW${++logins}` }])
			.get(/^\/rest\/api\/users\/U\d+$/)
			.reply(answer((uri, headers) => (headers.authorization === 'BEARER NEW1' ? [200, { UserName: uri.split('/').pop() }] : (refused++, [401, { Message: 'Session expired' }]))));
		const credentials = new CredentialStore({
			pcRecruiterApi: { baseUrl: 'https://pcr.test/rest/api', databaseId: 'DB', username: 'U', password: 'pw-Secret', apiKey: 'k-Secret', appId: 'A', sessionId: 'OLD' },
		});
		const result = await runNode({
			node: new PcRecruiter(),
			credentialTypes: [new PcRecruiterApi()],
			credentials,
			parameters: { resource: 'user', operation: 'get', userName: '={{ $json.name }}' } as never,
			input: Array.from({ length: 30 }, (_, i) => ({ name: `U${i}` })),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.UserName)).toEqual(Array.from({ length: 30 }, (_, i) => `U${i}`));
		expect(logins).toBe(1);
		// the requests that went out with the old session (at most the 5 in flight) are retried once; the rest use the new one
		expect(refused).toBeGreaterThanOrEqual(1);
		expect(refused).toBeLessThanOrEqual(5);
		expect(g.total).toBe(30 + refused);
		expect(g.peak).toBeLessThanOrEqual(5);
	});

	it('HCSS with no token yet: one token request for 30 items (the first-token wait holds no place), at most 5 in flight', async () => {
		const { g, answer } = gauge();
		let tokens = 0;
		nock('https://identity.test')
			.persist()
			.post('/connect/token')
			.reply(() => [200, { access_token: `T${++tokens}`, token_type: 'Bearer', expires_in: 3600 }]);
		nock('https://hcss.test')
			.persist()
			.get(/^\/users\/api\/v1\/Users\/.+$/)
			.reply(answer((uri, headers) => (headers.authorization === 'Bearer T1' ? [200, { id: uri.split('/').pop(), userName: 'x' }] : [401, ''])));
		const credentials = new CredentialStore({
			hcssOAuth2Api: { baseUrl: 'https://hcss.test/users', accessTokenUrl: 'https://identity.test/connect/token', clientId: 'c', clientSecret: 'cs-Secret', scope: 'users:read' },
		});
		const result = await runNode({
			node: new Hcss(),
			credentialTypes: [new HcssOAuth2Api()],
			credentials,
			parameters: { resource: 'user', operation: 'get', userId: '={{ $json.id }}' } as never,
			input: Array.from({ length: 30 }, (_, i) => ({ id: `3f2504e0-4f89-11d3-9a0c-0305e82c33${String(i).padStart(2, '0')}` })),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(30);
		expect(tokens).toBe(1);
		expect(g).toEqual({ now: 0, peak: 5, total: 30 });
	});
});
