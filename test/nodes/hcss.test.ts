import { LoadOptionsContext } from 'n8n-core';
import nock from 'nock';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodePropertyOptions,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { HcssOAuth2Api } from '../../credentials/HcssOAuth2Api.credentials';
import { Hcss } from '../../nodes/Hcss/Hcss.node';
import { HcssTrigger } from '../../nodes/Hcss/HcssTrigger.node';
import { CredentialStore, PACKAGE, runNode } from '../helpers/engine';
import { PollHarness } from '../helpers/poll';

const API = 'https://hcss.test';
const ID = 'https://identity.test';
const SECRET = { clientSecret: 'cs-Secret-1', token: 'tok-Secret-2' };
const U1 = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const U2 = '3f2504e0-4f89-11d3-9a0c-0305e82c3302';
const U3 = '3f2504e0-4f89-11d3-9a0c-0305e82c3303';
const ROLE = '1531c1fc-3b2b-453a-bb88-595af8b2ecdb';
const BU1 = 'b86659fa-d8f1-4909-80b7-59950d3fdd46';
const BU2 = 'b86659fa-d8f1-4909-80b7-59950d3fdd47';
const JOB1 = '6f1c2d7e-0b7a-4d8e-9a1b-2c3d4e5f6a7b';
const JOB2 = '6f1c2d7e-0b7a-4d8e-9a1b-2c3d4e5f6a7c';

function store(token?: string) {
	return new CredentialStore({
		hcssOAuth2Api: {
			baseUrl: `${API}/users/`,
			accessTokenUrl: `${ID}/identity/connect/token`,
			clientId: 'client-1',
			clientSecret: SECRET.clientSecret,
			scope: 'users:read users:write',
			...(token ? { oauthTokenData: { access_token: token, token_type: 'Bearer', expires_in: 3600 } } : {}),
		},
	});
}

const user = (n: number, extra: Record<string, unknown> = {}) => ({
	id: `3f2504e0-4f89-11d3-9a0c-0305e82c33${String(n).padStart(2, '0')}`,
	userName: `user${n}@company.com`,
	firstName: `First${n}`,
	lastName: `Last${n}`,
	email: `user${n}@company.com`,
	contactMethod: 'Email',
	...extra,
});

function run(parameters: Record<string, unknown>, credentials = store(SECRET.token), extra = {}) {
	return runNode({
		node: new Hcss(),
		credentialTypes: [new HcssOAuth2Api()],
		parameters: { resource: 'user', ...parameters } as never,
		credentials,
		...extra,
	});
}

/** The API with the stored token, as every request but the token request must send it. */
const api = (token = SECRET.token) => nock(API, { reqheaders: { authorization: `Bearer ${token}` } });

function expectNoSecrets(value: unknown) {
	const dump = JSON.stringify(value);
	for (const secret of Object.values(SECRET)) expect(dump).not.toContain(secret);
}

beforeEach(() => {
	nock.cleanAll();
	nock.disableNetConnect();
});
afterAll(() => nock.enableNetConnect());

describe('HCSS: OAuth2 client credentials', () => {
	it('fetches one token the way n8n sends it, then calls the API with Bearer <token> for every item', async () => {
		let tokenRequest: { body: unknown; headers: Record<string, unknown> } | undefined;
		const token = nock(ID)
			.post('/identity/connect/token', (body) => {
				tokenRequest = { body, headers: {} };
				return true;
			})
			.once()
			.reply(200, function () {
				tokenRequest!.headers = this.req.headers;
				return { access_token: 'T1', expires_in: 3600, token_type: 'Bearer', scope: 'users:read users:write' };
			});
		const users = api('T1')
			.get(`/users/api/v1/Users/${U1}`).reply(200, user(1))
			.get(`/users/api/v1/Users/${U2}`).reply(200, user(2))
			.get(`/users/api/v1/Users/${U3}`).reply(200, user(3));
		const credentials = store();
		const result = await run({ operation: 'get', userId: '={{$json.id}}' }, credentials, {
			input: [{ id: U1 }, { id: U2 }, { id: U3 }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.firstName)).toEqual(['First1', 'First2', 'First3']);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		token.done();
		users.done();
		// n8n's client-credentials request: form-encoded, client id and secret in the body (HCSS's documented way).
		expect({ ...(tokenRequest!.body as object) }).toEqual({
			grant_type: 'client_credentials',
			client_id: 'client-1',
			client_secret: SECRET.clientSecret,
			scope: 'users:read users:write',
		});
		expect(tokenRequest!.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(tokenRequest!.headers.authorization).toBeUndefined();
		// n8n stored the token with the credential ...
		expect((credentials.data.hcssOAuth2Api.oauthTokenData as { access_token: string }).access_token).toBe('T1');
		// ... and the next run uses it without asking for another.
		const again = api('T1').get(`/users/api/v1/Users/${U1}`).reply(200, user(1));
		const second = await run({ operation: 'get', userId: U1 }, credentials);
		expect(second.error).toBeUndefined();
		again.done();
	});

	it('on 401 n8n fetches a new token and retries once', async () => {
		const scope = nock(API)
			.get(`/users/api/v1/Users/${U1}`).matchHeader('authorization', 'Bearer OLD').reply(401, '')
			.get(`/users/api/v1/Users/${U1}`).matchHeader('authorization', 'Bearer NEW').reply(200, user(1));
		const token = nock(ID).post('/identity/connect/token', /grant_type=client_credentials/).once()
			.reply(200, { access_token: 'NEW', expires_in: 3600, token_type: 'Bearer' });
		const credentials = store('OLD');
		const result = await run({ operation: 'get', userId: U1 }, credentials);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(U1);
		scope.done();
		token.done();
		expect((credentials.data.hcssOAuth2Api.oauthTokenData as { access_token: string }).access_token).toBe('NEW');
	});

	it('a refused token request says what to check, without secrets', async () => {
		nock(ID).post('/identity/connect/token').reply(400, { error: 'invalid_client' });
		const result = await run({ operation: 'get', userId: U1 }, store());
		expect(result.error?.message).toMatch(/^Failed to acquire OAuth2 access token: Client authentication failed/);
		expect(result.error?.description).toContain('check the Client ID, Client Secret, Scope and Access Token URL');
		expectNoSecrets(result.run);
	});

	it('a refused scope says so', async () => {
		nock(ID).post('/identity/connect/token').reply(400, { error: 'invalid_scope' });
		const result = await run({ operation: 'get', userId: U1 }, store());
		expect(result.error?.description).toContain('HCSS refused the Scope in the credential');
	});
});

describe('HCSS: get, get by user name, delete', () => {
	it('get reads one user by ID', async () => {
		const scope = api().get(`/users/api/v1/Users/${U1}`).matchHeader('accept', 'application/json').reply(200, user(1));
		const result = await run({ operation: 'get', userId: ` ${U1} ` });
		expect(result.items.map((i) => i.json)).toEqual([user(1)]);
		scope.done();
	});

	it('get refuses an ID that is not a GUID, naming the parameter, before any request', async () => {
		const result = await run({ operation: 'get', userId: 'a/../b' });
		expect(result.error?.message).toBe('User ID: not a valid GUID');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('get: a 404 without a body says the user was not found', async () => {
		api().get(`/users/api/v1/Users/${U1}`).reply(404, '');
		const result = await run({ operation: 'get', userId: U1 });
		expect(result.error?.message).toBe('User not found');
		expect(result.error?.description).toContain('No HCSS user has this ID or user name.');
		expect((result.error as { httpCode?: string }).httpCode).toBe('404');
	});

	it('get by user name encodes the name as one path segment', async () => {
		const scope = api().get('/users/api/v1/Users/userName/john%2F..%2Fdoe%3Fx%20y').reply(200, user(1));
		const result = await run({ operation: 'getByUserName', userName: 'john/../doe?x y' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.userName).toBe('user1@company.com');
		scope.done();
	});

	it('get by user name: 404 keeps the server message', async () => {
		api().get('/users/api/v1/Users/userName/nobody').reply(404, { message: 'Could not find a user with matching username.' });
		const result = await run({ operation: 'getByUserName', userName: 'nobody' });
		expect(result.error?.message).toBe('Could not find a user with matching username.');
		expect(result.error?.description).toContain('HTTP status: 404');
	});

	it('delete answers { deleted: true, id } on 204', async () => {
		const scope = api().delete(`/users/api/v1/Users/${U2}`).reply(204);
		const result = await run({ operation: 'delete', userId: U2 });
		expect(result.items.map((i) => i.json)).toEqual([{ deleted: true, id: U2 }]);
		scope.done();
	});

	it('delete: 404 says the user was not found', async () => {
		api().delete(`/users/api/v1/Users/${U2}`).reply(404);
		const result = await run({ operation: 'delete', userId: U2 });
		expect(result.error?.message).toBe('User not found');
	});

	it('403 names the scope that is probably missing', async () => {
		api().delete(`/users/api/v1/Users/${U2}`).reply(403, '');
		const result = await run({ operation: 'delete', userId: U2 });
		expect(result.error?.message).toBe('The server answered with HTTP 403 and no error message');
		expect(result.error?.description).toContain('probably lacks the Users API write scope (e.g. users:write)');
		api().get(`/users/api/v1/Users/${U2}`).reply(403, '');
		const read = await run({ operation: 'get', userId: U2 });
		expect(read.error?.description).toContain('probably lacks the Users API read scope (e.g. users:read)');
	});
});

describe('HCSS: get many', () => {
	const all = Array.from({ length: 5 }, (_, i) => user(i + 1));

	it('envelope items + totalPages/totalRecords: asks for 1000 from page 0 and follows totalRecords when the server caps the page', async () => {
		const scope = api()
			.get('/users/api/v1/Users').query({ page: '0', pageSize: '1000' })
			.reply(200, { page: 0, pageSize: 2, totalRecords: 5, totalPages: 3, items: all.slice(0, 2) })
			.get('/users/api/v1/Users').query({ page: '1', pageSize: '1000' })
			.reply(200, { page: 1, pageSize: 2, totalRecords: 5, totalPages: 3, items: all.slice(2, 4) })
			.get('/users/api/v1/Users').query({ page: '2', pageSize: '1000' })
			.reply(200, { page: 2, pageSize: 2, totalRecords: 5, totalPages: 3, items: all.slice(4) });
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual(all);
		scope.done();
	});

	it('envelope results + totalCount: stops when totalCount is reached', async () => {
		const scope = api()
			.get('/users/api/v1/Users').query({ page: '0', pageSize: '1000' })
			.reply(200, { currentPage: 1, totalPages: 2, pageSize: 3, totalCount: 5, results: all.slice(0, 3) })
			.get('/users/api/v1/Users').query({ page: '1', pageSize: '1000' })
			.reply(200, { currentPage: 2, totalPages: 2, pageSize: 3, totalCount: 5, results: all.slice(3) });
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(result.items.map((i) => i.json)).toEqual(all);
		scope.done();
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('a bare array: a full page asks for the next, a short page ends the list', async () => {
		const big = Array.from({ length: 1003 }, (_, i) => user(i));
		const scope = api()
			.get('/users/api/v1/Users').query({ page: '0', pageSize: '1000' }).reply(200, big.slice(0, 1000))
			.get('/users/api/v1/Users').query({ page: '1', pageSize: '1000' }).reply(200, big.slice(1000));
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(result.items).toHaveLength(1003);
		expect(result.items[1002].json).toEqual(big[1002]);
		scope.done();
	});

	/** A server that caps the page size at `cap` and answers a bare array (no envelope, no total); it records each query. */
	function cappedServer(users: Array<Record<string, unknown>>, cap: number) {
		const asked: string[] = [];
		api()
			.persist()
			.get('/users/api/v1/Users')
			.query(true)
			.reply((uri) => {
				const q = new URL(uri, API).searchParams;
				asked.push(`page=${q.get('page')} pageSize=${q.get('pageSize')}`);
				const size = Math.min(Number(q.get('pageSize')), cap);
				const page = Number(q.get('page'));
				return [200, users.slice(page * size, (page + 1) * size)];
			});
		return asked;
	}

	it('a server that caps the page size below what is asked, answering bare arrays, is still read to the end', async () => {
		const many = Array.from({ length: 950 }, (_, i) => user(i));
		const asked = cappedServer(many, 400);
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual(many);
		expect(asked).toEqual(['page=0 pageSize=1000', 'page=1 pageSize=400', 'page=2 pageSize=400']);
	});

	it('under a cap, a list of exactly one capped page costs one empty page more; Limit past the cap reads whole pages and keeps Limit', async () => {
		const exact = cappedServer(Array.from({ length: 400 }, (_, i) => user(i)), 400);
		const whole = await run({ operation: 'getAll', returnAll: true });
		expect(whole.items).toHaveLength(400);
		expect(exact).toEqual(['page=0 pageSize=1000', 'page=1 pageSize=400']);
		nock.cleanAll();
		const many = Array.from({ length: 950 }, (_, i) => user(i));
		const limited = cappedServer(many, 400);
		const result = await run({ operation: 'getAll', returnAll: false, limit: 600 });
		expect(result.items.map((i) => i.json)).toEqual(many.slice(0, 600));
		expect(limited).toEqual(['page=0 pageSize=600', 'page=1 pageSize=400']);
	});

	it('a bare array from a server that ignores paging is read once, without repeats', async () => {
		const scope = api().get('/users/api/v1/Users').query(true).times(2).reply(200, all);
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual(all);
		scope.done();
	});

	it('the trigger sees every user past a cap: a user removed on the third capped page is reported', async () => {
		const many = Array.from({ length: 950 }, (_, i) => user(i));
		const asked = cappedServer(many, 300);
		const harness = new PollHarness({
			node: new HcssTrigger(),
			credentialTypes: [new HcssOAuth2Api()],
			credentials: store(SECRET.token),
			parameters: { events: ['created', 'updated', 'removed'] },
		});
		expect((await harness.poll()).error).toBeUndefined();
		expect(asked).toEqual(['page=0 pageSize=1000', 'page=1 pageSize=300', 'page=2 pageSize=300', 'page=3 pageSize=300']);
		const [gone] = many.splice(800, 1);
		const poll = await harness.poll();
		expect(poll.error).toBeUndefined();
		expect(poll.items.map((i) => [i.json.event, i.json.id, i.json.reason])).toEqual([['removed', gone.id, 'deleted']]);
	});

	it('an empty list gives no items and no error', async () => {
		api().get('/users/api/v1/Users').query(true).reply(200, { page: 0, pageSize: 1000, totalRecords: 0, totalPages: 0, items: [] });
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	it('Limit asks for no more than it needs; the business unit filter goes in the query', async () => {
		const scope = api()
			.get('/users/api/v1/Users').query({ page: '0', pageSize: '3', businessUnitId: BU1 })
			.reply(200, { page: 0, pageSize: 3, totalRecords: 5, totalPages: 2, items: all.slice(0, 3) });
		const result = await run({ operation: 'getAll', returnAll: false, limit: 3, filters: { businessUnitId: BU1 } });
		expect(result.items.map((i) => i.json)).toEqual(all.slice(0, 3));
		scope.done();
	});

	it('a server that ignores page stops with a clear error instead of looping', async () => {
		nock(API).get('/users/api/v1/Users').query(true).times(5).reply(200, { totalRecords: 100000, items: all });
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(result.error?.message).toBe('The server returned the same page twice, so paging was stopped');
	});
});

describe('HCSS: create', () => {
	const required = {
		operation: 'create',
		userName: 'John.Doe@company.com',
		firstName: 'John',
		lastName: 'Doe',
		contactMethod: 'Email',
		userRole: ROLE,
		homeBusinessUnit: BU1,
	};

	it('sends the documented body and outputs the created user', async () => {
		const created = { id: U1, userName: 'John.Doe@company.com' };
		const scope = api()
			.post('/users/api/v1/Users', {
				userName: 'John.Doe@company.com',
				firstName: 'John',
				lastName: 'Doe',
				contactMethod: 'Email',
				userRole: ROLE,
				phoneNumber: '555-555-1234',
				email: 'John.Doe@company.com',
				subscriptionGroup: '0c6116f2-d77a-4b86-9389-379079cdedfe',
				note: 'This is an example note.',
				homeBusinessUnit: BU1,
				employeeCode: 'example-employee-code-01',
				allowPhoneNumberLogin: false,
				excludeFromExternalAuthentication: true,
				businessUnitAccess: { type: 'SelectedBusinessUnits', values: [BU1, BU2] },
				jobAccess: { type: 'SelectedJobs', values: [JOB1, JOB2] },
			})
			.matchHeader('content-type', /application\/json/)
			.reply(201, created);
		const result = await run({
			...required,
			additionalFields: {
				email: 'John.Doe@company.com',
				phoneNumber: '555-555-1234',
				subscriptionGroup: '0c6116f2-d77a-4b86-9389-379079cdedfe',
				note: 'This is an example note.',
				employeeCode: 'example-employee-code-01',
				allowPhoneNumberLogin: false,
				excludeFromExternalAuthentication: true,
				businessUnitAccess: 'SelectedBusinessUnits',
				businessUnitIds: [BU1, BU2],
				jobAccess: 'SelectedJobs',
				jobIds: `${JOB1}, ${JOB2}`,
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([created]);
		scope.done();
	});

	it('"All" access types send values: null', async () => {
		const scope = api()
			.post('/users/api/v1/Users', (body) =>
				JSON.stringify(body.businessUnitAccess) === '{"type":"AllBusinessUnits","values":null}' &&
				JSON.stringify(body.jobAccess) === '{"type":"AllJobs","values":null}')
			.reply(201, { id: U1 });
		const result = await run({
			...required,
			additionalFields: { email: 'a@b.co', businessUnitAccess: 'AllBusinessUnits', jobAccess: 'AllJobs' },
		});
		expect(result.error).toBeUndefined();
		scope.done();
	});

	it('Home Business Unit is a required parameter: its ID is sent as homeBusinessUnit', async () => {
		const scope = api()
			.post('/users/api/v1/Users', (body) => body.homeBusinessUnit === BU2 && body.userRole === ROLE)
			.reply(201, { id: U1, userName: 'John.Doe@company.com', firstName: 'John' });
		const result = await run({ ...required, homeBusinessUnit: BU2, additionalFields: { email: 'a@b.co' } });
		expect(result.error).toBeUndefined();
		scope.done();
	});

	it('a workflow saved with Additional Fields > Home Business Unit (before the parameter existed) still sends it', async () => {
		const { homeBusinessUnit: _none, ...saved } = required;
		let sent: Record<string, unknown> | undefined;
		const scope = api()
			.post('/users/api/v1/Users', (body) => {
				sent = body;
				return true;
			})
			.reply(201, { id: U1, userName: 'John.Doe@company.com', firstName: 'John' });
		const result = await run({ ...saved, additionalFields: { email: 'a@b.co', homeBusinessUnit: BU2 } });
		expect(result.error).toBeUndefined();
		expect(sent).toEqual({ userName: 'John.Doe@company.com', firstName: 'John', lastName: 'Doe', contactMethod: 'Email', userRole: ROLE, homeBusinessUnit: BU2, email: 'a@b.co' });
		scope.done();
	});

	it('without a home business unit the item fails naming the parameter, before any request', async () => {
		const { homeBusinessUnit: _none, ...saved } = required;
		for (const operation of ['create', 'upsert']) {
			const result = await run({ ...saved, operation, additionalFields: { email: 'a@b.co' } });
			expect(result.error?.message).toBe('Home Business Unit: a value is required');
			expect(result.error?.description).toContain('(homeBusinessUnit)');
		}
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('an expression that gives no home business unit fails the item naming the parameter, before any request', async () => {
		const result = await run({ ...required, homeBusinessUnit: '={{ $json.unit }}', additionalFields: { email: 'a@b.co' } });
		expect(result.error?.message).toBe('Home Business Unit: a value is required');
		expect(result.error?.description).toContain('(homeBusinessUnit)');
		const upsert = await run({ ...required, operation: 'upsert', homeBusinessUnit: '={{ $json.unit }}', additionalFields: { email: 'a@b.co' } });
		expect(upsert.error?.message).toBe('Home Business Unit: a value is required');
		const bad = await run({ ...required, homeBusinessUnit: 'North', additionalFields: { email: 'a@b.co' } });
		expect(bad.error?.message).toBe('Home Business Unit: not a valid GUID');
		expect(bad.error?.description).toContain('(homeBusinessUnit)');
		const { homeBusinessUnit: _none, ...saved } = required;
		const old = await run({ ...saved, additionalFields: { email: 'a@b.co', homeBusinessUnit: 'North' } });
		expect(old.error?.description).toContain('(additionalFields.homeBusinessUnit)');
		const emptyOld = await run({ ...saved, additionalFields: { email: 'a@b.co', homeBusinessUnit: '' } });
		expect(emptyOld.error?.message).toBe('Home Business Unit: a value is required');
		expect(emptyOld.error?.description).toContain('remove the empty Home Business Unit (Old Place) from Additional Fields');
		expect(nock.pendingMocks()).toEqual([]);
	});

	const rules: Array<[string, Record<string, unknown>, string]> = [
		['email is required with contact method Email', { additionalFields: {} }, 'Email: required when Contact Method is Email'],
		['phone is required with contact method PhoneNumber', { contactMethod: 'PhoneNumber', additionalFields: { email: 'a@b.co' } }, 'Phone Number: required when Contact Method is Phone Number'],
		['business units only with Selected', { additionalFields: { email: 'a@b.co', businessUnitAccess: 'AllBusinessUnits', businessUnitIds: [BU1] } }, 'Business Units: must be empty when Business Unit Access is "All": the API takes values only for "Selected Business Units"'],
		['business units need an access type', { additionalFields: { email: 'a@b.co', businessUnitIds: [BU1] } }, 'Business Units: only allowed when Business Unit Access is "Selected Business Units"; set Business Unit Access too'],
		['Selected needs business units', { additionalFields: { email: 'a@b.co', businessUnitAccess: 'SelectedBusinessUnits' } }, 'Business Units: at least one ID is required when Business Unit Access is "Selected Business Units"'],
		['job IDs only with Selected Jobs', { additionalFields: { email: 'a@b.co', jobAccess: 'AllJobs', jobIds: JOB1 } }, 'Job IDs: must be empty when Job Access is "All": the API takes values only for "Selected Jobs"'],
		['job IDs must be GUIDs', { additionalFields: { email: 'a@b.co', jobAccess: 'SelectedJobs', jobIds: 'J-1' } }, 'Job IDs: not a valid GUID'],
		['the role must be a GUID', { userRole: 'Admin', additionalFields: { email: 'a@b.co' } }, 'User Role: not a valid GUID'],
		['the email must be an email', { additionalFields: { email: 'not-an-email' } }, 'Email: not a valid email address'],
		['the user name is required', { userName: ' ', additionalFields: { email: 'a@b.co' } }, 'User Name: a value is required'],
	];
	it.each(rules)('checks the rules before sending: %s', async (_name, params, message) => {
		const result = await run({ ...required, ...params });
		expect(result.error?.message).toBe(message);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('400 ASP.NET validation errors list every field', async () => {
		api().post('/users/api/v1/Users').reply(400, {
			type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
			title: 'One or more validation errors occurred.',
			status: 400,
			errors: { UserName: ['A user with this username already exists.'], HomeBusinessUnit: ['The HomeBusinessUnit field is required.'] },
		});
		const result = await run({ ...required, additionalFields: { email: 'a@b.co' } });
		expect(result.error?.message).toBe('One or more validation errors occurred.');
		expect(result.error?.description).toContain('UserName: A user with this username already exists.');
		expect(result.error?.description).toContain('HomeBusinessUnit: The HomeBusinessUnit field is required.');
		expect(result.error?.description).toContain('HTTP status: 400');
	});

	it('400 with { message } or plain text keeps the server text', async () => {
		api().post('/users/api/v1/Users').reply(400, { message: 'Invalid role.' });
		const json = await run({ ...required, additionalFields: { email: 'a@b.co' } });
		expect(json.error?.message).toBe('Invalid role.');
		api().post('/users/api/v1/Users').reply(400, 'Username is already taken', { 'Content-Type': 'text/plain' });
		const text = await run({ ...required, additionalFields: { email: 'a@b.co' } });
		expect(text.error?.message).toBe('Username is already taken');
		expectNoSecrets([json.run, text.run]);
	});
});

describe('HCSS: update', () => {
	it('sends only the fields set, then outputs the user as it is after the 204', async () => {
		const after = user(1, { firstName: 'Johnny', phoneNumber: '555-0100', contactMethod: 'PhoneNumber' });
		const scope = api()
			.patch(`/users/api/v1/Users/${U1}`, { firstName: 'Johnny', contactMethod: 'PhoneNumber', phoneNumber: '555-0100' })
			.reply(204)
			.get(`/users/api/v1/Users/${U1}`)
			.reply(200, after);
		const result = await run({
			operation: 'update',
			userId: U1,
			updateFields: { firstName: 'Johnny', contactMethod: 'PhoneNumber', phoneNumber: '555-0100', note: '' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([after]);
		scope.done();
	});

	it('needs at least one field, and keeps the contact method rule', async () => {
		const none = await run({ operation: 'update', userId: U1, updateFields: {} });
		expect(none.error?.message).toBe('Update Fields: choose at least one field to update');
		const phone = await run({ operation: 'update', userId: U1, updateFields: { contactMethod: 'PhoneNumber' } });
		expect(phone.error?.message).toBe('Phone Number: required when Contact Method is Phone Number');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('404 on the update says the user was not found', async () => {
		api().patch(`/users/api/v1/Users/${U1}`).reply(404, '');
		const result = await run({ operation: 'update', userId: U1, updateFields: { note: 'x' } });
		expect(result.error?.message).toBe('User not found');
	});

	it('when reading the user back fails, the error says the update itself went through', async () => {
		api().patch(`/users/api/v1/Users/${U1}`).reply(204).get(`/users/api/v1/Users/${U1}`).reply(500, { message: 'Boom' });
		const result = await run({ operation: 'update', userId: U1, updateFields: { note: 'x' } });
		expect(result.error?.message).toBe('Boom');
		expect(result.error?.description).toContain('The update was sent and accepted; reading the user back afterwards failed.');
	});
});

describe('HCSS: dropdowns', () => {
	/** Runs a loadOptions method through n8n-core's LoadOptionsContext (the editor's path). */
	async function loadOptions(
		method: 'getBusinessUnits' | 'getRoles' | 'getSubscriptionGroups',
		credentials: CredentialStore,
	): Promise<INodePropertyOptions[]> {
		const nodeType = new Hcss();
		const credentialType = new HcssOAuth2Api();
		const node: INode = {
			id: 'n',
			name: 'HCSS',
			type: `${PACKAGE}.hcss`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'user', operation: 'create' },
			credentials: { hcssOAuth2Api: { id: '1', name: 'HCSS' } },
		};
		const nodeTypes = {
			getByName: () => nodeType as INodeType,
			getByNameAndVersion: () => nodeType as INodeType,
			getKnownTypes: () => ({}),
		};
		const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, active: false, nodeTypes });
		const defaults: ICredentialDataDecryptedObject = { authentication: 'header' };
		for (const p of credentialType.properties) defaults[p.name] = p.default as never;
		const credentialsHelper = {
			getParentTypes: () => ['oAuth2Api'],
			isCredentialUsableByNode: () => true,
			getDecrypted: async () => ({ ...defaults, ...structuredClone(credentials.data.hcssOAuth2Api) }),
			updateCredentialsOauthTokenData: async (_d: unknown, _t: string, data: ICredentialDataDecryptedObject) => {
				credentials.data.hcssOAuth2Api = structuredClone(data);
			},
			runPreAuthentication: async () => undefined,
		};
		const additionalData = { credentialsHelper, currentNodeParameters: node.parameters } as unknown as IWorkflowExecuteAdditionalData;
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.userRole');
		const fn = nodeType.methods.loadOptions[method];
		return await fn.call(context);
	}

	it('roles, subscription groups and business units come from the API as name/ID pairs, sorted', async () => {
		const token = nock(ID).post('/identity/connect/token').once().reply(200, { access_token: 'T5', expires_in: 3600 });
		const scope = api('T5')
			.get('/users/api/v1/Roles').reply(200, [{ id: ROLE, name: 'Superintendent' }, { id: 'r-2', name: 'Admin' }])
			.get('/users/api/v1/SubscriptionGroups').reply(200, { items: [{ id: 'sg-1', name: 'Field' }], totalRecords: 1 })
			.get('/users/api/v1/BusinessUnits').reply(200, [{ id: BU1, name: 'North' }, { id: BU2, name: '' }]);
		const credentials = store();
		expect(await loadOptions('getRoles', credentials)).toEqual([
			{ name: 'Admin', value: 'r-2' },
			{ name: 'Superintendent', value: ROLE },
		]);
		expect(await loadOptions('getSubscriptionGroups', credentials)).toEqual([{ name: 'Field', value: 'sg-1' }]);
		expect(await loadOptions('getBusinessUnits', credentials)).toEqual([
			{ name: BU2, value: BU2 },
			{ name: 'North', value: BU1 },
		]);
		token.done();
		scope.done();
	});

	it('a refused dropdown request shows the server message and the scope hint', async () => {
		api().get('/users/api/v1/Roles').reply(403, { message: 'Forbidden' });
		await expect(loadOptions('getRoles', store(SECRET.token))).rejects.toMatchObject({
			message: 'Forbidden',
			description: expect.stringContaining('probably lacks the Users API read scope'),
		});
	});
});

describe('HCSS: example workflow', () => {
	interface ExampleNode {
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		disabled?: boolean;
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const example = require('../../examples/hcss.json') as { nodes: ExampleNode[] };
	const hcssNodes = example.nodes.filter((n) => n.type === `${PACKAGE}.hcss`);

	it('uses only parameter names the node has', () => {
		const properties = new Hcss().description.properties;
		expect(hcssNodes.length).toBeGreaterThan(0);
		for (const node of hcssNodes) {
			for (const [key, value] of Object.entries(node.parameters)) {
				const property = properties.find((p) => p.name === key);
				expect(property).toBeDefined();
				if (property?.type === 'collection') {
					const names = (property.options ?? []).map((o) => (o as { name: string }).name);
					for (const sub of Object.keys(value as object)) expect(names).toContain(sub);
				}
			}
		}
	});

	it('its Get Many node runs as saved', async () => {
		const node = hcssNodes.find((n) => n.parameters.operation === 'getAll')!;
		const scope = api().get('/users/api/v1/Users').query({ page: '0', pageSize: '1000' })
			.reply(200, { page: 0, pageSize: 1000, totalRecords: 1, totalPages: 1, items: [user(1)] });
		const result = await run(node.parameters);
		expect(result.items.map((i) => i.json)).toEqual([user(1)]);
		scope.done();
	});
});

describe('HCSS: create or update', () => {
	interface Seen {
		method: string;
		path: string;
		body: unknown;
	}
	/** An HCSS Users API that keeps its users between runs. */
	function fakeHcss(initial: Array<Record<string, unknown>> = []) {
		const db = initial.map((u) => ({ ...u }));
		const seen: Seen[] = [];
		const record = (method: string) =>
			function (this: nock.ReplyFnContext, uri: string, body: nock.Body): nock.ReplyFnResult {
				seen.push({ method, path: uri, body: body === '' ? undefined : body });
				const id = decodeURIComponent(uri.split('/').pop()!);
				if (method === 'GET' && uri.includes('/userName/')) {
					const found = db.find((u) => String(u.userName).toLowerCase() === id.toLowerCase());
					return found ? [200, found] : [404, ''];
				}
				if (method === 'GET') {
					const found = db.find((u) => u.id === id);
					return found ? [200, found] : [404, ''];
				}
				if (method === 'POST') {
					const created = { id: `3f2504e0-4f89-11d3-9a0c-0305e82c34${String(db.length).padStart(2, '0')}`, ...(body as object) };
					db.push(created);
					return [201, { id: created.id, userName: (body as { userName: string }).userName }];
				}
				const found = db.find((u) => u.id === id);
				if (!found) return [404, ''];
				Object.assign(found, body as object);
				return [204, ''];
			};
		nock(API)
			.persist()
			.get(/^\/users\/api\/v1\/Users\/.+/)
			.reply(record('GET'))
			.post('/users/api/v1/Users')
			.reply(record('POST'))
			.patch(/^\/users\/api\/v1\/Users\/[^/]+$/)
			.reply(record('PATCH'));
		return { db, seen, writes: () => seen.filter((r) => r.method !== 'GET') };
	}

	const params = (extra: Record<string, unknown> = {}) => ({
		operation: 'upsert',
		userName: 'John.Doe@company.com',
		firstName: 'John',
		lastName: 'Doe',
		contactMethod: 'Email',
		userRole: ROLE,
		homeBusinessUnit: BU1,
		additionalFields: { email: 'john.doe@company.com' },
		...extra,
	});
	const existing = (extra: Record<string, unknown> = {}) => ({
		id: U2,
		userName: 'John.Doe@company.com',
		firstName: 'John',
		lastName: 'Doe',
		contactMethod: 'Email',
		userRole: ROLE,
		homeBusinessUnit: BU1,
		email: 'john.doe@company.com',
		phoneNumber: null,
		...extra,
	});

	it('creates the user when the user name is unknown (404), and outputs it as HCSS has it', async () => {
		const fake = fakeHcss();
		const result = await run(params());
		expect(result.error).toBeUndefined();
		expect(fake.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /users/api/v1/Users/userName/John.Doe%40company.com',
			'POST /users/api/v1/Users',
			`GET /users/api/v1/Users/${fake.db[0].id}`,
		]);
		expect(fake.seen[1].body).toEqual({
			userName: 'John.Doe@company.com',
			firstName: 'John',
			lastName: 'Doe',
			contactMethod: 'Email',
			userRole: ROLE,
			homeBusinessUnit: BU1,
			email: 'john.doe@company.com',
		});
		expect(result.items.map((i) => i.json)).toEqual([{ action: 'created', ...fake.db[0] }]);
	});

	it('updates only what differs with a PATCH, then reads the user back', async () => {
		const fake = fakeHcss([existing({ lastName: 'Doe-Smith', phoneNumber: '555' })]);
		const result = await run(params({ additionalFields: { email: 'john.doe@company.com', employeeCode: 'E7' } }));
		expect(result.error).toBeUndefined();
		expect(fake.writes()).toEqual([{ method: 'PATCH', path: `/users/api/v1/Users/${U2}`, body: { lastName: 'Doe', employeeCode: 'E7' } }]);
		expect(result.items[0].json).toEqual({ action: 'updated', ...existing({ phoneNumber: '555', employeeCode: 'E7' }) });
	});

	it('writes nothing when HCSS already has every value', async () => {
		const fake = fakeHcss([existing({ email: 'John.Doe@Company.com', note: 'kept' })]);
		const result = await run(params());
		expect(result.error).toBeUndefined();
		expect(fake.writes()).toEqual([]);
		expect(result.items[0].json).toEqual({ action: 'unchanged', ...existing({ email: 'John.Doe@Company.com', note: 'kept' }) });
	});

	it('the same input twice: created, then unchanged, one POST in total', async () => {
		const fake = fakeHcss();
		const credentials = store(SECRET.token);
		const first = await run(params(), credentials);
		const second = await run(params(), credentials);
		expect([first.items[0]?.json.action, second.items[0]?.json.action]).toEqual(['created', 'unchanged']);
		expect(fake.writes().map((r) => r.method)).toEqual(['POST']);
	});

	it('bad input fails naming the parameter, before any request', async () => {
		const fake = fakeHcss();
		const result = await run(params({ userRole: 'not-a-guid' }));
		expect(result.error?.message).toContain('User Role');
		expect(fake.seen).toEqual([]);
	});

	it('a server error on the lookup is the vendor error, and nothing is written', async () => {
		nock(API).get(/userName/).reply(500, { message: 'Database unavailable' });
		const result = await run(params());
		expect(result.error?.message).toBe('Database unavailable');
	});
});

describe('HCSS: create or update, ambiguous', () => {
	it('when the lookup gives several users, the item fails listing their IDs, and nothing is written', async () => {
		const lookup = nock(API)
			.get('/users/api/v1/Users/userName/john')
			.reply(200, [user(1, { userName: 'john' }), user(2, { userName: 'john' })]);
		const result = await run({
			operation: 'upsert',
			userName: 'john',
			firstName: 'John',
			lastName: 'Doe',
			contactMethod: 'PhoneNumber',
			userRole: ROLE,
			homeBusinessUnit: BU1,
			additionalFields: { phoneNumber: '555' },
		});
		lookup.done();
		expect(result.error?.message).toBe(`2 HCSS users match User Name "john": ${U1}, ${U2}`);
		expect(nock.pendingMocks()).toEqual([]);
	});
});
