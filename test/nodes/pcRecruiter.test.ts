import nock from 'nock';

import { PcRecruiterApi } from '../../credentials/PcRecruiterApi.credentials';
import { PcRecruiter } from '../../nodes/PcRecruiter/PcRecruiter.node';
import { clearSessions } from '../../nodes/shared/session';
import { CredentialStore, runNode } from '../helpers/engine';

const BASE = 'https://pcr.test';
const SECRET = { password: 'pw-Secret-1', apiKey: 'key-Secret-2', session: 'sess-Secret-3' };

function store(sessionId = '') {
	return new CredentialStore({
		pcRecruiterApi: {
			baseUrl: `${BASE}/rest/api/`,
			databaseId: 'DB1',
			username: 'API.USER',
			password: SECRET.password,
			apiKey: SECRET.apiKey,
			appId: 'APP',
			sessionId,
		},
	});
}

const user = (n: number) => ({
	UserName: `U${n}`,
	FullName: `User ${n}`,
	EmailAddress: `u${n}@example.com`,
	Phone: null,
	PhoneExt: null,
	ReplicationNumber: null,
	ActiveUser: n % 2 === 0,
});

function run(parameters: Record<string, unknown>, credentials = store(SECRET.session), extra = {}) {
	return runNode({
		node: new PcRecruiter(),
		credentialTypes: [new PcRecruiterApi()],
		parameters: parameters as never,
		credentials,
		...extra,
	});
}

beforeEach(() => {
	clearSessions();
	nock.cleanAll();
	nock.disableNetConnect();
});
afterAll(() => nock.enableNetConnect());

describe('PCRecruiter: session', () => {
	it('logs in once for many items and sends BEARER <SessionId>', async () => {
		const login = nock(BASE)
			.post('/rest/api/access-token', {
				Username: 'API.USER',
				Password: SECRET.password,
				DatabaseId: 'DB1',
				ApiKey: SECRET.apiKey,
				AppId: 'APP',
			})
			.once()
			.reply(200, { SessionId: 'S1' });
		const users = nock(BASE, { reqheaders: { authorization: 'BEARER S1' } })
			.get('/rest/api/users/U1').reply(200, user(1))
			.get('/rest/api/users/U2').reply(200, user(2))
			.get('/rest/api/users/U3').reply(200, user(3));
		const credentials = store('');
		const result = await run(
			{ resource: 'user', operation: 'get', userName: '={{$json.name}}' },
			credentials,
			{ input: [{ name: 'U1' }, { name: 'U2' }, { name: 'U3' }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.UserName)).toEqual(['U1', 'U2', 'U3']);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		login.done();
		users.done();
		expect(credentials.data.pcRecruiterApi.sessionId).toBe('S1');
	});

	it('reuses the stored session on the next run without logging in', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: 'BEARER S9' } }).get('/rest/api/users/U1').reply(200, user(1));
		const result = await run({ resource: 'user', operation: 'get', userName: 'U1' }, store('S9'));
		expect(result.items[0].json).toEqual(user(1));
		scope.done();
	});

	it('on 401 logs in again once and retries the request', async () => {
		const scope = nock(BASE)
			.get('/rest/api/users/U1').matchHeader('authorization', 'BEARER OLD').reply(401, { Message: 'Session expired' })
			.post('/rest/api/access-token').once().reply(200, { SessionId: 'NEW' })
			.get('/rest/api/users/U1').matchHeader('authorization', 'BEARER NEW').reply(200, user(1));
		const credentials = store('OLD');
		const result = await run({ resource: 'user', operation: 'get', userName: 'U1' }, credentials);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.UserName).toBe('U1');
		scope.done();
		expect(credentials.data.pcRecruiterApi.sessionId).toBe('NEW');
	});

	it('queue mode: a refused session another worker logged in for leads to a new login, not to this worker\'s older session', async () => {
		// This worker logged in once (MINE) ...
		nock(BASE).post('/rest/api/access-token').once().reply(200, { SessionId: 'MINE' });
		nock(BASE).get('/rest/api/users/U1').matchHeader('authorization', 'BEARER MINE').reply(200, user(1));
		expect((await run({ resource: 'user', operation: 'get', userName: 'U1' }, store(''))).error).toBeUndefined();
		// ... later the credential holds another worker's session, and the server has dropped them all.
		const scope = nock(BASE)
			.get('/rest/api/users/U2').matchHeader('authorization', 'BEARER OTHER').reply(401, { Message: 'Session expired' })
			.post('/rest/api/access-token').once().reply(200, { SessionId: 'FRESH' })
			.get('/rest/api/users/U2').matchHeader('authorization', 'BEARER FRESH').reply(200, user(2));
		nock(BASE).get('/rest/api/users/U2').matchHeader('authorization', 'BEARER MINE').optionally().reply(401, { Message: 'Session expired' });
		const credentials = store('OTHER');
		const result = await run({ resource: 'user', operation: 'get', userName: 'U2' }, credentials);
		expect(result.error?.message).toBeUndefined();
		expect(result.items[0].json.UserName).toBe('U2');
		scope.done();
		expect(credentials.data.pcRecruiterApi.sessionId).toBe('FRESH');
	});

	it('a refused login surfaces the server message without secrets', async () => {
		nock(BASE).post('/rest/api/access-token').times(2).reply(401, { Message: 'Invalid API key or credentials' });
		const result = await run({ resource: 'user', operation: 'get', userName: 'U1' }, store(''));
		expect(result.error?.message).toBe('Invalid API key or credentials');
		const dump = JSON.stringify(result.run);
		for (const secret of Object.values(SECRET)) expect(dump).not.toContain(secret);
	});
});

describe('PCRecruiter: user', () => {
	it('get encodes the user name as one path segment', async () => {
		const scope = nock(BASE).get('/rest/api/users/a%2F..%2Fb%3Fx%23y').reply(200, user(1));
		const result = await run({ resource: 'user', operation: 'get', userName: 'a/../b?x#y' });
		expect(result.error).toBeUndefined();
		scope.done();
		const dots = await run({ resource: 'user', operation: 'get', userName: '..' });
		expect(dots.error?.message).toBe('User Name: a value of only dots cannot be used in a URL path');
	});

	it('get with an empty user name fails naming the parameter, and sends nothing', async () => {
		const result = await run({ resource: 'user', operation: 'get', userName: '  ' });
		expect(result.error?.message).toBe('User Name: a value is required');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('get: 404 surfaces the server message', async () => {
		nock(BASE).get('/rest/api/users/NOPE').reply(404, { Message: 'User not found' });
		const result = await run({ resource: 'user', operation: 'get', userName: 'NOPE' });
		expect(result.error?.message).toBe('User not found');
		expect(result.error?.description).toContain('HTTP status: 404');
		expect((result.error as { httpCode?: string }).httpCode).toBe('404');
	});

	it('getAll with Return All pages while TotalRecords says more remain', async () => {
		const all = Array.from({ length: 1100 }, (_, i) => user(i));
		const scope = nock(BASE)
			.get('/rest/api/users').query({ Page: '1', ResultsPerPage: '500' }).reply(200, { TotalRecords: 1100, Results: all.slice(0, 500) })
			.get('/rest/api/users').query({ Page: '2', ResultsPerPage: '500' }).reply(200, { TotalRecords: 1100, Results: all.slice(500, 1000) })
			.get('/rest/api/users').query({ Page: '3', ResultsPerPage: '500' }).reply(200, { TotalRecords: 1100, Results: all.slice(1000) });
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1100);
		expect(result.items[1099].json).toEqual(user(1099));
		scope.done();
	});

	it('getAll works when the server ignores paging and returns everyone at once', async () => {
		const all = Array.from({ length: 700 }, (_, i) => user(i));
		const scope = nock(BASE).get('/rest/api/users').query(true).once().reply(200, { TotalRecords: 700, Results: all });
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(result.items).toHaveLength(700);
		scope.done();
	});

	it('getAll with Limit asks for no more than it needs and stops', async () => {
		const scope = nock(BASE)
			.get('/rest/api/users').query({ Page: '1', ResultsPerPage: '3' })
			.reply(200, { TotalRecords: 50, Results: [user(1), user(2), user(3)] });
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: false, limit: 3 });
		expect(result.items.map((i) => i.json.UserName)).toEqual(['U1', 'U2', 'U3']);
		scope.done();
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('getAll stops with a clear error when the server repeats a page', async () => {
		let calls = 0;
		nock(BASE).get('/rest/api/users').query(true).times(10).reply(200, () => {
			calls++;
			return { TotalRecords: 100000, Results: [user(1), user(2)] };
		});
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(result.error?.message).toBe('The server returned the same page twice, so paging was stopped');
		expect(calls).toBe(2);
	});

	it('getAll with Include Teams asks for Fields=Teams', async () => {
		const scope = nock(BASE)
			.get('/rest/api/users').query({ Page: '1', ResultsPerPage: '500', Fields: 'Teams' })
			.reply(200, { TotalRecords: 1, Results: [{ ...user(1), Teams: [{ Name: 'Sales', RecordId: 1 }] }] });
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true, options: { includeTeams: true } });
		expect(result.items[0].json.Teams).toEqual([{ Name: 'Sales', RecordId: 1 }]);
		scope.done();
	});

	it('XML gives the same items as JSON', async () => {
		const json = { TotalRecords: 2, Results: [{ ...user(1), Teams: [{ Name: 'Sales Team', RecordId: 12345 }] }, { ...user(2), Teams: [] }] };
		const xml = `<?xml version="1.0" encoding="utf-8"?>
<UsersResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><TotalRecords>2</TotalRecords><Results>
<User><UserName>U1</UserName><FullName>User 1</FullName><EmailAddress>u1@example.com</EmailAddress><Phone i:nil="true"/><PhoneExt i:nil="true"/><ReplicationNumber i:nil="true"/><ActiveUser>false</ActiveUser><Teams><Team><Name>Sales Team</Name><RecordId>12345</RecordId></Team></Teams></User>
<User><UserName>U2</UserName><FullName>User 2</FullName><EmailAddress>u2@example.com</EmailAddress><Phone i:nil="true"/><PhoneExt i:nil="true"/><ReplicationNumber i:nil="true"/><ActiveUser>true</ActiveUser><Teams/></User>
</Results></UsersResponse>`;
		nock(BASE).get('/rest/api/users').query(true).matchHeader('accept', 'application/json').reply(200, json);
		nock(BASE).get('/rest/api/users').query(true).matchHeader('accept', 'application/xml')
			.reply(200, xml, { 'Content-Type': 'application/xml' });
		const params = { resource: 'user', operation: 'getAll', returnAll: true, options: { includeTeams: true } };
		const fromJson = await run(params);
		const fromXml = await run({ ...params, options: { includeTeams: true, format: 'xml' } });
		expect(fromXml.error).toBeUndefined();
		expect(fromXml.items.map((i) => i.json)).toEqual(fromJson.items.map((i) => i.json));
		expect(fromJson.items).toHaveLength(2);
	});

	it('a malformed body is an error, not an empty success', async () => {
		nock(BASE).get('/rest/api/users').query(true).reply(200, '{"TotalRecords": 3, "Results": [', { 'Content-Type': 'application/json' });
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(result.error?.message).toBe('The server sent a response that is neither JSON nor XML');
	});

	it('500 surfaces the server message; Continue On Fail keeps the other items', async () => {
		nock(BASE)
			.get('/rest/api/users/A').reply(200, user(1))
			.get('/rest/api/users/B').reply(500, { Message: 'Database is offline' })
			.get('/rest/api/users/C').reply(200, user(3));
		const result = await run(
			{ resource: 'user', operation: 'get', userName: '={{$json.n}}' },
			store(SECRET.session),
			{ input: [{ n: 'A' }, { n: 'B' }, { n: 'C' }], continueOnFail: true },
		);
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.UserName).toBe('U1');
		expect((result.items[1].error as Error).message).toBe('Database is offline');
		expect(result.items[2].json.UserName).toBe('U3');
		expect(JSON.stringify(result.run)).not.toContain(SECRET.session);
	});
});

describe('PCRecruiter: email aliases and teams', () => {
	it('emailAlias getAll returns one item per alias', async () => {
		const results = [
			{ description: 'Primary Email', email: 'support@mainsequence.net', name: 'John Doe' },
			{ description: 'Secondary Email', email: 'lms@mainsequence.net', name: 'John Doe' },
		];
		const scope = nock(BASE).get('/rest/api/users/EmailAliases').reply(200, { Results: results });
		const result = await run({ resource: 'emailAlias', operation: 'getAll' });
		expect(result.items.map((i) => i.json)).toEqual(results);
		scope.done();
	});

	it('team getAll folds every user page into distinct teams with member user names', async () => {
		const scope = nock(BASE)
			.get('/rest/api/users').query({ Fields: 'Teams', Page: '1', ResultsPerPage: '500' })
			.reply(200, {
				TotalRecords: 3,
				Results: [
					{ ...user(1), Teams: [{ Name: 'Sales Team', RecordId: 12345 }, { Name: 'East Region', RecordId: 67890 }] },
					{ ...user(2), Teams: [{ Name: 'Sales Team', RecordId: 12345 }] },
					{ ...user(3), Teams: [] },
				],
			});
		const result = await run({ resource: 'team', operation: 'getAll' });
		expect(result.items.map((i) => i.json)).toEqual([
			{ Name: 'Sales Team', RecordId: 12345, Members: ['U1', 'U2'] },
			{ Name: 'East Region', RecordId: 67890, Members: ['U1'] },
		]);
		scope.done();
	});
});

describe('PCRecruiter: rate limits', () => {
	it('honours a short Retry-After on 429 and retries', async () => {
		const scope = nock(BASE)
			.get('/rest/api/users/U1').reply(429, { Message: 'Too many requests' }, { 'Retry-After': '0' })
			.get('/rest/api/users/U1').reply(200, user(1));
		const result = await run({ resource: 'user', operation: 'get', userName: 'U1' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.UserName).toBe('U1');
		scope.done();
	});

	it('gives up after 3 retries with a message that says so', async () => {
		const scope = nock(BASE).get('/rest/api/users').query(true).times(4).reply(429, { Message: 'Too many requests' }, { 'Retry-After': '0' });
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(result.error?.message).toBe('Too many requests');
		expect(result.error?.description).toContain('Still rate limited after 3 retries.');
		scope.done();
	});

	it('does not wait for a long Retry-After: fails at once', async () => {
		const scope = nock(BASE).get('/rest/api/users/U1').once().reply(429, { Message: 'Slow down' }, { 'Retry-After': '3600' });
		const result = await run({ resource: 'user', operation: 'get', userName: 'U1' });
		expect(result.error?.message).toBe('Slow down');
		expect(result.error?.description).toContain('rate limiting');
		scope.done();
	});
});
