import nock from 'nock';

import exampleWorkflow from '../../examples/recrubo.json';
import { RecruboApi } from '../../credentials/RecruboApi.credentials';
import { TIME_ZONE_OPTIONS } from '../../nodes/Recrubo/params';
import { Recrubo } from '../../nodes/Recrubo/Recrubo.node';
import { CredentialStore, runNode } from '../helpers/engine';

const BASE = 'https://recrubo.test';
const API_KEY = 'rk_live-Secret-123';
const JSON_API = 'application/vnd.api+json';
const JSON_API_HEADERS = { 'Content-Type': JSON_API };

function store(extra: Record<string, string> = {}) {
	return new CredentialStore({ recruboApi: { baseUrl: `${BASE}/public/v2/`, apiKey: API_KEY, ...extra } });
}

function run(parameters: Record<string, unknown>, credentials = store(), extra = {}) {
	return runNode({
		node: new Recrubo(),
		credentialTypes: [new RecruboApi()],
		parameters: parameters as never,
		credentials,
		...extra,
	});
}

const attributes = (n: number) => ({
	createdAt: '2024-08-20T10:45:12+00:00',
	updatedAt: '2024-08-20T10:45:12+00:00',
	firstName: 'Recrubo',
	lastName: `Tester ${n}`,
	email: `tester${n}@example.com`,
	fullName: `Recrubo Tester ${n}`,
	phone: null,
	timeZone: 'Europe/Amsterdam',
	externalId: null,
});

const resource = (n: number, id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`) => ({
	id,
	type: 'users',
	attributes: attributes(n),
	relationships: { candidates: { links: { related: `/public/v2/candidates?filter[userId]=${id}` } } },
});

const simple = (n: number, id = resource(n).id) => ({ id, ...attributes(n) });

const users = (from: number, count: number) => Array.from({ length: count }, (_, i) => resource(from + i));

/** What one request carried, as the server saw it. */
interface Seen {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** Replies with `reply` and records the request, raw path included. */
function recorder(seen: Seen[], reply: (request: Seen) => [number, unknown?]) {
	return function (this: nock.ReplyFnContext, uri: string, body: nock.Body): nock.ReplyFnResult {
		const request: Seen = {
			method: this.req.method,
			path: uri,
			query: new URL(uri, BASE).searchParams,
			headers: this.req.headers,
			// JSON:API bodies are not parsed by nock (their type is not application/json): they must be valid JSON text.
			body: body === '' ? undefined : typeof body === 'string' ? JSON.parse(body) : body,
		};
		seen.push(request);
		const [status, payload] = reply(request);
		return [status, payload === undefined ? '' : (payload as nock.Body), JSON_API_HEADERS];
	};
}

beforeEach(() => {
	nock.cleanAll();
	nock.disableNetConnect();
});
afterAll(() => nock.enableNetConnect());

describe('Recrubo: credential', () => {
	it('sends the API key raw by default, with JSON:API Accept', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: API_KEY, accept: JSON_API } })
			.get('/public/v2/users/u1')
			.reply(200, { data: resource(1, 'u1'), meta: {} }, JSON_API_HEADERS);
		const result = await run({ resource: 'user', operation: 'get', userId: 'u1' });
		expect(result.error).toBeUndefined();
		scope.done();
	});

	it('sends "Bearer <key>" when the credential says so', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: `Bearer ${API_KEY}` } })
			.get('/public/v2/users/u1')
			.reply(200, { data: resource(1, 'u1') }, JSON_API_HEADERS);
		const result = await run({ resource: 'user', operation: 'get', userId: 'u1' }, store({ authorizationFormat: 'bearer' }));
		expect(result.error).toBeUndefined();
		scope.done();
	});

	it('has a test request: GET /users?page[size]=1 on the base URL', () => {
		const credential = new RecruboApi();
		expect(credential.test.request).toEqual({
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/users',
			qs: { 'page[size]': 1 },
			headers: { Accept: JSON_API },
		});
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://api.recrubo.app/public/v2');
		expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions?.password).toBe(true);
	});
});

describe('Recrubo: get', () => {
	it('outputs { id, ...attributes } by default and the raw resource with Simplify off', async () => {
		nock(BASE)
			.get('/public/v2/users/e1137be5').times(2)
			.reply(200, { data: resource(7, 'e1137be5'), meta: {} }, JSON_API_HEADERS);
		const simplified = await run({ resource: 'user', operation: 'get', userId: 'e1137be5' });
		expect(simplified.items.map((i) => i.json)).toEqual([simple(7, 'e1137be5')]);
		const raw = await run({ resource: 'user', operation: 'get', userId: 'e1137be5', simplify: false });
		expect(raw.items.map((i) => i.json)).toEqual([resource(7, 'e1137be5')]);
	});

	it('encodes the ID as one path segment, and refuses "." ids and blanks before any request', async () => {
		const scope = nock(BASE).get('/public/v2/users/a%2F..%2Fb%3Fx%23y%20z').reply(200, { data: resource(1) }, JSON_API_HEADERS);
		const result = await run({ resource: 'user', operation: 'get', userId: 'a/../b?x#y z' });
		expect(result.error).toBeUndefined();
		scope.done();
		const dots = await run({ resource: 'user', operation: 'get', userId: '..' });
		expect(dots.error?.message).toBe('User ID: a value of only dots cannot be used in a URL path');
		const blank = await run({ resource: 'user', operation: 'get', userId: ' ' });
		expect(blank.error?.message).toBe('User ID: a value is required');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('one item per input item, paired with it', async () => {
		nock(BASE)
			.get('/public/v2/users/u1').reply(200, { data: resource(1, 'u1') }, JSON_API_HEADERS)
			.get('/public/v2/users/u2').reply(200, { data: resource(2, 'u2') }, JSON_API_HEADERS);
		const result = await run({ resource: 'user', operation: 'get', userId: '={{$json.id}}' }, store(), {
			input: [{ id: 'u1' }, { id: 'u2' }],
		});
		expect(result.items.map((i) => i.json.id)).toEqual(['u1', 'u2']);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('404 with a JSON:API error document gives its title, detail and the hint', async () => {
		nock(BASE).get('/public/v2/users/missing').reply(
			404,
			{ errors: [{ status: '404', title: 'Record not found', detail: 'The record identified by missing could not be found.' }] },
			JSON_API_HEADERS,
		);
		const result = await run({ resource: 'user', operation: 'get', userId: 'missing' });
		expect(result.error?.message).toBe('Record not found');
		expect(result.error?.description).toContain('Recrubo has no user with this ID.');
		expect(result.error?.description).toContain('Record not found: The record identified by missing could not be found.');
		expect(result.error?.description).toContain('HTTP status: 404');
		expect((result.error as { httpCode?: string }).httpCode).toBe('404');
	});

	it('401 says the API key was refused, and never shows the key', async () => {
		// n8n's request helper sends a request that got 401 once more after re-authenticating.
		nock(BASE).get('/public/v2/users/u1').times(2).reply(
			401,
			{ errors: [{ status: '401', title: 'Access denied', detail: `Invalid API key ${API_KEY}` }] },
			JSON_API_HEADERS,
		);
		const result = await run({ resource: 'user', operation: 'get', userId: 'u1' });
		expect(result.error?.message).toBe('Access denied');
		expect(result.error?.description).toContain('Recrubo refused the API key');
		expect(result.error?.description).toContain('HTTP status: 401');
		expect(JSON.stringify(result.run)).not.toContain(API_KEY);
	});

	it('401 with an empty body still says what happened', async () => {
		nock(BASE).get('/public/v2/users/u1').times(2).reply(401, '');
		const result = await run({ resource: 'user', operation: 'get', userId: 'u1' });
		expect(result.error?.message).toBe('The server answered with HTTP 401 and no error message');
		expect(result.error?.description).toContain('Recrubo refused the API key');
	});

	it('a 200 that is not a JSON:API document (wrong Base URL) is an error, not an empty success', async () => {
		nock(BASE).get('/public/v2/users/u1').reply(200, '{"hello": "world"}', { 'Content-Type': 'application/json' });
		const result = await run({ resource: 'user', operation: 'get', userId: 'u1' });
		expect(result.error?.message).toBe("Recrubo's response has no user (data)");
	});

	it('Continue On Fail keeps the other items', async () => {
		nock(BASE)
			.get('/public/v2/users/a').reply(200, { data: resource(1, 'a') }, JSON_API_HEADERS)
			.get('/public/v2/users/b').reply(500, { errors: [{ title: 'Internal error' }] }, JSON_API_HEADERS)
			.get('/public/v2/users/c').reply(200, { data: resource(3, 'c') }, JSON_API_HEADERS);
		const result = await run({ resource: 'user', operation: 'get', userId: '={{$json.id}}' }, store(), {
			input: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.id).toBe('a');
		expect((result.items[1].error as Error).message).toBe('Internal error');
		expect(result.items[2].json.id).toBe('c');
	});
});

describe('Recrubo: getAll', () => {
	it('Return All pages with page[number]/page[size]=200 until meta.currentPage reaches meta.maxPage', async () => {
		const seen: Seen[] = [];
		const pages = [users(0, 200), users(200, 200), users(400, 50)];
		const scope = nock(BASE)
			.get('/public/v2/users').query(true).times(3)
			.reply(recorder(seen, (r) => {
				const n = Number(r.query.get('page[number]'));
				return [200, { data: pages[n - 1], meta: { total: 450, totalUnfiltered: 450, currentSize: 200, currentPage: n, maxPage: 3 } }];
			}));
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		scope.done();
		// The exact query as sent: brackets percent-encoded...
		expect(seen.map((r) => r.path)).toEqual([
			'/public/v2/users?page%5Bnumber%5D=1&page%5Bsize%5D=200',
			'/public/v2/users?page%5Bnumber%5D=2&page%5Bsize%5D=200',
			'/public/v2/users?page%5Bnumber%5D=3&page%5Bsize%5D=200',
		]);
		// ...and the keys as the server decodes them.
		expect([...seen[1].query.entries()]).toEqual([['page[number]', '2'], ['page[size]', '200']]);
		expect(result.items).toHaveLength(450);
		expect(result.items[0].json).toEqual(simple(0));
		expect(result.items[449].json).toEqual(simple(449));
	});

	it('stops when meta says the last page even if the page is full', async () => {
		const seen: Seen[] = [];
		nock(BASE).get('/public/v2/users').query(true).times(5)
			.reply(recorder(seen, () => [200, { data: users(0, 200), meta: { currentPage: 1, maxPage: 1, total: 200 } }]));
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(result.items).toHaveLength(200);
		expect(seen).toHaveLength(1);
	});

	it('without meta, stops on a short page', async () => {
		const seen: Seen[] = [];
		nock(BASE).get('/public/v2/users').query(true).times(5)
			.reply(recorder(seen, (r) => [200, { data: r.query.get('page[number]') === '1' ? users(0, 200) : users(200, 10) }]));
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(result.items).toHaveLength(210);
		expect(seen.map((r) => r.query.get('page[number]'))).toEqual(['1', '2']);
	});

	it('Limit asks for no more than it needs and stops early', async () => {
		const seen: Seen[] = [];
		nock(BASE).get('/public/v2/users').query(true).times(5)
			.reply(recorder(seen, () => [200, { data: users(0, 5), meta: { currentPage: 1, maxPage: 20, total: 100 } }]));
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: false, limit: 5 });
		expect(result.items.map((i) => i.json.id)).toEqual(users(0, 5).map((u) => u.id));
		expect(seen.map((r) => r.path)).toEqual(['/public/v2/users?page%5Bnumber%5D=1&page%5Bsize%5D=5']);
	});

	it('Limit above 200 uses pages of 200 and stops once it has enough', async () => {
		const seen: Seen[] = [];
		nock(BASE).get('/public/v2/users').query(true).times(5)
			.reply(recorder(seen, (r) => {
				const n = Number(r.query.get('page[number]'));
				return [200, { data: users((n - 1) * 200, 200), meta: { currentPage: n, maxPage: 10, total: 2000 } }];
			}));
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: false, limit: 250 });
		expect(result.items).toHaveLength(250);
		expect(result.items[249].json.id).toBe(resource(249).id);
		expect(seen.map((r) => `${r.query.get('page[number]')}/${r.query.get('page[size]')}`)).toEqual(['1/200', '2/200']);
	});

	it('an empty list gives no items', async () => {
		nock(BASE).get('/public/v2/users').query(true).reply(200, { data: [], meta: { total: 0, currentPage: 1, maxPage: 0 } }, JSON_API_HEADERS);
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	it('Simplify off gives the raw resources', async () => {
		nock(BASE).get('/public/v2/users').query(true).reply(200, { data: users(0, 2), meta: { currentPage: 1, maxPage: 1 } }, JSON_API_HEADERS);
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true, simplify: false });
		expect(result.items.map((i) => i.json)).toEqual(users(0, 2));
	});

	it('filters: exact is filter[field]=value (a comma list kept as one value), brackets encoded', async () => {
		const seen: Seen[] = [];
		nock(BASE).get('/public/v2/users').query(true)
			.reply(recorder(seen, () => [200, { data: [], meta: {} }]));
		await run({
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { email: 'a+b@example.com', externalId: '12,34', firstName: 'Jo Ann', lastName: '' },
		});
		expect(seen[0].path).toBe(
			'/public/v2/users?filter%5Bemail%5D=a%2Bb%40example.com&filter%5BexternalId%5D=12%2C34&filter%5BfirstName%5D=Jo%20Ann&page%5Bnumber%5D=1&page%5Bsize%5D=200',
		);
		expect(Object.fromEntries(seen[0].query)).toEqual({
			'filter[email]': 'a+b@example.com',
			'filter[externalId]': '12,34',
			'filter[firstName]': 'Jo Ann',
			'page[number]': '1',
			'page[size]': '200',
		});
	});

	it('filters: case-insensitive is filter[field][eql], prefix is filter[field][prefix]; sort joins fields', async () => {
		const seen: Seen[] = [];
		nock(BASE).get('/public/v2/users').query(true).times(2)
			.reply(recorder(seen, () => [200, { data: [], meta: {} }]));
		const sort = { fields: [{ field: 'createdAt', direction: 'descending' }, { field: 'lastName', direction: 'ascending' }] };
		await run({ resource: 'user', operation: 'getAll', returnAll: true, filters: { email: 'Ann@Example.com', matchMode: 'caseInsensitive' }, sort });
		await run({ resource: 'user', operation: 'getAll', returnAll: true, filters: { lastName: 'Do', matchMode: 'prefix' } });
		expect(seen[0].path).toBe(
			'/public/v2/users?filter%5Bemail%5D%5Beql%5D=Ann%40Example.com&sort=-createdAt%2ClastName&page%5Bnumber%5D=1&page%5Bsize%5D=200',
		);
		expect(seen[0].query.get('filter[email][eql]')).toBe('Ann@Example.com');
		expect(seen[0].query.get('sort')).toBe('-createdAt,lastName');
		expect(seen[1].query.get('filter[lastName][prefix]')).toBe('Do');
		expect([...seen[1].query.keys()]).toEqual(['filter[lastName][prefix]', 'page[number]', 'page[size]']);
	});

	it('a sort field given by expression must be a known field; nothing is sent otherwise', async () => {
		const result = await run({
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			sort: { fields: [{ field: '={{"password"}}', direction: 'ascending' }] },
		});
		expect(result.error?.message).toMatch(/^Sort Field: not one of createdAt/);
		expect(result.error?.description).toBe('The value given was "password". Check the "Sort Field" parameter (sort.fields.field).');
	});

	it('a 422 on a bad filter names the parameter the server pointed at', async () => {
		nock(BASE).get('/public/v2/users').query(true).reply(
			422,
			{ errors: [{ status: '422', title: 'Invalid filter', detail: 'nope is not allowed', source: { parameter: 'filter[email][prefix]' } }] },
			JSON_API_HEADERS,
		);
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true, filters: { email: 'x', matchMode: 'prefix' } });
		expect(result.error?.message).toBe('Invalid filter');
		expect(result.error?.description).toContain('Invalid filter: nope is not allowed (filter[email][prefix])');
		expect(result.error?.description).toContain('HTTP status: 422');
	});
});

describe('Recrubo: create', () => {
	it('POSTs the JSON:API document with the JSON:API content type and outputs the created user', async () => {
		const seen: Seen[] = [];
		const created = { ...resource(1, '33f7086b'), attributes: { ...attributes(1), phone: '31657116372', externalId: '1234' } };
		const scope = nock(BASE).post('/public/v2/users')
			.reply(recorder(seen, () => [201, { data: created, meta: {} }]));
		const result = await run({
			resource: 'user',
			operation: 'create',
			firstName: ' Recrubo ',
			lastName: 'Tester 1',
			additionalFields: { email: 'tester1@example.com', phone: '31657116372', timeZone: 'Europe/Amsterdam', externalId: '1234' },
		});
		expect(result.error).toBeUndefined();
		scope.done();
		expect(seen[0].headers['content-type']).toBe(JSON_API);
		expect(seen[0].headers.accept).toBe(JSON_API);
		expect(seen[0].body).toEqual({
			data: {
				type: 'users',
				attributes: {
					firstName: 'Recrubo',
					lastName: 'Tester 1',
					email: 'tester1@example.com',
					phone: '31657116372',
					timeZone: 'Europe/Amsterdam',
					externalId: '1234',
				},
			},
		});
		expect(result.items.map((i) => i.json)).toEqual([{ id: '33f7086b', ...created.attributes }]);
	});

	it('sends only the fields given; a time zone by expression may be any IANA name', async () => {
		const seen: Seen[] = [];
		nock(BASE).post('/public/v2/users').reply(recorder(seen, () => [201, { data: resource(1) }]));
		await run({
			resource: 'user',
			operation: 'create',
			firstName: 'A',
			lastName: 'B',
			additionalFields: { timeZone: '={{"Asia/Calcutta"}}', phone: '' },
		});
		expect(seen[0].body).toEqual({ data: { type: 'users', attributes: { firstName: 'A', lastName: 'B', timeZone: 'Asia/Calcutta' } } });
	});

	it('refuses a missing last name, a bad email and an unknown time zone before any request', async () => {
		// An expression gets past the editor's required-parameter check; the node still refuses a blank.
		const noLast = await run({ resource: 'user', operation: 'create', firstName: 'A', lastName: '={{$json.last}}' });
		expect(noLast.error?.message).toBe('Last Name: a value is required');
		const badEmail = await run({ resource: 'user', operation: 'create', firstName: 'A', lastName: 'B', additionalFields: { email: 'not-an-email' } });
		expect(badEmail.error?.message).toBe('Email: not a valid email address');
		const badZone = await run({ resource: 'user', operation: 'create', firstName: 'A', lastName: 'B', additionalFields: { timeZone: '={{"Mars/Olympus"}}' } });
		expect(badZone.error?.message).toBe('Time Zone: not an IANA time zone such as Europe/Amsterdam');
		expect(badZone.error?.description).toBe('The value given was "Mars/Olympus". Check the "Time Zone" parameter (additionalFields.timeZone).');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('a 422 gives the JSON:API errors with their pointers', async () => {
		nock(BASE).post('/public/v2/users').reply(
			422,
			{
				errors: [
					{ status: '422', title: 'Invalid attribute', detail: 'email has already been taken', source: { pointer: '/data/attributes/email' } },
					{ status: '422', title: 'Invalid attribute', detail: 'phone is invalid', source: { pointer: '/data/attributes/phone' } },
				],
			},
			JSON_API_HEADERS,
		);
		const result = await run({ resource: 'user', operation: 'create', firstName: 'A', lastName: 'B', additionalFields: { email: 'a@b.co' } });
		expect(result.error?.message).toBe('Invalid attribute');
		expect(result.error?.description).toContain('Invalid attribute: email has already been taken (/data/attributes/email)');
		expect(result.error?.description).toContain('Invalid attribute: phone is invalid (/data/attributes/phone)');
		expect(result.error?.description).toContain('Recrubo did not accept the values sent');
	});

	it('the time zone dropdown lists the IANA zones, sorted, with UTC', () => {
		const values = TIME_ZONE_OPTIONS.map((o) => o.value as string);
		expect(values).toContain('Europe/Amsterdam');
		expect(values).toContain('America/New_York');
		expect(values).toContain('UTC');
		expect(values.length).toBeGreaterThan(300);
		expect([...values].sort()).toEqual(values);
	});
});

describe('Recrubo: update', () => {
	it('PATCHes the document, then fetches the user and outputs it as it is now', async () => {
		const seen: Seen[] = [];
		const after = { ...resource(1, 'u/1'), attributes: { ...attributes(1), timeZone: 'Europe/Berlin' } };
		const scope = nock(BASE)
			.patch('/public/v2/users/u%2F1').reply(recorder(seen, () => [200]))
			.get('/public/v2/users/u%2F1').reply(recorder(seen, () => [200, { data: after, meta: {} }]));
		const result = await run({
			resource: 'user',
			operation: 'update',
			userId: 'u/1',
			updateFields: { timeZone: 'Europe/Berlin', candidateIds: '2e23b4b4, 9f00 ,2e23b4b4,' },
		});
		expect(result.error).toBeUndefined();
		scope.done();
		expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /public/v2/users/u%2F1', 'GET /public/v2/users/u%2F1']);
		expect(seen[0].headers['content-type']).toBe(JSON_API);
		expect(seen[0].body).toEqual({
			data: {
				type: 'users',
				id: 'u/1',
				attributes: { timeZone: 'Europe/Berlin' },
				relationships: {
					candidates: {
						data: [
							{ type: 'candidates', id: '2e23b4b4' },
							{ type: 'candidates', id: '9f00' },
						],
					},
				},
			},
		});
		expect(seen[1].headers['content-type']).toBeUndefined();
		expect(seen[1].body).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ id: 'u/1', ...after.attributes }]);
	});

	it('a 204 PATCH is followed by the fetch too; Simplify off outputs the raw resource', async () => {
		nock(BASE)
			.patch('/public/v2/users/u1', { data: { type: 'users', id: 'u1', attributes: { firstName: 'New', email: 'new@example.com' } } })
			.reply(204)
			.get('/public/v2/users/u1').reply(200, { data: resource(5, 'u1') }, JSON_API_HEADERS);
		const result = await run({
			resource: 'user',
			operation: 'update',
			userId: 'u1',
			simplify: false,
			updateFields: { firstName: 'New', email: 'new@example.com' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([resource(5, 'u1')]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('when the PATCH sends the user back, no second request is made', async () => {
		nock(BASE).patch('/public/v2/users/u1').reply(200, { data: resource(2, 'u1') }, JSON_API_HEADERS);
		const result = await run({ resource: 'user', operation: 'update', userId: 'u1', updateFields: { phone: '123' } });
		expect(result.items.map((i) => i.json)).toEqual([simple(2, 'u1')]);
	});

	it('with nothing to change it fails naming Update Fields, and sends nothing', async () => {
		const result = await run({ resource: 'user', operation: 'update', userId: 'u1', updateFields: { email: '  ' } });
		expect(result.error?.message).toBe('Update Fields: add at least one field to change');
	});

	it('a 404 on the PATCH is the vendor error; a 404 on the fetch too', async () => {
		nock(BASE).patch('/public/v2/users/gone').reply(404, { errors: [{ title: 'Record not found' }] }, JSON_API_HEADERS);
		const patch404 = await run({ resource: 'user', operation: 'update', userId: 'gone', updateFields: { phone: '1' } });
		expect(patch404.error?.message).toBe('Record not found');
		expect(patch404.error?.description).toContain('HTTP status: 404');

		nock(BASE)
			.patch('/public/v2/users/racy').reply(200)
			.get('/public/v2/users/racy').reply(404, { errors: [{ title: 'Record not found', detail: 'deleted meanwhile' }] }, JSON_API_HEADERS);
		const get404 = await run({ resource: 'user', operation: 'update', userId: 'racy', updateFields: { phone: '1' } });
		expect(get404.error?.message).toBe('Record not found');
		expect(get404.error?.description).toContain('Record not found: deleted meanwhile');
	});
});

describe('Recrubo: delete', () => {
	it('DELETEs the encoded ID and outputs { deleted: true, id } for the 204', async () => {
		const seen: Seen[] = [];
		const scope = nock(BASE).delete('/public/v2/users/a%20b%2Fc').reply(recorder(seen, () => [204]));
		const result = await run({ resource: 'user', operation: 'delete', userId: 'a b/c' });
		expect(result.error).toBeUndefined();
		scope.done();
		expect(seen[0].body).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ deleted: true, id: 'a b/c' }]);
	});

	it('a 404 on delete is an error with the vendor message', async () => {
		nock(BASE).delete('/public/v2/users/u9').reply(404, { errors: [{ status: '404', title: 'Record not found' }] }, JSON_API_HEADERS);
		const result = await run({ resource: 'user', operation: 'delete', userId: 'u9' });
		expect(result.error?.message).toBe('Record not found');
		expect(result.items).toEqual([]);
	});
});

describe('Recrubo: example workflow', () => {
	const workflow = exampleWorkflow as unknown as {
		nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
		connections: Record<string, unknown>;
	};
	const nodes = workflow.nodes.filter((n) => n.type === 'n8n-nodes-user-sync.recrubo');

	it('uses only parameters and options the node has', () => {
		const properties = new Recrubo().description.properties;
		expect(nodes.length).toBeGreaterThan(0);
		for (const node of nodes) {
			for (const [name, value] of Object.entries(node.parameters)) {
				const property = properties.find((p) => p.name === name);
				expect(property).toBeDefined();
				if (property?.type === 'collection' && value && typeof value === 'object') {
					const known = (property.options ?? []).map((o) => o.name);
					for (const key of Object.keys(value)) expect(known).toContain(key);
				}
			}
		}
		const names = workflow.nodes.map((n) => n.name);
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(names).toContain(from);
			for (const target of JSON.stringify(outputs).match(/"node":"[^"]+"/g) ?? []) expect(names).toContain(target.slice(8, -1));
		}
	});

	it('its Get Many node sends the filter and sort it shows', async () => {
		const seen: Seen[] = [];
		nock(BASE).get('/public/v2/users').query(true).reply(recorder(seen, () => [200, { data: users(0, 3), meta: { currentPage: 1, maxPage: 1 } }]));
		const getMany = nodes.find((n) => n.parameters.operation === 'getAll')!;
		const result = await run(getMany.parameters);
		expect(result.items).toHaveLength(3);
		expect(Object.fromEntries(seen[0].query)).toEqual({
			'filter[lastName][eql]': 'doe',
			sort: '-createdAt',
			'page[number]': '1',
			'page[size]': '20',
		});
	});
});

describe('Recrubo: create or update', () => {
	/** A Recrubo that keeps its users between runs: list with filters, create, PATCH (204), get. */
	function fakeRecrubo(initial: Array<{ id: string; attributes: Record<string, unknown> }> = []) {
		const db: Array<{ id: string; attributes: Record<string, unknown> }> = initial.map((r) => ({ ...r, attributes: { ...r.attributes } }));
		const seen: Seen[] = [];
		const scope = nock(BASE)
			.persist()
			.get(/^\/public\/v2\/users(\?.*)?$/)
			.reply(
				recorder(seen, (req) => {
					const email = req.query.get('filter[email][eql]');
					const externalId = req.query.get('filter[externalId]');
					const data = db.filter(
						(u) =>
							(email === null || String(u.attributes.email).toLowerCase() === email.toLowerCase()) &&
							(externalId === null || u.attributes.externalId === externalId),
					);
					return [200, { data, meta: { total: data.length, currentPage: 1, maxPage: 1 } }];
				}),
			)
			.post('/public/v2/users')
			.reply(
				recorder(seen, (req) => {
					const attrs = (req.body as { data: { attributes: Record<string, unknown> } }).data.attributes;
					const created = resource(900 + db.length, `new-${db.length + 1}`);
					created.attributes = { ...attributes(0), phone: null, externalId: null, ...attrs } as never;
					db.push(created);
					return [201, { data: created }];
				}),
			)
			.patch(/^\/public\/v2\/users\/[^/]+$/)
			.reply(
				recorder(seen, (req) => {
					const id = decodeURIComponent(req.path.split('/').pop()!);
					const user = db.find((u) => u.id === id);
					if (!user) return [404, { errors: [{ title: 'Record not found' }] }];
					Object.assign(user.attributes, (req.body as { data: { attributes: object } }).data.attributes);
					return [204];
				}),
			)
			.get(/^\/public\/v2\/users\/[^/?]+$/)
			.reply(
				recorder(seen, (req) => {
					const id = decodeURIComponent(req.path.split('/').pop()!);
					const user = db.find((u) => u.id === id);
					return user ? [200, { data: user }] : [404, { errors: [{ title: 'Record not found' }] }];
				}),
			);
		return { db, seen, scope, writes: () => seen.filter((r) => r.method !== 'GET') };
	}

	const upsertParams = (extra: Record<string, unknown> = {}, additionalFields: Record<string, unknown> = {}) => ({
		resource: 'user',
		operation: 'upsert',
		firstName: 'Ann',
		lastName: 'Smith',
		additionalFields: { email: 'ann@example.com', ...additionalFields },
		...extra,
	});

	it('creates the user when none has the email: one lookup by filter[email][eql], one POST', async () => {
		const fake = fakeRecrubo([resource(1)]);
		const result = await run(upsertParams());
		expect(result.error).toBeUndefined();
		expect(fake.seen.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual(['GET /public/v2/users', 'POST /public/v2/users']);
		expect(fake.seen[0].query.get('filter[email][eql]')).toBe('ann@example.com');
		expect(fake.seen[1].body).toEqual({
			data: { type: 'users', attributes: { firstName: 'Ann', lastName: 'Smith', email: 'ann@example.com' } },
		});
		expect(result.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ action: 'created', id: 'new-2', firstName: 'Ann', lastName: 'Smith', email: 'ann@example.com' }),
		]);
	});

	it('updates only the fields that differ (PATCH), then outputs the user as it is now', async () => {
		const fake = fakeRecrubo([resource(1), { ...resource(7), attributes: { ...attributes(7), email: 'Ann@Example.com', firstName: 'Ann' } }]);
		const result = await run(upsertParams({}, { phone: '+31 6 1234' }));
		expect(result.error).toBeUndefined();
		const id = resource(7).id;
		expect(fake.seen.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
			'GET /public/v2/users',
			`PATCH /public/v2/users/${id}`,
			`GET /public/v2/users/${id}`,
		]);
		expect(fake.seen[1].body).toEqual({
			data: { type: 'users', id, attributes: { lastName: 'Smith', phone: '+31 6 1234' } },
		});
		expect(result.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ action: 'updated', id, firstName: 'Ann', lastName: 'Smith', phone: '+31 6 1234', email: 'Ann@Example.com' }),
		]);
	});

	it('writes nothing when the user already has every value (email compared without case)', async () => {
		const existing = { ...resource(7), attributes: { ...attributes(7), firstName: 'Ann', lastName: 'Smith', email: 'ANN@example.com' } };
		const fake = fakeRecrubo([existing]);
		const result = await run(upsertParams());
		expect(result.error).toBeUndefined();
		expect(fake.writes()).toEqual([]);
		expect(result.items.map((i) => i.json)).toEqual([{ action: 'unchanged', id: existing.id, ...existing.attributes }]);
	});

	it('matches on external ID with filter[externalId] when Match On says so', async () => {
		const existing = { ...resource(3), attributes: { ...attributes(3), externalId: 'HR-42' } };
		const fake = fakeRecrubo([existing]);
		const result = await run(upsertParams({ matchOn: 'externalId' }, { email: 'new@example.com', externalId: 'HR-42' }));
		expect(result.error).toBeUndefined();
		expect(fake.seen[0].query.get('filter[externalId]')).toBe('HR-42');
		expect(fake.seen[0].query.get('filter[email][eql]')).toBeNull();
		expect(fake.seen[1].body).toEqual({
			data: { type: 'users', id: existing.id, attributes: { firstName: 'Ann', lastName: 'Smith', email: 'new@example.com' } },
		});
		expect(result.items[0].json.action).toBe('updated');
	});

	it('fails the item, listing the IDs, when several users match; nothing is written', async () => {
		const a = { ...resource(1, 'id-a'), attributes: { ...attributes(1), email: 'ann@example.com' } };
		const b = { ...resource(2, 'id-b'), attributes: { ...attributes(2), email: 'ANN@example.com' } };
		const fake = fakeRecrubo([a, b]);
		const result = await run(upsertParams());
		expect(result.error?.message).toBe('2 Recrubo users match Email "ann@example.com": id-a, id-b');
		expect(fake.writes()).toEqual([]);
	});

	it('the same input twice: created, then unchanged, with one create request in total', async () => {
		const fake = fakeRecrubo();
		const first = await run(upsertParams({}, { timeZone: 'Europe/Amsterdam' }));
		const second = await run(upsertParams({}, { timeZone: 'Europe/Amsterdam' }));
		expect([first.items[0].json.action, second.items[0].json.action]).toEqual(['created', 'unchanged']);
		expect(fake.writes().map((r) => r.method)).toEqual(['POST']);
		expect(fake.db).toHaveLength(1);
	});

	it('without the match key it fails naming the parameter, before any request', async () => {
		const fake = fakeRecrubo();
		const noEmail = await run({ resource: 'user', operation: 'upsert', firstName: 'Ann', lastName: 'Smith', additionalFields: {} });
		expect(noEmail.error?.message).toBe('Email: required to find the user to create or update');
		expect(noEmail.error?.description).toContain('additionalFields.email');
		const badKey = await run(upsertParams({ matchOn: 'fullName' }));
		expect(badKey.error?.message).toBe('Match On: not one of the choices');
		expect(badKey.error?.description).toContain('"fullName"');
		expect(badKey.error?.description).toContain('email, externalId');
		expect(fake.seen).toEqual([]);
	});

	it('Continue On Fail: an ambiguous item becomes an error item and the others go through', async () => {
		const a = { ...resource(1, 'id-a'), attributes: { ...attributes(1), email: 'dup@example.com' } };
		const b = { ...resource(2, 'id-b'), attributes: { ...attributes(2), email: 'dup@example.com' } };
		fakeRecrubo([a, b]);
		const result = await run(
			{ ...upsertParams(), additionalFields: { email: '={{ $json.email }}' } },
			store(),
			{ continueOnFail: true, input: [{ email: 'one@example.com' }, { email: 'dup@example.com' }, { email: 'two@example.com' }] },
		);
		expect(result.items.map((i) => i.json.action ?? i.json.error)).toEqual([
			'created',
			'2 Recrubo users match Email "dup@example.com": id-a, id-b',
			'created',
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
