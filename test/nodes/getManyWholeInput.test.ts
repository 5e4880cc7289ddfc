import nock from 'nock';

import { FormsOnFireApi } from '../../credentials/FormsOnFireApi.credentials';
import { PcRecruiterApi } from '../../credentials/PcRecruiterApi.credentials';
import { RecruboApi } from '../../credentials/RecruboApi.credentials';
import { FormsOnFire } from '../../nodes/FormsOnFire/FormsOnFire.node';
import { PcRecruiter } from '../../nodes/PcRecruiter/PcRecruiter.node';
import { Recrubo } from '../../nodes/Recrubo/Recrubo.node';
import { CredentialStore, runNode } from '../helpers/engine';

/**
 * Get Many runs as a whole-input operation (customOperations.user.getAll): what a user sees
 * must be what the per-item routing gave. Several input items, each with its own filters and
 * Limit; a bad Limit on one item; Continue On Fail; the query each filter becomes.
 */

const RECRUBO = 'https://recrubo.test';
const JSON_API = { 'Content-Type': 'application/vnd.api+json' };

const recrubo = (n: number) => ({ id: `u${n}`, type: 'users', attributes: { email: `u${n}@example.com`, lastName: `L${n}` } });

function runRecrubo(parameters: Record<string, unknown>, extra = {}) {
	return runNode({
		node: new Recrubo(),
		credentialTypes: [new RecruboApi()],
		parameters: parameters as never,
		credentials: new CredentialStore({ recruboApi: { baseUrl: `${RECRUBO}/public/v2`, apiKey: 'rk-secret' } }),
		...extra,
	});
}

afterEach(() => nock.cleanAll());

describe('Get Many over several input items (Recrubo)', () => {
	it("each item lists with its own filter and Limit; the items come out in input order, paired with their input", async () => {
		const seen: string[] = [];
		nock(RECRUBO)
			.get('/public/v2/users')
			.query(true)
			.times(2)
			.reply(function (uri) {
				seen.push(decodeURIComponent(uri));
				const q = new URL(uri, RECRUBO).searchParams;
				const first = q.get('filter[lastName]') === 'A' ? 1 : 10;
				const size = Number(q.get('page[size]'));
				const data = Array.from({ length: size }, (_, i) => recrubo(first + i));
				return [200, { data, meta: { total: 100, currentPage: 1, maxPage: 100 } }, JSON_API];
			});
		const result = await runRecrubo(
			{ resource: 'user', operation: 'getAll', returnAll: false, limit: '={{$json.limit}}', filters: { lastName: '={{$json.name}}' } },
			{ input: [{ name: 'A', limit: 2 }, { name: 'B', limit: 3 }] },
		);
		expect(result.error).toBeUndefined();
		expect(seen.sort()).toEqual([
			'/public/v2/users?filter[lastName]=A&page[number]=1&page[size]=2',
			'/public/v2/users?filter[lastName]=B&page[number]=1&page[size]=3',
		]);
		expect(result.items.map((i) => [i.json.id, i.pairedItem])).toEqual([
			['u1', { item: 0 }],
			['u2', { item: 0 }],
			['u10', { item: 1 }],
			['u11', { item: 1 }],
			['u12', { item: 1 }],
		]);
	});

	it('a Limit that is not a whole number stops the run naming the parameter, before any request', async () => {
		const scope = nock(RECRUBO).get('/public/v2/users').query(true).reply(200, { data: [] }, JSON_API);
		const result = await runRecrubo(
			{ resource: 'user', operation: 'getAll', returnAll: false, limit: '={{$json.limit}}' },
			{ input: [{ limit: 5 }, { limit: 'ten' }] },
		);
		expect(result.error?.message).toMatch(/Limit/);
		expect(result.error?.message).toMatch(/whole number/);
		expect(result.error?.description ?? '').toMatch(/"ten"/);
		expect(scope.isDone()).toBe(false);
	});

	it('with Continue On Fail, the item with a bad Limit gets an error item and the others are listed', async () => {
		nock(RECRUBO)
			.get('/public/v2/users')
			.query(true)
			.times(2)
			.reply(200, { data: [recrubo(1)], meta: { total: 1, currentPage: 1, maxPage: 1 } }, JSON_API);
		const result = await runRecrubo(
			{ resource: 'user', operation: 'getAll', returnAll: false, limit: '={{$json.limit}}' },
			{ input: [{ limit: 5 }, { limit: 0 }, { limit: 5 }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.id ?? null, i.error ? i.error.message : null, i.pairedItem])).toEqual([
			['u1', null, { item: 0 }],
			[null, expect.stringMatching(/Limit.*whole number of at least 1/), { item: 1 }],
			['u1', null, { item: 2 }],
		]);
	});

	it("a server error on one item's list is that item's error item under Continue On Fail", async () => {
		nock(RECRUBO)
			.get('/public/v2/users')
			.query((q) => q['filter[lastName]'] === 'A')
			.reply(200, { data: [recrubo(1)], meta: { total: 1, currentPage: 1, maxPage: 1 } }, JSON_API)
			.get('/public/v2/users')
			.query((q) => q['filter[lastName]'] === 'B')
			.reply(500, { errors: [{ title: 'Database unavailable' }] }, JSON_API);
		const result = await runRecrubo(
			{ resource: 'user', operation: 'getAll', returnAll: true, filters: { lastName: '={{$json.name}}' } },
			{ input: [{ name: 'A' }, { name: 'B' }], continueOnFail: true },
		);
		expect(result.items.map((i) => [i.json.id ?? null, i.error ? i.error.message : null])).toEqual([
			['u1', null],
			[null, 'Database unavailable'],
		]);
	});
});

describe('Get Many: every filter reaches the query as before', () => {
	it('Forms On Fire sends each filter the user added under its API name, booleans included', async () => {
		let query: Record<string, string> = {};
		nock('https://secure.formsonfire.com')
			.get('/api/v2/user/search')
			.query((q) => {
				query = q as Record<string, string>;
				return true;
			})
			.reply(200, { Users: [{ Id: 'f1', Email: 'a@example.com' }], TotalRows: 1 });
		const result = await runNode({
			node: new FormsOnFire(),
			credentialTypes: [new FormsOnFireApi()],
			parameters: {
				resource: 'user',
				operation: 'getAll',
				returnAll: true,
				filters: { email: 'a@example.com', externalId: 'X1', name: 'Ann', status: 'Active', includeDeletedUserAudits: false, useNames: true, useExternalIds: true },
			} as never,
			credentials: new CredentialStore({ formsOnFireApi: { baseUrl: 'https://secure.formsonfire.com/api/v2', companyId: '77', integrationKey: 'fof-secret' } }),
		});
		expect(result.error).toBeUndefined();
		expect(query).toEqual({
			format: 'json',
			Email: 'a@example.com',
			ExternalId: 'X1',
			Name: 'Ann',
			Status: 'Active',
			IncludeDeletedUserAudits: 'false',
			UseNames: 'true',
			UseExternalIds: 'true',
			PageNo: '0',
			PageSize: '250',
			CompanyId: '77',
			IntegrationKey: 'fof-secret',
		});
		expect(result.items.map((i) => i.json)).toEqual([{ Id: 'f1', Email: 'a@example.com' }]);
	});

	it('PCRecruiter asks for teams (Fields=Teams) only when Include Teams is on, and in XML when Format is XML', async () => {
		const seen: Array<{ path: string; accept: string }> = [];
		nock('https://pcr.test')
			.post('/rest/api/access-token')
			.reply(200, { SessionId: 'S1' })
			.get('/rest/api/users')
			.query(true)
			.times(3)
			.reply(function (uri) {
				seen.push({ path: decodeURIComponent(uri), accept: String(this.req.headers.accept) });
				return [200, { TotalRecords: 1, Results: [{ UserName: 'ann' }] }];
			});
		const credentials = new CredentialStore({
			pcRecruiterApi: { baseUrl: 'https://pcr.test/rest/api', username: 'u', password: 'p', databaseId: 'D', apiKey: 'k', appId: 'a' },
		});
		const run = (options: Record<string, unknown>) =>
			runNode({
				node: new PcRecruiter(),
				credentialTypes: [new PcRecruiterApi()],
				parameters: { resource: 'user', operation: 'getAll', returnAll: true, options } as never,
				credentials,
			});
		expect((await run({ includeTeams: true })).error).toBeUndefined();
		expect((await run({ includeTeams: false })).error).toBeUndefined();
		expect((await run({ format: 'xml' })).error).toBeUndefined();
		expect(seen).toEqual([
			{ path: '/rest/api/users?Fields=Teams&Page=1&ResultsPerPage=500', accept: 'application/json' },
			{ path: '/rest/api/users?Page=1&ResultsPerPage=500', accept: 'application/json' },
			{ path: '/rest/api/users?Page=1&ResultsPerPage=500', accept: 'application/xml' },
		]);
	});
});
