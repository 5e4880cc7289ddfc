/**
 * Return All through n8n-core's real engine, with the pages after the second asked for up to
 * Max Requests at Once at a time (nodes/shared/paging.ts, ./prefetch.ts): the requests sent
 * are the ones page-by-page reading sends, never more in flight than the node's setting (even
 * with other requests of the credential under way), the items in the server's order though the
 * pages answer out of order, a failing page fails the whole list with the vendor's message
 * (and a trigger's poll, which then reports nothing), and a server that caps the page size
 * loses no user.
 */
import nock from 'nock';
import { sleep, type IDataObject, type INodeType } from 'n8n-workflow';

import { FormsOnFireApi } from '../../credentials/FormsOnFireApi.credentials';
import { HcssOAuth2Api } from '../../credentials/HcssOAuth2Api.credentials';
import { PcRecruiterApi } from '../../credentials/PcRecruiterApi.credentials';
import { RecruboApi } from '../../credentials/RecruboApi.credentials';
import { FormsOnFire } from '../../nodes/FormsOnFire/FormsOnFire.node';
import { Hcss } from '../../nodes/Hcss/Hcss.node';
import { PcRecruiter } from '../../nodes/PcRecruiter/PcRecruiter.node';
import { Recrubo } from '../../nodes/Recrubo/Recrubo.node';
import { clearSessions } from '../../nodes/shared/session';
import { pollVendor, VENDORS } from '../helpers/directoryServers';
import { CredentialStore, runNode } from '../helpers/engine';

/** Server side: what was asked, how many at once; later requests answer sooner, so pages come back out of order. */
function server() {
	const s = { queries: [] as Array<Record<string, string>>, now: 0, peak: 0, sentBeforeFailure: undefined as number | undefined };
	const reply =
		(answer: (q: URLSearchParams) => [number, unknown, Record<string, string>?]) =>
		async (uri: string): Promise<nock.ReplyFnResult> => {
			const q = new URL(uri, 'http://x').searchParams;
			s.queries.push(Object.fromEntries(q));
			s.now++;
			s.peak = Math.max(s.peak, s.now);
			const [status, body, headers] = answer(q);
			// a failure answers at once, before the pages asked for with it
			await sleep(status >= 500 ? 1 : Math.max(2, 30 - 3 * s.queries.length));
			s.now--;
			if (status >= 500) s.sentBeforeFailure ??= s.queries.length;
			return [status, body as nock.Body, headers ?? { 'Content-Type': 'application/json' }];
		};
	return { s, reply };
}

const people = (n: number, key: string) => Array.from({ length: n }, (_, i) => ({ [key]: `U${String(i).padStart(5, '0')}`, n: i }));

const PCR_CREDENTIALS = { pcRecruiterApi: { baseUrl: 'https://pcr.test/rest/api', databaseId: 'DB', username: 'U', password: 'pw-Secret', apiKey: 'k-Secret', appId: 'A', sessionId: 'S1' } };

function pcr(users: IDataObject[], fail?: (page: number) => boolean) {
	const { s, reply } = server();
	nock('https://pcr.test')
		.persist()
		.get('/rest/api/users')
		.query(true)
		.reply(
			reply((q) => {
				const page = Number(q.get('Page'));
				const size = Number(q.get('ResultsPerPage'));
				if (fail?.(page)) return [500, { Message: 'Database is busy' }];
				return [200, { TotalRecords: users.length, Results: users.slice((page - 1) * size, page * size) }];
			}),
		);
	return s;
}

async function runPcr(parameters: IDataObject = {}, credentials = new CredentialStore(PCR_CREDENTIALS)) {
	return await runNode({
		node: new PcRecruiter() as INodeType,
		credentialTypes: [new PcRecruiterApi()],
		credentials,
		parameters: { resource: 'user', operation: 'getAll', returnAll: true, ...parameters } as never,
	});
}

beforeEach(() => {
	clearSessions();
	nock.cleanAll();
	nock.disableNetConnect();
});
afterAll(() => nock.enableNetConnect());

describe('Return All, several pages at once', () => {
	it('PCRecruiter: the 8 pages page-by-page reading asks for, 5 at once at most, the items in order', async () => {
		const users = people(3720, 'UserName');
		const s = pcr(users);
		const result = await runPcr();
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.UserName)).toEqual(users.map((u) => u.UserName));
		expect(s.queries).toEqual(Array.from({ length: 8 }, (_, i) => ({ Page: String(i + 1), ResultsPerPage: '500' })));
		expect(s.peak).toBe(5);
	});

	it('the credential is read once for the list, not once per page', async () => {
		const users = people(3720, 'UserName');
		pcr(users);
		const credentials = new CredentialStore(PCR_CREDENTIALS);
		const result = await runPcr({}, credentials);
		expect(result.items).toHaveLength(3720);
		// n8n's routing reads it once for the node, our list once for its 8 pages
		expect(credentials.reads.pcRecruiterApi).toBe(2);
	});

	it('PCRecruiter, session expired: one login for the list; only the pages already in flight are refused and retried', async () => {
		const users = people(3720, 'UserName');
		const { s, reply } = server();
		let logins = 0;
		let refused = 0;
		nock('https://pcr.test')
			.persist()
			.post('/rest/api/access-token')
			.reply(() => [200, { SessionId: `NEW${++logins}` }]);
		nock('https://pcr.test')
			.persist()
			.get('/rest/api/users')
			.query(true)
			.reply(function (uri) {
				if (this.req.headers.authorization !== 'BEARER NEW1') {
					refused++;
					return [401, { Message: 'Session expired' }];
				}
				return reply((q) => {
					const page = Number(q.get('Page'));
					return [200, { TotalRecords: users.length, Results: users.slice((page - 1) * 500, page * 500) }];
				})(uri);
			});
		const credentials = new CredentialStore({ pcRecruiterApi: { ...PCR_CREDENTIALS.pcRecruiterApi, sessionId: 'OLD' } });
		const result = await runPcr({}, credentials);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.UserName)).toEqual(users.map((u) => u.UserName));
		expect(logins).toBe(1);
		// the first page is refused and retried; the pages after it go out with the new session
		expect(refused).toBe(1);
		expect(s.queries).toHaveLength(8);
		expect(credentials.data.pcRecruiterApi.sessionId).toBe('NEW1');
	});

	it('Max Requests at Once sets how many pages go at once; 1 reads page after page', async () => {
		for (const cap of [1, 3]) {
			nock.cleanAll();
			const users = people(2600, 'UserName');
			const s = pcr(users);
			const result = await runPcr({ maxRequestsInFlight: cap });
			expect(result.items.map((i) => i.json.UserName)).toEqual(users.map((u) => u.UserName));
			expect(s.queries).toHaveLength(6);
			expect(s.peak).toBe(cap);
		}
	});

	it('with other requests of the credential in flight, the pages wait their turn: never more than the cap, and no deadlock', async () => {
		const users = people(3000, 'UserName');
		const s = pcr(users);
		let getsNow = 0;
		let peakTogether = 0;
		nock('https://pcr.test')
			.persist()
			.get(/^\/rest\/api\/users\/U\d+$/)
			.reply(async (uri) => {
				getsNow++;
				peakTogether = Math.max(peakTogether, getsNow + s.now);
				await sleep(10);
				getsNow--;
				return [200, { UserName: uri.split('/').pop() }];
			});
		const credentials = new CredentialStore(PCR_CREDENTIALS);
		const gets = runNode({
			node: new PcRecruiter() as INodeType,
			credentialTypes: [new PcRecruiterApi()],
			credentials,
			parameters: { resource: 'user', operation: 'get', userName: '={{ $json.name }}' } as never,
			input: Array.from({ length: 20 }, (_, i) => ({ name: `U${i}` })),
		});
		const [list, got] = await Promise.all([runPcr({}, credentials), gets]);
		expect(list.items).toHaveLength(3000);
		expect(got.items).toHaveLength(20);
		expect(peakTogether).toBeLessThanOrEqual(5);
	});

	it('a failing page in the middle fails the whole Return All with the vendor\'s message; no page after it is asked for', async () => {
		const s = pcr(people(5000, 'UserName'), (page) => page === 4);
		const result = await runPcr();
		expect(result.items).toEqual([]);
		expect(result.error?.message).toContain('Database is busy');
		expect(s.now).toBe(0);
		// pages 3-7 went at once; once page 4 had failed, no further page was started
		expect(s.queries.length).toBe(s.sentBeforeFailure);
		expect(s.queries.map((q) => q.Page)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
	});

	it('Recrubo: pages from meta, in order', async () => {
		const users = people(1100, 'id').map(({ id, n }) => ({ type: 'users', id, attributes: { n } }));
		const { s, reply } = server();
		nock('https://recrubo.test')
			.persist()
			.get('/users')
			.query(true)
			.reply(
				reply((q) => {
					const page = Number(q.get('page[number]'));
					const size = Number(q.get('page[size]'));
					const meta = { total: users.length, currentPage: page, maxPage: Math.ceil(users.length / size) };
					return [200, { data: users.slice((page - 1) * size, page * size), meta }, { 'Content-Type': 'application/vnd.api+json' }];
				}),
			);
		const result = await runNode({
			node: new Recrubo() as INodeType,
			credentialTypes: [new RecruboApi()],
			credentials: new CredentialStore({ recruboApi: { baseUrl: 'https://recrubo.test', apiKey: 'rk-Secret' } }),
			parameters: { resource: 'user', operation: 'getAll', returnAll: true } as never,
		});
		expect(result.items.map((i) => i.json.id)).toEqual(users.map((u) => u.id));
		expect(s.queries.map((q) => q['page[number]'])).toEqual(['1', '2', '3', '4', '5', '6']);
		// pages 1 and 2 one after the other, then 3-6 at once
		expect(s.peak).toBe(4);
	});

	it('HCSS, a server that caps the page size at 100: 1000 asked, the pages counted from the 100 that came, nobody lost', async () => {
		const users = people(950, 'id');
		const { s, reply } = server();
		nock('https://identity.test').persist().post('/connect/token').reply(200, { access_token: 'T1', token_type: 'Bearer', expires_in: 3600 });
		nock('https://hcss.test')
			.persist()
			.get('/users/api/v1/Users')
			.query(true)
			.reply(
				reply((q) => {
					const page = Number(q.get('page'));
					const size = Math.min(100, Number(q.get('pageSize')));
					return [200, { page, pageSize: size, totalRecords: users.length, items: users.slice(page * size, (page + 1) * size) }];
				}),
			);
		const result = await runNode({
			node: new Hcss() as INodeType,
			credentialTypes: [new HcssOAuth2Api()],
			credentials: new CredentialStore({
				hcssOAuth2Api: { baseUrl: 'https://hcss.test/users', accessTokenUrl: 'https://identity.test/connect/token', clientId: 'c', clientSecret: 'cs-Secret', scope: 'users:read' },
			}),
			parameters: { resource: 'user', operation: 'getAll', returnAll: true } as never,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.id)).toEqual(users.map((u) => u.id));
		expect(s.queries).toEqual(Array.from({ length: 10 }, (_, i) => ({ page: String(i), pageSize: '1000' })));
		expect(s.peak).toBe(5);
	});

	it('Forms On Fire: pages from TotalRows, in order', async () => {
		const users: IDataObject[] = people(1010, 'Id').map((u) => ({ ...u, Email: `${String(u.Id)}@example.com` }));
		const { s, reply } = server();
		nock('https://fof.test')
			.persist()
			.get('/api/v2/user/search')
			.query(true)
			.reply(
				reply((q) => {
					const page = Number(q.get('PageNo'));
					const size = Number(q.get('PageSize'));
					return [200, { Users: users.slice(page * size, (page + 1) * size), TotalRows: users.length, ResponseStatus: {} }];
				}),
			);
		const result = await runNode({
			node: new FormsOnFire() as INodeType,
			credentialTypes: [new FormsOnFireApi()],
			credentials: new CredentialStore({ formsOnFireApi: { baseUrl: 'custom', customBaseUrl: 'https://fof.test/api/v2', companyId: '12345', integrationKey: 'IK-Secret' } }),
			parameters: { resource: 'user', operation: 'getAll', returnAll: true, filters: { email: 'example.com' } } as never,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.Id)).toEqual(users.map((u) => u.Id));
		expect(s.queries.map((q) => q.PageNo)).toEqual(['0', '1', '2', '3', '4']);
		expect(s.peak).toBe(3);
	});
});

describe('a trigger\'s poll over several pages at once', () => {
	for (const vendor of VENDORS.filter((v) => v.name !== 'HighQ Publisher')) {
		it(`${vendor.name}: a failing page in the middle fails the poll with the vendor's error; no partial list is taken for the directory`, async () => {
			const { directory, harness } = pollVendor(vendor, vendor.pageSize * 6);
			await harness.poll();
			const before = harness.stored();
			directory.failRequest = 3;
			const poll = await harness.poll();
			expect(poll.error?.message).toContain(vendor.errorMessage);
			expect(poll).toMatchObject({ items: [], wrote: false });
			expect(harness.stored()).toEqual(before);
			// the next good poll reports nothing: nothing changed
			expect(await harness.poll()).toMatchObject({ items: [], empty: true });
		});
	}
});
