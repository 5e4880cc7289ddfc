/**
 * The stand-in server answers like the vendors' docs say (shared vendors.md and seeds/):
 * a few routes per vendor through real HTTP.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { start } = require('./server') as {
	start: (o: { port?: number; users?: number }) => Promise<{ url: string; close: () => Promise<void> }>;
};

import { listOptions } from '../../nodes/HighQPublisher/resources/user/getAll';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
	const s = await start({ port: 0, users: 57 });
	url = s.url;
	close = s.close;
});
afterAll(async () => close());

async function get(path: string, headers: Record<string, string> = {}) {
	const res = await fetch(url + path, { headers });
	const text = await res.text();
	let body: Json | undefined;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	return { status: res.status, text, body: body as Json, type: res.headers.get('content-type') ?? '' };
}

async function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
	const res = await fetch(url + path, {
		method,
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await res.text();
	let parsed: Json | undefined;
	try {
		parsed = text ? (JSON.parse(text) as Json) : undefined;
	} catch {
		parsed = undefined;
	}
	return { status: res.status, text, body: parsed };
}

describe('PCRecruiter', () => {
	const login = {
		Username: 'APIUSER',
		Password: 'pcr-password',
		DatabaseId: 'STANDIN.DEMO',
		ApiKey: 'pcr-api-key',
		AppId: 'pcr-app-id',
	};

	it('refuses without a session and with a wrong login', async () => {
		expect((await get('/pcr/rest/api/users')).status).toBe(401);
		const bad = await send('POST', '/pcr/rest/api/access-token', { ...login, Password: 'nope' });
		expect(bad.status).toBe(401);
		expect(bad.body).toHaveProperty('Message');
	});

	it('logs in, pages with TotalRecords, and answers XML with the same data', async () => {
		const { body } = await send('POST', '/pcr/rest/api/access-token', login);
		const auth = { Authorization: `BEARER ${body!.SessionId}` };
		const seen: string[] = [];
		for (let page = 1; page <= 3; page++) {
			const r = await get(`/pcr/rest/api/users?Page=${page}&ResultsPerPage=25`, auth);
			expect(r.body.TotalRecords).toBe(57);
			seen.push(...r.body.Results.map((u: Json) => u.UserName));
		}
		expect(seen).toHaveLength(57);
		expect(new Set(seen).size).toBe(57);
		expect(seen.slice(0, 2)).toEqual(['SAMPLE', 'APIUSER']);

		const one = await get(`/pcr/rest/api/users/${encodeURIComponent('QA/TEAM LEAD')}?Fields=Teams`, auth);
		expect(one.status).toBe(200);
		expect(one.body.UserName).toBe('QA/TEAM LEAD');
		const asXml = await get(`/pcr/rest/api/users/${encodeURIComponent('QA/TEAM LEAD')}`, { ...auth, Accept: 'application/xml' });
		expect(asXml.type).toMatch(/xml/);
		expect(asXml.text).toContain('<UserName>QA/TEAM LEAD</UserName>');
		expect(asXml.text).toContain(`<EmailAddress>${one.body.EmailAddress}</EmailAddress>`);

		const missing = await get('/pcr/rest/api/users/NOBODY', auth);
		expect(missing.status).toBe(404);
		expect(missing.body.Message).toEqual(expect.any(String));

		const teams = await get('/pcr/rest/api/users?Fields=Teams', auth);
		expect(teams.body.Results[0].Teams).toEqual([
			{ Name: 'Sales Team', RecordId: 12345 },
			{ Name: 'East Region', RecordId: 67890 },
		]);
	});
});

describe('Recrubo', () => {
	const auth = { Authorization: 'recrubo-api-key' };

	it('refuses a wrong key with JSON:API errors and accepts Bearer too', async () => {
		const r = await get('/recrubo/public/v2/users', { Authorization: 'wrong' });
		expect(r.status).toBe(401);
		expect(r.body.errors[0]).toMatchObject({ status: '401', title: 'access denied' });
		expect((await get('/recrubo/public/v2/users', { Authorization: 'Bearer recrubo-api-key' })).status).toBe(200);
	});

	it('pages with meta and filters', async () => {
		const ids: string[] = [];
		let maxPage = 1;
		for (let n = 1; n <= maxPage; n++) {
			const r = await get(`/recrubo/public/v2/users?page[number]=${n}&page[size]=20`, auth);
			expect(r.type).toMatch(/application\/vnd\.api\+json/);
			expect(r.body.meta).toMatchObject({ total: 57, totalUnfiltered: 57, currentSize: 20, currentPage: n });
			maxPage = r.body.meta.maxPage;
			ids.push(...r.body.data.map((u: Json) => u.id));
		}
		expect(maxPage).toBe(3);
		expect(new Set(ids).size).toBe(57);
		const f = await get('/recrubo/public/v2/users?filter[firstName][eql]=ada&page[size]=200', auth);
		expect(f.body.data.length).toBeGreaterThan(0);
		expect(f.body.data.every((u: Json) => u.attributes.firstName === 'Ada')).toBe(true);
		expect(f.body.meta.totalUnfiltered).toBe(57);
	});

	it('creates, reads, patches and deletes', async () => {
		const created = await send(
			'POST',
			'/recrubo/public/v2/users',
			{ data: { type: 'users', attributes: { firstName: 'John', lastName: 'Doe', timeZone: 'Europe/Amsterdam' } } },
			{ ...auth, 'content-type': 'application/vnd.api+json' },
		);
		expect(created.status).toBe(201);
		const id = created.body!.data.id;
		const patched = await send('PATCH', `/recrubo/public/v2/users/${id}`, { data: { type: 'users', attributes: { timeZone: 'Europe/Berlin' } } }, auth);
		expect(patched.status).toBe(200);
		expect(patched.text).toBe('');
		const got = await get(`/recrubo/public/v2/users/${id}`, auth);
		expect(got.body.data.attributes).toMatchObject({ fullName: 'John Doe', timeZone: 'Europe/Berlin' });
		expect((await send('DELETE', `/recrubo/public/v2/users/${id}`, '', auth)).status).toBe(204);
		expect((await get(`/recrubo/public/v2/users/${id}`, auth)).status).toBe(404);
		const invalid = await send('POST', '/recrubo/public/v2/users', { data: { type: 'users', attributes: {} } }, auth);
		expect(invalid.status).toBe(422);
		expect(invalid.body!.errors[0].source.pointer).toBe('/data/attributes/firstName');
	});
});

describe('HighQ Publisher', () => {
	const auth = { Authorization: 'Bearer highq-access-token' };

	it('answers errors in XML even to JSON clients', async () => {
		const r = await get('/highq/acme/api/2/users/999999', { ...auth, Accept: 'application/json' });
		expect(r.status).toBe(404);
		expect(r.type).toMatch(/xml/);
		expect(r.text).toMatch(/<error>[\s\S]*<ref>108<\/ref>[\s\S]*<link>.*\/api\/2\/error\//);
		expect((await get('/highq/acme/api/2/users', { Authorization: 'Bearer nope' })).status).toBe(401);
	});

	it('pages by limit/offset and gives the same users in JSON and XML', async () => {
		const all: Json[] = [];
		for (let offset = 0; ; offset += 25) {
			const r = await get(`/highq/acme/api/2/users?fields=all&limit=25&offset=${offset}`, auth);
			const page = r.body.users.user as Json[];
			all.push(...page);
			if (page.length < 25) break;
		}
		expect(all).toHaveLength(57);
		const x = await get('/highq/acme/api/2/users?fields=all&limit=2', { ...auth, Accept: 'application/xml' });
		expect(x.text).toContain(`<user><id>1</id>`);
		expect(x.text).toContain(`<email>${all[1].email}</email>`);
		const byEmail = await get(`/highq/acme/api/2/users/${encodeURIComponent(all[3].email)}`, auth);
		expect(byEmail.body.user.id).toBe(all[3].id);
	});

	it('lists user summaries (id, email, link) unless fields asks for all or for named fields, as HighQ documents', async () => {
		const whole = (await get('/highq/acme/api/2/users/2', auth)).body.user;
		const summary = (await get('/highq/acme/api/2/users?limit=2', auth)).body.users.user as Json[];
		expect(summary[1]).toEqual({ id: 2, email: whole.email, link: `${url}/highq/acme/api/2/users/2` });
		const all = (await get('/highq/acme/api/2/users?limit=2&fields=all', auth)).body.users.user as Json[];
		expect(all[1]).toEqual(whole);
		const some = (await get('/highq/acme/api/2/users?limit=2&fields=id,firstname,lastname,email', auth)).body.users.user as Json[];
		expect(some[1]).toEqual({ id: 2, name: { firstname: whole.name.firstname, lastname: whole.name.lastname }, email: whole.email });
	});

	it('sorts by every Sort By choice the node offers (the documented sort fields), both directions, and refuses any other field', async () => {
		const sortBy = listOptions.find((p) => p.name === 'sortBy')!;
		const choices = (sortBy.options as Array<{ value: string }>).map((o) => o.value);
		// invited, last login, created and updated are not fields of a user: read them from the stand-in's own records
		const records = new Map(((await get('/__users?vendor=highQ')).body as unknown as Json[]).map((u) => [u.id, u]));
		const read: Record<string, (u: Json) => string | number> = {
			created: (u) => records.get(u.id)!.$created,
			email: (u) => u.email.toLowerCase(),
			firstname: (u) => u.name.firstname.toLowerCase(),
			invited: (u) => records.get(u.id)!.$invited,
			lastlogin: (u) => records.get(u.id)!.$lastlogin,
			lastname: (u) => u.name.lastname.toLowerCase(),
			organisation: (u) => u.organisation.orgname.toLowerCase(),
			status: (u) => u.status,
			updated: (u) => records.get(u.id)!.$modified,
		};
		expect(choices.sort()).toEqual(Object.keys(read));
		for (const field of choices) {
			for (const desc of [false, true]) {
				const r = await get(`/highq/acme/api/2/users?fields=all&limit=200&sort=${desc ? '-' : ''}${field}`, auth);
				expect(r.status).toBe(200);
				const values = (r.body.users.user as Json[]).map((u) => read[field](u));
				expect(values).toHaveLength(57);
				expect(new Set(values).size).toBeGreaterThan(2);
				const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
				expect(values).toEqual(desc ? sorted.reverse() : sorted);
			}
		}
		for (const field of ['shoesize', 'department', 'jobtitle']) {
			const bad = await get(`/highq/acme/api/2/users?sort=${field}`, auth);
			expect(bad.status).toBe(400);
			expect(bad.text).toContain(`Invalid sort field: ${field}`);
		}
	});

	it('creates, replaces and archives', async () => {
		const c = await send('POST', '/highq/acme/api/2/users', { user: { email: 'new.user@example.com', name: { firstname: 'New', lastname: 'User' } } }, auth);
		expect(c.status).toBe(201);
		const id = c.body!.user.id;
		const p = await send('PUT', `/highq/acme/api/2/users/${id}`, { user: { email: 'new.user@example.com', name: { firstname: 'Renamed', lastname: 'User' } } }, auth);
		expect(p.status).toBe(200);
		await send('POST', `/highq/acme/api/2/users/${id}/archive`, '', auth);
		const got = await get(`/highq/acme/api/2/users/${id}`, auth);
		expect(got.body.user).toMatchObject({ status: 'archive', name: { firstname: 'Renamed' } });
		const noEmail = await send('POST', '/highq/acme/api/2/users', { user: { name: { firstname: 'X' } } }, auth);
		expect(noEmail.status).toBe(400);
		expect(noEmail.text).toContain('<ref>101</ref>');
	});
});

describe('HCSS', () => {
	async function token(basic: boolean) {
		const form = new URLSearchParams({ grant_type: 'client_credentials', scope: 'users:read users:write' });
		const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
		if (basic) headers.Authorization = `Basic ${Buffer.from('hcss-client:hcss-secret').toString('base64')}`;
		else {
			form.set('client_id', 'hcss-client');
			form.set('client_secret', 'hcss-secret');
		}
		const res = await fetch(`${url}/hcss/identity/connect/token`, { method: 'POST', headers, body: form.toString() });
		return { status: res.status, body: (await res.json()) as Json };
	}

	it('issues client-credentials tokens (body or Basic) and refuses without one', async () => {
		const a = await token(false);
		const b = await token(true);
		expect(a.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String) });
		expect(b.status).toBe(200);
		expect((await get('/hcss/users/api/v1/Users')).status).toBe(401);
	});

	it('pages 0-based with the items envelope, and validates writes', async () => {
		const auth = { Authorization: `Bearer ${(await token(false)).body.access_token}` };
		const ids: string[] = [];
		for (let page = 0; page < 3; page++) {
			const r = await get(`/hcss/users/api/v1/Users?page=${page}&pageSize=25`, auth);
			expect(r.body).toMatchObject({ page, pageSize: 25, totalRecords: 57, totalPages: 3 });
			ids.push(...r.body.items.map((u: Json) => u.id));
		}
		expect(new Set(ids).size).toBe(57);
		const bad = await send('POST', '/hcss/users/api/v1/Users', { userName: 'x', firstName: 'a', lastName: 'b', contactMethod: 'Email', userRole: '1531C1FC-3B2B-453A-BB88-595AF8B2ECDB', homeBusinessUnit: 'B86659FA-D8F1-4909-80B7-59950D3FDD46' }, auth);
		expect(bad.status).toBe(400);
		expect(bad.body!.errors.Email).toEqual(["Email is required when ContactMethod is 'Email'"]);
		const ok = await send('POST', '/hcss/users/api/v1/Users', { userName: 'new.hcss', firstName: 'a', lastName: 'b', email: 'new.hcss@example.com', contactMethod: 'Email', userRole: '1531C1FC-3B2B-453A-BB88-595AF8B2ECDB', homeBusinessUnit: 'B86659FA-D8F1-4909-80B7-59950D3FDD46' }, auth);
		expect(ok.status).toBe(201);
		expect((await send('PATCH', `/hcss/users/api/v1/Users/${ok.body!.id}`, { note: 'hello', email: null }, auth)).status).toBe(204);
		const byName = await get('/hcss/users/api/v1/Users/userName/new.hcss', auth);
		expect(byName.body).toMatchObject({ id: ok.body!.id, note: 'hello', email: 'new.hcss@example.com' });
		expect((await send('DELETE', `/hcss/users/api/v1/Users/${ok.body!.id}`, '', auth)).status).toBe(204);
		expect((await get(`/hcss/users/api/v1/Users/${ok.body!.id}`, auth)).status).toBe(404);
	});
});

describe('Forms On Fire', () => {
	const key = 'CompanyId=1234&IntegrationKey=fof-integration-key';

	it('answers a wrong key with HTTP 200 and a ResponseStatus error', async () => {
		const r = await get('/fof/api/v2/user/search?CompanyId=1234&IntegrationKey=wrong&Email=example.com');
		expect(r.status).toBe(200);
		expect(r.body.ResponseStatus.ErrorCode).toBe('Unauthorized');
	});

	it('pages the search 0-based with TotalRows, JSON and XML alike', async () => {
		const emails: string[] = [];
		for (let p = 0; p < 3; p++) {
			const r = await get(`/fof/api/v2/user/search?${key}&Email=example.com&PageNo=${p}&PageSize=25&format=json`);
			expect(r.body.TotalRows).toBe(57);
			emails.push(...r.body.Users.map((u: Json) => u.Email));
		}
		expect(new Set(emails).size).toBe(57);
		const x = await get(`/fof/api/v2/user/search?${key}&Email=example.com&PageNo=0&PageSize=2&format=xml`);
		expect(x.text).toContain('<TotalRows>57</TotalRows>');
		expect(x.text).toContain(`<Email>${emails[1]}</Email>`);
	});

	it('creates from XML, reads and deletes', async () => {
		const xml =
			'<User xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><CompanyId>1234</CompanyId><Email>xml.user@example.com</Email>' +
			'<FirstName>Xml</FirstName><IntegrationKey>fof-integration-key</IntegrationKey><LastName>User</LastName></User>';
		const res = await fetch(`${url}/fof/api/v2/user?format=json`, { method: 'POST', body: xml, headers: { 'content-type': '' } });
		const created = (await res.json()) as Json;
		expect(created.User).toMatchObject({ FirstName: 'Xml', Email: 'xml.user@example.com' });
		const got = await get(`/fof/api/v2/user?${key}&Id=${created.User.Id}`);
		expect(got.body.User.Email).toBe('xml.user@example.com');
		const del = await fetch(`${url}/fof/api/v2/user?${key}&Id=${created.User.Id}`, { method: 'DELETE' });
		expect(del.status).toBe(200);
		const again = await fetch(`${url}/fof/api/v2/user?${key}&Id=${created.User.Id}`, { method: 'DELETE' });
		expect(again.status).toBe(400);
		expect(((await again.json()) as Json).ResponseStatus.ErrorCode).toBe('NotFound');
	});
});

describe('control API', () => {
	it('counts requests and logins, and resets', async () => {
		const stats = (await get('/__stats')).body;
		expect(stats.vendors.pcRecruiter.logins).toBeGreaterThanOrEqual(2);
		expect(stats.vendors.recrubo.byRoute['GET /users']).toBeGreaterThan(0);
		expect((await send('POST', '/__reset', {})).status).toBe(200);
		expect((await get('/__stats')).body.total).toBe(0);
	});

	it('counts the requests in flight per vendor, and the most at once', async () => {
		const slow = await start({ port: 0, users: 5, latencyMs: 40 } as never);
		try {
			const auth = { authorization: 'recrubo-api-key' };
			await Promise.all([1, 2, 3].map(() => fetch(`${slow.url}/recrubo/public/v2/users`, { headers: auth })));
			await fetch(`${slow.url}/recrubo/public/v2/users`, { headers: auth });
			const stats = (await (await fetch(`${slow.url}/__stats`)).json()) as Json;
			expect(stats.vendors.recrubo).toMatchObject({ requests: 4, inFlight: 0, peakInFlight: 3 });
			expect(stats.vendors.hcss).toMatchObject({ inFlight: 0, peakInFlight: 0 });
		} finally {
			await slow.close();
		}
	});

	it('POST /__users adds, changes and removes users behind the API, and the next listing shows it', async () => {
		const session = (await send('POST', '/pcr/rest/api/access-token', {
			Username: 'APIUSER',
			Password: 'pcr-password',
			DatabaseId: 'STANDIN.DEMO',
			ApiKey: 'pcr-api-key',
			AppId: 'pcr-app-id',
		})).body as Json;
		const list = async () => (await get('/pcr/rest/api/users?ResultsPerPage=500', { Authorization: `BEARER ${session.SessionId}`, Accept: 'application/json' })).body;
		const before = (await list()).Results as Json[];
		const changed = await send('POST', '/__users', {
			vendor: 'pcRecruiter',
			add: [{ UserName: 'NEWHIRE', FullName: 'New Hire', EmailAddress: 'new@example.com', ActiveUser: true }],
			update: [{ id: before[3].UserName, set: { ActiveUser: false, Phone: '1' } }],
			remove: [before[4].UserName],
		});
		expect(changed).toMatchObject({ status: 200, body: { ok: true, users: 57 } });
		const after = (await list()).Results as Json[];
		expect(after.map((u) => u.UserName)).toEqual([...before.filter((_, i) => i !== 4).map((u) => u.UserName), 'NEWHIRE']);
		expect(after[3]).toMatchObject({ ActiveUser: false, Phone: '1' });
		expect(((await get('/__users?vendor=pcRecruiter')).body as Json[]).map((u) => u.UserName)).toEqual(after.map((u) => u.UserName));
		expect((await send('POST', '/__users', { vendor: 'hcss', remove: ['nobody'] })).status).toBe(404);
		expect((await send('POST', '/__users', { vendor: 'nope' })).status).toBe(400);
		await send('POST', '/__reset', {});
	});
});

describe('POST /__throttle', () => {
	it("answers a vendor's next requests 429 with Retry-After, in its error format, and lets logins through", async () => {
		const throttled = await send('POST', '/__throttle', { count: 2, retryAfter: 7 });
		expect(throttled.body).toEqual({ ok: true, vendors: ['pcRecruiter', 'recrubo', 'highQ', 'hcss', 'formsOnFire'], count: 2, retryAfter: '7' });
		const paths = {
			pcRecruiter: '/pcr/rest/api/users',
			recrubo: '/recrubo/public/v2/users',
			highQ: '/highq/acme/api/2/users',
			hcss: '/hcss/users/api/v1/Users',
			formsOnFire: '/fof/api/v2/user/search?CompanyId=1234',
		};
		const bodies: Record<string, string> = {};
		for (const [vendor, path] of Object.entries(paths)) {
			for (let i = 0; i < 2; i++) {
				const res = await fetch(url + path, { headers: { Accept: 'application/json' } });
				expect([vendor, res.status, res.headers.get('retry-after')]).toEqual([vendor, 429, '7']);
				bodies[vendor] = await res.text();
			}
			// the third is answered as usual (here: no credentials)
			expect([vendor, (await get(path, { Accept: 'application/json' })).status]).not.toEqual([vendor, 429]);
		}
		expect(JSON.parse(bodies.pcRecruiter)).toEqual({ Message: 'Too many requests: try again later.' });
		expect(JSON.parse(bodies.recrubo).errors[0]).toEqual({ status: '429', title: 'Too Many Requests', detail: 'Rate limit exceeded: try again later.' });
		expect(bodies.highQ).toMatch(/<error>\s*<summary>Too many requests: try again later.<\/summary>\s*<ref>429<\/ref>/);
		expect(JSON.parse(bodies.hcss)).toMatchObject({ title: 'Too Many Requests', status: 429 });
		expect(JSON.parse(bodies.formsOnFire).ResponseStatus).toEqual({ ErrorCode: 'TooManyRequests', Message: 'Too many requests: try again later.', Errors: [] });

		await send('POST', '/__throttle?vendor=pcRecruiter&count=1', {});
		const login = await send('POST', '/pcr/rest/api/access-token', { Username: 'APIUSER', Password: 'pcr-password', DatabaseId: 'STANDIN.DEMO', ApiKey: 'pcr-api-key', AppId: 'pcr-app-id' });
		expect(login.status).toBe(200);
		expect((await get('/pcr/rest/api/users')).status).toBe(429);
		expect((await send('POST', '/__reset', {})).status).toBe(200);
	});
});
