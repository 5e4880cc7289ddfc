/**
 * IDs as one path segment, hostile XML, lying pagination, Continue On Fail, and session
 * or token expiry in the middle of a run: for every node where each applies.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { GUID1, GUID2, NODES, opName, runOp, stats, leakedSecrets, type NodeSpec, type OpSpec, recordEachTest } from './harness';

const JSON_CT = { 'Content-Type': 'application/json' };
const XML_CT = { 'Content-Type': 'application/xml' };

const currentRecorder = recordEachTest('edges');

const spec = (key: string) => NODES.find((n) => n.key === key)!;
const op = (node: NodeSpec, resource: string, operation: string) => node.ops.find((o) => o.resource === resource && o.operation === operation)!;

// ------------------------------------------------------------------------------------------
describe('IDs reach the server as exactly one path segment with the same value', () => {
	const FREE = ['a/b', 'a/../b', '..a', 'a?b=c', 'a#frag', 'a%2Fb', 'first last', 'Zoë Ångström', '用户名', 'a+b&c=d;e'];
	const EMAILS = ['a/b@example.com', 'a?b@example.com', 'a#b@example.com', 'a%2Fb@example.com', 'zoë@example.com', '..a@example.com'];
	const cases = NODES.flatMap((node) =>
		node.ops.filter((o) => o.segment).map((o) => ({ node, o, values: node.key.startsWith('highQ') ? EMAILS : FREE })),
	);
	for (const { node, o, values } of cases) {
		it(`${opName(node, o)}: ${values.length} awkward values`, async () => {
			for (const value of values) {
				currentRecorder().serve(node.origin, () => [404, { message: 'No such user' }, JSON_CT]);
				const before = currentRecorder().seen.length;
				const outcome = await runOp(node, { resource: o.resource, operation: o.operation, ...o.params, [o.segment!.path]: value });
				expect(outcome.thrown).toBeUndefined();
				const sent = currentRecorder().seen.slice(before);
				expect(sent).toHaveLength(1);
				const path = sent[0].path.split('?')[0];
				expect(path.startsWith(o.segment!.prefix)).toBe(true);
				const segment = path.slice(o.segment!.prefix.length);
				expect(segment).not.toContain('/');
				expect(decodeURIComponent(segment)).toBe(value);
				nock.cleanAll();
			}
		});
		it(`${opName(node, o)}: "." and ".." alone are refused before sending`, async () => {
			for (const value of ['.', '..', ' .. ']) {
				const outcome = await runOp(node, { resource: o.resource, operation: o.operation, ...o.params, [o.segment!.path]: value });
				stats.badInputs++;
				expect(outcome.result?.error).toBeDefined();
				expect(outcome.message).toMatch(/cannot be used in a URL path|neither a numeric|not a valid email/);
			}
			stats.requestsForInvalidInput += currentRecorder().seen.length;
			expect(currentRecorder().seen).toHaveLength(0);
		});
	}
});

// ------------------------------------------------------------------------------------------
describe('hostile XML: bounded time and memory, no entity content out, a clear refusal', () => {
	const LOL = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><User><UserName>&lol9;</UserName></User>`;
	const XXE = '<?xml version="1.0"?><!DOCTYPE u [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><User><UserName>&xxe;</UserName></User>';
	const DEEP = `<User>${'<a>'.repeat(10_000)}x${'</a>'.repeat(10_000)}</User>`;
	let big = '';
	const docs: Array<[string, () => string, RegExp]> = [
		['billion laughs', () => LOL, /DOCTYPE or entities/],
		['external entity', () => XXE, /DOCTYPE or entities/],
		['10,000-deep nesting', () => DEEP, /nest|deep|could not be read|malformed/i],
		[
			'a 50 MB document',
			() => (big ||= `<Users>${'<User><UserName>someone</UserName><FullName>Some One</FullName></User>'.repeat(Math.ceil((50 * 1024 * 1024) / 70))}</Users>`),
			/larger than 32 MB/,
		],
	];
	const xmlGets = NODES.flatMap((node) => node.ops.filter((o) => o.xml && o.operation === 'get').map((o) => ({ node, o })));
	for (const { node, o } of xmlGets) {
		for (const [name, doc, says] of docs) {
			it(`${opName(node, o)}: ${name}`, async () => {
				stats.hostileXml++;
				currentRecorder().serve(node.origin, () => [200, doc(), XML_CT]);
				const rss = process.memoryUsage().rss;
				const outcome = await runOp(node, { resource: o.resource, operation: o.operation, ...o.params, options: { format: 'xml' } });
				expect(outcome.thrown).toBeUndefined();
				expect(outcome.errorName).toBe('NodeApiError');
				expect(outcome.message).toMatch(says);
				expect(outcome.ms).toBeLessThan(5000);
				expect(process.memoryUsage().rss - rss).toBeLessThan(1024 * 1024 * 1024);
				expect(outcome.dump).not.toContain('lollol');
				expect(outcome.dump).not.toContain('root:');
				expect(outcome.result?.items).toEqual([]);
				expect(leakedSecrets(node, outcome)).toEqual([]);
			});
		}
	}
});

// ------------------------------------------------------------------------------------------
describe('pagination that lies stops within a bounded number of requests', () => {
	/** Lists whose pager the test can drive; HighQ pages by offset with no total (see below). */
	const lists = NODES.filter((n) => n.page && !n.key.startsWith('highQ')).map((node) => ({ node, o: node.ops.find((x) => x.list && x.resource === 'user')! }));
	const SIZE: Record<string, number> = { pcRecruiter: 500, recrubo: 200, hcss: 1000, formsOnFire: 250 };

	async function lying(node: NodeSpec, o: OpSpec, page: (index: number) => nock.Body) {
		stats.lyingPagers++;
		currentRecorder().serve(node.origin, (_r, i) => [200, page(i), JSON_CT]);
		const outcome = await runOp(node, { resource: o.resource, operation: o.operation, ...o.params, returnAll: true });
		expect(outcome.thrown).toBeUndefined();
		expect(leakedSecrets(node, outcome)).toEqual([]);
		return { outcome, requests: currentRecorder().seen.length };
	}

	for (const { node, o } of lists) {
		const size = SIZE[node.key];
		it(`${opName(node, o)}: the same page forever`, async () => {
			const { outcome, requests } = await lying(node, o, () => node.page!(1, size, { total: 1_000_000, page: 1, maxPage: 5000 }));
			expect(requests).toBe(2);
			expect(outcome.errorName).toBe('NodeApiError');
			expect(outcome.message).toMatch(/same page twice/);
		});
		it(`${opName(node, o)}: a last page that never comes (the count grows with every page)`, async () => {
			const { outcome, requests } = await lying(node, o, (i) => node.page!(i * size, size, { total: (i + 2) * size, page: i + 1, maxPage: i + 2 }));
			expect(requests).toBeLessThanOrEqual(6);
			expect(outcome.errorName).toBe('NodeApiError');
			expect(outcome.message).toMatch(/kept reporting more results than it first said/);
		});
		it(`${opName(node, o)}: totals that shrink mid-way`, async () => {
			const { outcome, requests } = await lying(node, o, (i) => node.page!(i * size, size, { total: i === 0 ? 10 * size : 5, page: i + 1, maxPage: i === 0 ? 10 : 1 }));
			expect(requests).toBeLessThanOrEqual(3);
			// The honest result: what was received, each user once.
			const items = outcome.result?.items ?? [];
			expect(outcome.result?.error).toBeUndefined();
			expect(new Set(items.map((it) => JSON.stringify(it.json))).size).toBe(items.length);
		});
	}

	it('highQPublisher user.getAll: the same page forever (offset paging, no total)', async () => {
		const node = spec('highQPublisher');
		const o = op(node, 'user', 'getAll');
		const { outcome, requests } = await lying(node, o, () => node.page!(1, 200, {}));
		expect(requests).toBe(2);
		expect(outcome.message).toMatch(/same page twice/);
	});
});

// ------------------------------------------------------------------------------------------
describe('Continue On Fail: three items, the middle one failing', () => {
	for (const node of NODES) {
		const get = node.ops.find((o) => o.operation === 'get')!;
		const idParam = Object.keys(node.getOk.params('x')).find((k) => !['resource', 'operation', 'authentication'].includes(k))!;
		const [ok1, ok3] = node.getOk.ids;
		for (const [why, middle, serverFails] of [
			['a bad parameter', ' ', false],
			['a server error', node.key.startsWith('highQ') ? '77' : node.key === 'hcss' || node.key === 'formsOnFire' ? GUID2 : 'U2x', true],
		] as Array<[string, string, boolean]>) {
			it(`${opName(node, get)}: ${why} in item 2 gives 3 items in order, paired with their inputs`, async () => {
				currentRecorder().serve(node.origin, (request) => {
					const failing = request.path.includes(encodeURIComponent(middle));
					if (serverFails && failing) return [500, { message: 'Database unavailable' }, JSON_CT];
					const id = [ok1, ok3].find((x) => request.path.includes(encodeURIComponent(x)))!;
					return [200, node.getOk.body(id), JSON_CT];
				});
				const outcome = await runOp(node, { ...node.getOk.params(ok1), [idParam]: '={{ $json.id }}' }, {
					input: [{ id: ok1 }, { id: middle }, { id: ok3 }],
					continueOnFail: true,
				});
				expect(outcome.thrown).toBeUndefined();
				expect(outcome.result?.error).toBeUndefined();
				const items = outcome.result!.items;
				expect(items).toHaveLength(3);
				expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
				expect(items[0].json.error).toBeUndefined();
				expect(items[2].json.error).toBeUndefined();
				expect(JSON.stringify(items[0].json)).toContain(ok1);
				expect(JSON.stringify(items[2].json)).toContain(ok3);
				expect(String(items[1].json.error)).toMatch(serverFails ? /Database unavailable/ : /a value is required/);
				// With Continue On Fail n8n keeps the error as thrown: our NodeOperationError for a bad parameter.
				expect((items[1] as { error?: Error }).error?.name).toBe(serverFails ? 'NodeApiError' : 'NodeOperationError');
				expect(currentRecorder().seen).toHaveLength(serverFails ? 3 : 2);
				expect(leakedSecrets(node, outcome)).toEqual([]);
			});
		}
	}
});

// ------------------------------------------------------------------------------------------
describe('session and token expiry mid-run: one refresh, nothing sent twice', () => {
	it('PCRecruiter: a 401 on the second item logs in again once and retries it; every user is fetched once', async () => {
		const node = spec('pcRecruiter');
		const logins: string[] = [];
		const store = node.store();
		let expired = false;
		currentRecorder().serve(node.origin, (request) => {
			if (request.path.endsWith('/access-token')) {
				logins.push(request.body);
				return [200, { SessionId: 'sess-Hard-Secret-NEW' }, JSON_CT];
			}
			const id = /users\/(U\d)/.exec(request.path)![1];
			if (id === 'U2' && !expired) {
				expired = true;
				return [401, { Message: 'Session expired' }, JSON_CT];
			}
			return [200, node.getOk.body(id), JSON_CT];
		});
		const outcome = await runOp(node, { resource: 'user', operation: 'get', userName: '={{ $json.id }}' }, { input: [{ id: 'U1' }, { id: 'U2' }, { id: 'U3' }], store });
		expect(outcome.result?.error).toBeUndefined();
		expect(outcome.result?.items.map((i) => i.json.UserName)).toEqual(['U1', 'U2', 'U3']);
		expect(logins).toHaveLength(1);
		const gets = currentRecorder().seen.filter((r) => r.method === 'GET').map((r) => r.path);
		expect(gets.filter((p) => p.endsWith('/U2'))).toHaveLength(2);
		expect(gets).toHaveLength(4);
		expect(outcome.dump).not.toContain('sess-Hard-Secret-NEW');
		expect(leakedSecrets(node, outcome)).toEqual([]);
	});

	it('HCSS: the token expires before the second create; one token refresh, and each user is created exactly once', async () => {
		const node = spec('hcss');
		const tokens: string[] = [];
		const created: string[] = [];
		nock('https://identity.hard.test')
			.post('/identity/connect/token')
			.reply(() => {
				tokens.push('refresh');
				return [200, { access_token: 'tok-Hard-Secret-NEW', token_type: 'Bearer', expires_in: 3600 }];
			})
			.persist();
		let posts = 0;
		const api = nock(node.origin).persist();
		api.post('/users/api/v1/Users').reply(function (this: nock.ReplyFnContext, _uri: string, body: nock.Body) {
			posts++;
			const auth = String(this.req.headers.authorization);
			const user = (typeof body === 'string' ? JSON.parse(body) : body) as IDataObject;
			// The old token works for the first request only, then it has expired.
			if (auth !== 'Bearer tok-Hard-Secret-NEW' && posts > 1) return [401, ''];
			created.push(String(user.userName));
			return [200, { id: GUID1, ...user }, JSON_CT];
		});
		const o = op(node, 'user', 'create');
		const outcome = await runOp(node, { resource: 'user', operation: 'create', ...o.params, userName: '={{ $json.u }}' }, { input: [{ u: 'a@company.com' }, { u: 'b@company.com' }, { u: 'c@company.com' }] });
		expect(outcome.result?.error).toBeUndefined();
		expect(outcome.result?.items).toHaveLength(3);
		expect(created.sort()).toEqual(['a@company.com', 'b@company.com', 'c@company.com']);
		expect(tokens.length).toBe(1);
		expect(outcome.dump).not.toContain('tok-Hard-Secret-NEW');
		expect(leakedSecrets(node, outcome)).toEqual([]);
	});
});

export type { IDataObject };
