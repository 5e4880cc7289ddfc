import nock from 'nock';
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { LoggerProxy, type IDataObject, type INodeProperties } from 'n8n-workflow';

import { FormsOnFireApi } from '../../credentials/FormsOnFireApi.credentials';
import { FormsOnFire } from '../../nodes/FormsOnFire/FormsOnFire.node';
import { CredentialStore, loadOptions, runNode, type NodeSetupOptions } from '../helpers/engine';

const BASE = 'https://secure.formsonfire.com';
const API = '/api/v2';
/** Characters that URL encoding changes, so redaction must cover the encoded form too. */
const KEY = 'IK+Secret/Key=42';
const COMPANY = '12345';
const AUTH_QS = { CompanyId: COMPANY, IntegrationKey: KEY };
const ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const ID2 = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

function store(extra: IDataObject = {}) {
	return new CredentialStore({
		formsOnFireApi: { companyId: COMPANY, integrationKey: KEY, ...extra },
	});
}

function run(parameters: Record<string, unknown>, extra: Record<string, unknown> = {}, credentials = store()) {
	return runNode({
		node: new FormsOnFire(),
		credentialTypes: [new FormsOnFireApi()],
		parameters: parameters as never,
		credentials,
		...extra,
	});
}

/** A user as the API sends it in JSON; the secret fields must never reach an item. */
const apiUser = (n: number): IDataObject => ({
	Id: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
	CompanyId: 12345,
	ExternalId: `EXT-${n}`,
	FirstName: `First${n}`,
	LastName: `Last${n}`,
	Email: `user${n}@example.com`,
	Status: 'Active',
	Folders: [ID],
	Groups: [],
	WebsiteRole: 'User',
	IntegrationKey: KEY,
	Password: 'user-password',
});
const itemOf = (user: IDataObject) => {
	const { IntegrationKey: _k, Password: _p, ...rest } = user;
	return rest;
};

function userXml(n: number, root = 'User') {
	const u = apiUser(n);
	return (
		`<${root}><CompanyId>12345</CompanyId><Email>${u.Email}</Email><ExternalId>${u.ExternalId}</ExternalId>` +
		`<FirstName>${u.FirstName}</FirstName><Folders xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><d2p1:guid>${ID}</d2p1:guid></Folders>` +
		`<Groups xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"/><Id>${u.Id}</Id>` +
		`<IntegrationKey>${KEY}</IntegrationKey><LastName>${u.LastName}</LastName><Password>user-password</Password>` +
		`<Status>Active</Status><WebsiteRole>User</WebsiteRole></${root}>`
	);
}

function safeJson(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, v: unknown) => {
		if (v instanceof Error) return { ...v, message: v.message, stack: v.stack };
		if (v !== null && typeof v === 'object') {
			if (seen.has(v)) return '[circular]';
			seen.add(v);
		}
		return v;
	});
}

/**
 * Everything n8n logs during the tests: its winston Logger writes through the console
 * (spied before the Logger is built, since winston keeps the console functions it was
 * given), and LoggerProxy, debug level included, goes to the same list.
 */
const logged: string[] = [];
const capture = (...args: unknown[]) => {
	logged.push(args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' '));
};
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, method).mockImplementation(capture);
Container.get(Logger);
LoggerProxy.init({ error: capture, warn: capture, info: capture, debug: capture });

function expectNoKey(result: { run: unknown }) {
	const dump = JSON.stringify(result.run) + logged.join('\n');
	expect(dump).not.toContain(KEY);
	expect(dump).not.toContain(encodeURIComponent(KEY));
	expect(dump).not.toContain('IK+Secret');
	expect(dump).not.toContain('Secret%2FKey');
}

beforeEach(() => {
	nock.cleanAll();
	nock.disableNetConnect();
	logged.length = 0;
});
afterAll(() => nock.enableNetConnect());

describe('Forms On Fire: get', () => {
	it('sends the key in the query string and returns the user without secret fields', async () => {
		const scope = nock(BASE)
			.get(`${API}/user`)
			.query({ format: 'json', Id: ID, ...AUTH_QS })
			.matchHeader('accept', 'application/json')
			.reply(200, { User: apiUser(1), ResponseStatus: null });
		const result = await run({ resource: 'user', operation: 'get', userId: ` ${ID} ` });
		expect(result.error).toBeUndefined();
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([itemOf(apiUser(1))]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expectNoKey(result);
	});

	it('XML gives the same item as JSON', async () => {
		const xml = `<?xml version="1.0" encoding="utf-8"?><UserResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance">${userXml(1)}<ResponseStatus i:nil="true"/></UserResponse>`;
		nock(BASE).get(`${API}/user`).query({ format: 'json', Id: ID, ...AUTH_QS }).reply(200, { User: apiUser(1) });
		nock(BASE)
			.get(`${API}/user`)
			.query({ format: 'xml', Id: ID, ...AUTH_QS })
			.matchHeader('accept', 'application/xml')
			.reply(200, xml, { 'Content-Type': 'application/xml' });
		const fromJson = await run({ resource: 'user', operation: 'get', userId: ID });
		const fromXml = await run({ resource: 'user', operation: 'get', userId: ID, options: { format: 'xml' } });
		expect(fromXml.error).toBeUndefined();
		expect(fromXml.items.map((i) => i.json)).toEqual(fromJson.items.map((i) => i.json));
		expect(fromXml.items[0].json).toEqual(itemOf(apiUser(1)));
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('refuses a user ID that is not a GUID before sending anything', async () => {
		const scope = nock(BASE).get(/.*/).reply(200, {});
		const result = await run({ resource: 'user', operation: 'get', userId: 'a/../b' });
		expect(result.error?.message).toBe('User ID: not a valid GUID');
		expect(scope.isDone()).toBe(false);
		const empty = await run({ resource: 'user', operation: 'get', userId: '  ' });
		expect(empty.error?.message).toBe('User ID: a value is required');
	});

	it('uses the chosen white-label server, and a custom bare host gets /api/v2', async () => {
		const eforms = nock('https://eforms.mobileform.net').get('/api/v2/user').query(true).reply(200, { User: apiUser(1) });
		const r1 = await run({ resource: 'user', operation: 'get', userId: ID }, {}, store({ baseUrl: 'https://eforms.mobileform.net/api/v2' }));
		expect(r1.error).toBeUndefined();
		eforms.done();
		const custom = nock('https://forms.example.com').get('/api/v2/user').query({ format: 'json', Id: ID, ...AUTH_QS }).reply(200, { User: apiUser(2) });
		const r2 = await run(
			{ resource: 'user', operation: 'get', userId: ID },
			{},
			store({ baseUrl: 'custom', customBaseUrl: ' https://forms.example.com/ ' }),
		);
		expect(r2.error).toBeUndefined();
		custom.done();
		const path = nock('https://private.example.com').get('/fof/api/v2/user').query(true).reply(200, { User: apiUser(3) });
		const r3 = await run(
			{ resource: 'user', operation: 'get', userId: ID },
			{},
			store({ baseUrl: 'custom', customBaseUrl: 'https://private.example.com/fof/api/v2/' }),
		);
		expect(r3.error).toBeUndefined();
		path.done();
	});
});

describe('Forms On Fire: search (getAll)', () => {
	it('needs Name, Email or External ID, and says so before sending anything', async () => {
		const scope = nock(BASE).get(/.*/).reply(200, {});
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true, filters: { status: 'Active', name: '  ' } });
		expect(result.error?.message).toBe('Filters: add a Name, Email or External ID to search by');
		expect(scope.isDone()).toBe(false);
	});

	it('Return All pages PageNo from 0 with PageSize 250 and stops on TotalRows', async () => {
		const all = Array.from({ length: 600 }, (_, i) => apiUser(i));
		const page = (no: number) => ({ format: 'json', Name: 'Smith', PageNo: String(no), PageSize: '250', ...AUTH_QS });
		const scope = nock(BASE)
			.get(`${API}/user/search`).query(page(0)).reply(200, { Users: all.slice(0, 250), TotalRows: 600 })
			.get(`${API}/user/search`).query(page(1)).reply(200, { Users: all.slice(250, 500), TotalRows: 600 })
			.get(`${API}/user/search`).query(page(2)).reply(200, { Users: all.slice(500), TotalRows: 600 });
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true, filters: { name: 'Smith' } });
		expect(result.error).toBeUndefined();
		scope.done();
		expect(result.items).toHaveLength(600);
		expect(result.items[599].json).toEqual(itemOf(all[599]));
		expect(result.items.some((i) => 'IntegrationKey' in i.json || 'Password' in i.json)).toBe(false);
	});

	it('stops on TotalRows even when the last page is full', async () => {
		const all = Array.from({ length: 500 }, (_, i) => apiUser(i));
		const scope = nock(BASE)
			.get(`${API}/user/search`).query((q) => q.PageNo === '0').reply(200, { Users: all.slice(0, 250), TotalRows: 500 })
			.get(`${API}/user/search`).query((q) => q.PageNo === '1').reply(200, { Users: all.slice(250), TotalRows: 500 });
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true, filters: { email: 'example.com' } });
		expect(result.items).toHaveLength(500);
		scope.done();
	});

	it('with Limit asks for no more than it needs and stops early', async () => {
		const scope = nock(BASE)
			.get(`${API}/user/search`)
			.query({ format: 'json', ExternalId: 'EXT', PageNo: '0', PageSize: '3', ...AUTH_QS })
			.reply(200, { Users: [apiUser(1), apiUser(2), apiUser(3)], TotalRows: 900 });
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: false, limit: 3, filters: { externalId: 'EXT' } });
		expect(result.items.map((i) => i.json.FirstName)).toEqual(['First1', 'First2', 'First3']);
		scope.done();
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('sends the filters and switches as the API names them', async () => {
		const scope = nock(BASE)
			.get(`${API}/user/search`)
			.query({
				format: 'json',
				Name: 'Ann',
				Email: 'ann@example.com',
				ExternalId: 'E1',
				Status: 'Invited',
				UseNames: 'true',
				UseExternalIds: 'true',
				IncludeDeletedUserAudits: 'true',
				PageNo: '0',
				PageSize: '250',
				...AUTH_QS,
			})
			.reply(200, { Users: [apiUser(1)], TotalRows: 1 });
		const result = await run({
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: {
				name: 'Ann',
				email: 'ann@example.com',
				externalId: 'E1',
				status: 'Invited',
				useNames: true,
				useExternalIds: true,
				includeDeletedUserAudits: true,
			},
		});
		expect(result.error).toBeUndefined();
		scope.done();
	});

	it('XML gives the same items as JSON, also for a one-user page', async () => {
		const xml = `<UserSearchResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ResponseStatus i:nil="true"/><TotalRows>1</TotalRows><Users>${userXml(7)}</Users></UserSearchResponse>`;
		nock(BASE).get(`${API}/user/search`).query((q) => q.format === 'json').reply(200, { Users: [apiUser(7)], TotalRows: 1 });
		nock(BASE).get(`${API}/user/search`).query((q) => q.format === 'xml').reply(200, xml, { 'Content-Type': 'application/xml' });
		const params = { resource: 'user', operation: 'getAll', returnAll: true, filters: { name: 'x' } };
		const fromJson = await run(params);
		const fromXml = await run({ ...params, options: { format: 'xml' } });
		expect(fromXml.error).toBeUndefined();
		expect(fromXml.items.map((i) => i.json)).toEqual(fromJson.items.map((i) => i.json));
		expect(fromXml.items).toHaveLength(1);
	});
});

describe('Forms On Fire: null members, one rule for JSON and XML', () => {
	// The same users from three servers: JSON that keeps null members, JSON that leaves them
	// out (ServiceStack's default), and XML that writes them as i:nil.
	const withNulls = (n: number): IDataObject => ({ ...apiUser(n), WebsiteRole: null, Country: null, Metadata: null, Groups: [] });
	const withoutNullMembers = (n: number): IDataObject => {
		const { WebsiteRole: _w, Country: _c, Metadata: _m, ...rest } = withNulls(n);
		return rest;
	};
	const nilXml = (n: number) =>
		userXml(n)
			.replace('<WebsiteRole>User</WebsiteRole>', '<WebsiteRole i:nil="true"/>')
			.replace('<Email>', '<Country i:nil="true"/><Email>')
			.replace('<Password>', '<Metadata i:nil="true"/><Password>');
	const expected = (n: number) => itemOf(withoutNullMembers(n));

	it('get: the same item whether the JSON keeps nulls, leaves them out, or the answer is XML', async () => {
		nock(BASE).get(`${API}/user`).query({ format: 'json', Id: ID, ...AUTH_QS }).reply(200, { User: withNulls(1) });
		nock(BASE).get(`${API}/user`).query({ format: 'json', Id: ID, ...AUTH_QS }).reply(200, { User: withoutNullMembers(1) });
		const xml = `<?xml version="1.0" encoding="utf-8"?><UserResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance">${nilXml(1)}<ResponseStatus i:nil="true"/></UserResponse>`;
		nock(BASE).get(`${API}/user`).query({ format: 'xml', Id: ID, ...AUTH_QS }).reply(200, xml, { 'Content-Type': 'application/xml' });
		const keeping = await run({ resource: 'user', operation: 'get', userId: ID });
		const omitting = await run({ resource: 'user', operation: 'get', userId: ID });
		const fromXml = await run({ resource: 'user', operation: 'get', userId: ID, options: { format: 'xml' } });
		for (const result of [keeping, omitting, fromXml]) {
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.json)).toEqual([expected(1)]);
		}
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('search: the same items from both kinds of JSON and from XML, nested nulls too', async () => {
		const nested = (n: number) => ({ ...withNulls(n), UserDevices: [{ Name: 'Phone', PushToken: null }] });
		nock(BASE).get(`${API}/user/search`).query((q) => q.format === 'json').reply(200, { Users: [nested(2), withNulls(3)], TotalRows: 2 });
		const xml =
			'<UserSearchResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ResponseStatus i:nil="true"/><TotalRows>2</TotalRows><Users>' +
			nilXml(2).replace('</User>', '<UserDevices><UserDevice><Name>Phone</Name><PushToken i:nil="true"/></UserDevice></UserDevices></User>') +
			nilXml(3) +
			'</Users></UserSearchResponse>';
		nock(BASE).get(`${API}/user/search`).query((q) => q.format === 'xml').reply(200, xml, { 'Content-Type': 'application/xml' });
		const params = { resource: 'user', operation: 'getAll', returnAll: true, filters: { name: 'x' } };
		const fromJson = await run(params);
		const fromXml = await run({ ...params, options: { format: 'xml' } });
		expect(fromJson.error).toBeUndefined();
		expect(fromJson.items.map((i) => i.json)).toEqual([{ ...expected(2), UserDevices: [{ Name: 'Phone' }] }, expected(3)]);
		expect(fromXml.items.map((i) => i.json)).toEqual(fromJson.items.map((i) => i.json));
	});
});

describe('Forms On Fire: create', () => {
	const params = {
		resource: 'user',
		operation: 'create',
		firstName: 'Ann & <Co>',
		lastName: `O'Neil "AJ"`,
		email: 'ann@example.com',
		additionalFields: {
			type: 'Premium',
			password: 'Pw<&>1',
			externalId: 'E-1',
			timeZone: 'AUS Eastern Standard Time',
			country: 'Australia',
			websiteRole: 'Admin',
			folders: `${ID}, ${ID2}`,
			groups: [ID2],
			doNotEmail: true,
			colorCode: '#ff0000',
			metadataPairs: { pair: [{ key: 'Payroll<Id>', value: 'P&17' }, { key: 'Depot', value: '' }] },
		},
	};
	const METADATA = [{ Key: 'Payroll<Id>', Value: 'P&17' }, { Key: 'Depot', Value: '' }];

	it('JSON: the key and company in the body, not the query string', async () => {
		let sentQuery: unknown;
		const scope = nock(BASE)
			.post(`${API}/user`, {
				CompanyId: 12345,
				IntegrationKey: KEY,
				FirstName: 'Ann & <Co>',
				LastName: `O'Neil "AJ"`,
				Email: 'ann@example.com',
				Type: 'Premium',
				Password: 'Pw<&>1',
				ExternalId: 'E-1',
				TimeZone: 'AUS Eastern Standard Time',
				Country: 'Australia',
				WebsiteRole: 'Admin',
				Folders: [ID, ID2],
				Groups: [ID2],
				DoNotEmail: true,
				ColorCode: '#ff0000',
				Metadata: METADATA,
			})
			.query((q) => {
				sentQuery = q;
				return true;
			})
			.matchHeader('content-type', /^application\/json/)
			.reply(200, { User: { Id: ID, Status: 'Invited', FirstName: null }, ResponseStatus: null });
		const result = await run(params);
		expect(result.error).toBeUndefined();
		scope.done();
		expect(sentQuery).toEqual({ format: 'json' });
		expect(result.items[0].json).toEqual({
			Id: ID,
			Status: 'Invited',
			FirstName: 'Ann & <Co>',
			LastName: `O'Neil "AJ"`,
			Email: 'ann@example.com',
			Type: 'Premium',
			ExternalId: 'E-1',
			TimeZone: 'AUS Eastern Standard Time',
			Country: 'Australia',
			WebsiteRole: 'Admin',
			Folders: [ID, ID2],
			Groups: [ID2],
			DoNotEmail: true,
			ColorCode: '#ff0000',
			Metadata: METADATA,
		});
		expectNoKey(result);
		expect(JSON.stringify(result.run)).not.toContain('Pw<&>1');
	});

	it('XML: the body byte for byte, namespaced, sorted, escaped, key included', async () => {
		const expected =
			'<User xmlns:i="http://www.w3.org/2001/XMLSchema-instance">' +
			'<ColorCode>#ff0000</ColorCode>' +
			'<CompanyId>12345</CompanyId>' +
			'<Country>Australia</Country>' +
			'<DoNotEmail>true</DoNotEmail>' +
			'<Email>ann@example.com</Email>' +
			'<ExternalId>E-1</ExternalId>' +
			'<FirstName>Ann &amp; &lt;Co&gt;</FirstName>' +
			'<Folders xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">' +
			`<d2p1:guid>${ID}</d2p1:guid><d2p1:guid>${ID2}</d2p1:guid></Folders>` +
			'<Groups xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">' +
			`<d2p1:guid>${ID2}</d2p1:guid></Groups>` +
			`<IntegrationKey>${KEY}</IntegrationKey>` +
			'<LastName>O&apos;Neil &quot;AJ&quot;</LastName>' +
			'<Metadata xmlns:d2p1="http://schemas.datacontract.org/2004/07/System.Collections.Generic">' +
			'<d2p1:KeyValuePairOfstringstring><d2p1:key>Payroll&lt;Id&gt;</d2p1:key><d2p1:value>P&amp;17</d2p1:value></d2p1:KeyValuePairOfstringstring>' +
			'<d2p1:KeyValuePairOfstringstring><d2p1:key>Depot</d2p1:key><d2p1:value></d2p1:value></d2p1:KeyValuePairOfstringstring>' +
			'</Metadata>' +
			'<Password>Pw&lt;&amp;&gt;1</Password>' +
			'<TimeZone>AUS Eastern Standard Time</TimeZone>' +
			'<Type>Premium</Type>' +
			'<WebsiteRole>Admin</WebsiteRole>' +
			'</User>';
		let body = '';
		const scope = nock(BASE)
			.post(`${API}/user`, (b) => {
				body = typeof b === 'string' ? b : JSON.stringify(b);
				return true;
			})
			.query({ format: 'xml' })
			.matchHeader('content-type', /^application\/xml/)
			.reply(
				200,
				`<UserResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ResponseStatus i:nil="true"/><User><Id>${ID}</Id><Status>Invited</Status></User></UserResponse>`,
				{ 'Content-Type': 'application/xml' },
			);
		const result = await run({ ...params, options: { format: 'xml' } });
		expect(result.error).toBeUndefined();
		scope.done();
		expect(body).toBe(expected);
		const json = nock(BASE).post(`${API}/user`).query(true).reply(200, { User: { Id: ID, Status: 'Invited' } });
		const fromJson = await run(params);
		json.done();
		expect(result.items.map((i) => i.json)).toEqual(fromJson.items.map((i) => i.json));
	});

	describe('Metadata saved as text, before it took pairs (additionalFields.metadata)', () => {
		const base = { resource: 'user', operation: 'create', firstName: 'A', lastName: 'B', email: 'a@example.com' };
		const sent = () => {
			const bodies: IDataObject[] = [];
			nock(BASE)
				.post(`${API}/user`, (b: IDataObject) => {
					bodies.push(b);
					return true;
				})
				.query(true)
				.reply(200, { User: { Id: ID, Status: 'Invited' } });
			return bodies;
		};

		it('JSON text of an object or of a list of pairs is sent as pairs, after any pairs given', async () => {
			const object = sent();
			const fromObject = await run({ ...base, additionalFields: { metadata: '{"PayrollId": "P-17", "Level": 3}' } });
			expect(fromObject.error).toBeUndefined();
			expect(object[0].Metadata).toEqual([{ Key: 'PayrollId', Value: 'P-17' }, { Key: 'Level', Value: '3' }]);
			const list = sent();
			const both = await run({
				...base,
				additionalFields: { metadata: '[{"Key": "PayrollId", "Value": "P-17"}]', metadataPairs: { pair: [{ key: 'Depot', value: 'North' }] } },
			});
			expect(both.error).toBeUndefined();
			expect(list[0].Metadata).toEqual([{ Key: 'PayrollId', Value: 'P-17' }, { Key: 'Depot', Value: 'North' }]);
		});

		it('other text fails the item naming the parameter, before any request; so does a pair without a key', async () => {
			const text = await run({ ...base, additionalFields: { metadata: 'a<b' } });
			expect(text.error?.message).toBe('Metadata (JSON): expected key/value pairs as JSON');
			expect(text.error?.description).toContain('(additionalFields.metadata)');
			expect(text.error?.description).toContain('The value given began "a<b"');
			const noKey = await run({ ...base, additionalFields: { metadataPairs: { pair: [{ key: 'A', value: '1' }, { key: ' ', value: '2' }] } } });
			expect(noKey.error?.message).toBe('Metadata Key: a value is required');
			expect(noKey.error?.description).toContain('(additionalFields.metadataPairs.pair[1].key)');
			const nested = await run({ ...base, additionalFields: { metadata: '{"a": {"b": 1}}' } });
			expect(nested.error?.message).toBe('Metadata (JSON): expected key/value pairs as JSON');
			expect(nock.pendingMocks()).toEqual([]);
		});
	});

	it('minimal XML body: only what was given, in order', async () => {
		let body = '';
		nock(BASE)
			.post(`${API}/user`, (b) => {
				body = String(b);
				return true;
			})
			.query(true)
			.reply(200, `<UserResponse><User><Id>${ID}</Id><Status>Invited</Status></User></UserResponse>`);
		const result = await run({
			resource: 'user',
			operation: 'create',
			firstName: 'A',
			lastName: 'B',
			email: 'a@b.co',
			options: { format: 'xml' },
		});
		expect(result.error).toBeUndefined();
		expect(body).toBe(
			`<User xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><CompanyId>12345</CompanyId><Email>a@b.co</Email><FirstName>A</FirstName><IntegrationKey>${KEY}</IntegrationKey><LastName>B</LastName></User>`,
		);
		expect(result.items[0].json).toEqual({ Id: ID, Status: 'Invited', FirstName: 'A', LastName: 'B', Email: 'a@b.co' });
	});

	it('a 401 is retried by n8n with the same XML body, the key still in it once', async () => {
		const bodies: string[] = [];
		const scope = nock(BASE)
			.post(`${API}/user`, (b) => {
				bodies.push(String(b));
				return true;
			})
			.query(true)
			.reply(401, 'Unauthorized')
			.post(`${API}/user`, (b) => {
				bodies.push(String(b));
				return true;
			})
			.query(true)
			.reply(200, `<UserResponse><User><Id>${ID}</Id><Status>Invited</Status></User></UserResponse>`);
		const result = await run({ resource: 'user', operation: 'create', firstName: 'A', lastName: 'B', email: 'a@b.co', options: { format: 'xml' } });
		expect(result.error).toBeUndefined();
		scope.done();
		expect(bodies).toHaveLength(2);
		expect(bodies[1]).toBe(bodies[0]);
		expect(bodies[0].split('<IntegrationKey>')).toHaveLength(2);
		expect(bodies[0]).toContain('<FirstName>A</FirstName>');
	});

	it('checks the email and the folder GUIDs before sending anything', async () => {
		const scope = nock(BASE).post(/.*/).reply(200, {});
		const badEmail = await run({ ...params, email: 'not-an-email' });
		expect(badEmail.error?.message).toBe('Email: not a valid email address');
		const badFolder = await run({ ...params, additionalFields: { folders: `${ID}, nope` } });
		expect(badFolder.error?.message).toBe('Folders: not a valid GUID');
		const noName = await run({ ...params, firstName: ' ' });
		expect(noName.error?.message).toBe('First Name: a value is required');
		expect(scope.isDone()).toBe(false);
	});
});

describe('Forms On Fire: delete', () => {
	it.each(['json', 'xml'])('%s: DELETE with the key in the query string outputs { deleted: true, id }', async (format) => {
		const scope = nock(BASE)
			.delete(`${API}/user`)
			.query({ format, Id: ID, ...AUTH_QS })
			.reply(200, format === 'xml' ? '<UserResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ResponseStatus i:nil="true"/></UserResponse>' : '');
		const result = await run({ resource: 'user', operation: 'delete', userId: ID, options: { format } });
		expect(result.error).toBeUndefined();
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([{ deleted: true, id: ID }]);
	});
});

describe('Forms On Fire: errors never carry the key', () => {
	const wrongKey = {
		User: null,
		ResponseStatus: {
			ErrorCode: 'InvalidIntegrationKey',
			Message: `Integration key ${KEY} is not valid for company ${COMPANY}`,
			Errors: [{ ErrorCode: 'Invalid', FieldName: 'IntegrationKey', Message: `'${encodeURIComponent(KEY)}' is not valid` }],
		},
	};

	it('a ResponseStatus error under HTTP 200 is an error, with field errors and no key', async () => {
		nock(BASE).get(`${API}/user`).query(true).reply(200, wrongKey);
		const result = await run({ resource: 'user', operation: 'get', userId: ID });
		expect(result.error?.message).toBe(`Integration key [redacted] is not valid for company ${COMPANY}`);
		expect(result.error?.description).toContain("IntegrationKey: '[redacted]' is not valid");
		expect(result.error?.description).toContain('Vendor error code: InvalidIntegrationKey');
		expect(logged.join('\n')).toContain('Integration key [redacted]');
		expectNoKey(result);
	});

	it('an answer that is neither JSON nor XML keeps what it began with in the description, without the key', async () => {
		nock(BASE).get(`${API}/user`).query(true).reply(200, `Proxy error: upstream said no to IntegrationKey=${encodeURIComponent(KEY)}`, { 'Content-Type': 'text/plain' });
		const result = await run({ resource: 'user', operation: 'get', userId: ID });
		expect(result.error?.message).toBe('The server sent a response that is neither JSON nor XML');
		expect(result.error?.description).toBe('It began: Proxy error: upstream said no to IntegrationKey=[redacted]');
		expectNoKey(result);
	});

	it('the same in XML, for search', async () => {
		const xml =
			'<UserSearchResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ResponseStatus xmlns:d2p1="http://schemas.servicestack.net/types">' +
			`<d2p1:ErrorCode>InvalidIntegrationKey</d2p1:ErrorCode><d2p1:Message>Key ${KEY} refused</d2p1:Message>` +
			'<d2p1:Errors><d2p1:ResponseError><d2p1:ErrorCode>Invalid</d2p1:ErrorCode><d2p1:FieldName>IntegrationKey</d2p1:FieldName><d2p1:Message>Not valid</d2p1:Message></d2p1:ResponseError></d2p1:Errors>' +
			'</ResponseStatus><TotalRows>0</TotalRows><Users/></UserSearchResponse>';
		nock(BASE).get(`${API}/user/search`).query(true).reply(200, xml, { 'Content-Type': 'application/xml' });
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true, filters: { name: 'a' }, options: { format: 'xml' } });
		expect(result.error?.message).toBe('Key [redacted] refused');
		expect(result.error?.description).toContain('IntegrationKey: Not valid');
		expectNoKey(result);
	});

	it('HTTP 400 with a UserResponse (JSON) lists the field errors', async () => {
		nock(BASE)
			.post(`${API}/user`)
			.query(true)
			.reply(400, {
				ResponseStatus: {
					ErrorCode: 'ValidationException',
					Message: 'Validation failed',
					Errors: [
						{ ErrorCode: 'NotEmpty', FieldName: 'Email', Message: 'Email already in use' },
						{ ErrorCode: 'Invalid', FieldName: 'WebsiteRole', Message: 'Unknown role' },
					],
				},
			});
		const result = await run({ resource: 'user', operation: 'create', firstName: 'A', lastName: 'B', email: 'a@b.co' });
		expect(result.error?.message).toBe('Validation failed');
		expect(result.error?.description).toContain('Email: Email already in use\nWebsiteRole: Unknown role');
		expect(result.error?.description).toContain('HTTP status: 400');
		expectNoKey(result);
	});

	it('HTTP 400 with a UserResponse (XML) on delete lists the field errors', async () => {
		const xml =
			'<UserResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ResponseStatus><ErrorCode>NotFound</ErrorCode>' +
			`<Message>No user ${ID} for key ${KEY}</Message><Errors><ResponseError><ErrorCode>NotFound</ErrorCode><FieldName>Id</FieldName><Message>Unknown user</Message></ResponseError></Errors>` +
			'</ResponseStatus></UserResponse>';
		nock(BASE).delete(`${API}/user`).query(true).reply(400, xml, { 'Content-Type': 'application/xml' });
		const result = await run({ resource: 'user', operation: 'delete', userId: ID, options: { format: 'xml' } });
		expect(result.error?.message).toBe(`No user ${ID} for key [redacted]`);
		expect(result.error?.description).toContain('Id: Unknown user');
		expect(result.error?.description).toContain('HTTP status: 400');
		expectNoKey(result);
	});

	it('401, 500 and network failures carry neither the key nor the URL it travels in', async () => {
		// n8n sends a request that got 401 once more after re-authenticating
		nock(BASE).get(`${API}/user`).query(true).times(2).reply(401, `Unauthorized: /api/v2/user?IntegrationKey=${encodeURIComponent(KEY)}`);
		const r401 = await run({ resource: 'user', operation: 'get', userId: ID });
		expect(r401.error?.description).toContain('refused the Company ID or Integration Key');
		expectNoKey(r401);

		nock(BASE).delete(`${API}/user`).query(true).reply(500, { Message: `Crash while deleting with ${KEY}` });
		const r500 = await run({ resource: 'user', operation: 'delete', userId: ID });
		expect(r500.error?.message).toBe('Crash while deleting with [redacted]');
		expectNoKey(r500);

		// A real refused connection: nothing listens on port 1.
		nock.enableNetConnect('127.0.0.1:1');
		const net = await run(
			{ resource: 'user', operation: 'getAll', returnAll: true, filters: { name: 'a' } },
			{},
			store({ baseUrl: 'custom', customBaseUrl: 'http://127.0.0.1:1/api/v2' }),
		);
		expect(net.error?.message).toMatch(/refused the connection/);
		expectNoKey(net);
	});

	it('Continue On Fail keeps the other items, and the failed one carries no key', async () => {
		nock(BASE)
			.get(`${API}/user`).query((q) => q.Id === ID).reply(200, { User: apiUser(1) })
			.get(`${API}/user`).query((q) => q.Id === ID2).reply(200, wrongKey);
		const result = await run(
			{ resource: 'user', operation: 'get', userId: '={{$json.id}}' },
			{ input: [{ id: ID }, { id: ID2 }], continueOnFail: true },
		);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.Id).toBe(apiUser(1).Id);
		expect((result.items[1].error as Error).message).toContain('[redacted]');
		expectNoKey(result);
	});
});

/** lodash's get, which n8n's credential tester applies to a success-body rule. */
const get = jest.requireActual<(object: unknown, path: string) => unknown>('lodash/get');

describe('Forms On Fire: credential', () => {
	it('the test request asks /usergroup/search on the chosen server', () => {
		const test = new FormsOnFireApi().test;
		expect(test.request.url).toBe('/usergroup/search');
		expect(test.request.qs).toEqual({ format: 'json', PageNo: 0, PageSize: 1 });
	});

	it('the test rule fails exactly when ResponseStatus has a non-empty ErrorCode', () => {
		const [rule] = new FormsOnFireApi().test.rules as Array<{ properties: { key: string; value: unknown } }>;
		const fails = (body: unknown) => get(body, rule.properties.key) === rule.properties.value;
		expect(fails({ ResponseStatus: { ErrorCode: 'Unauthorized', Message: 'Bad key' } })).toBe(true);
		expect(fails({ UserGroups: [], TotalRows: 0 })).toBe(false);
		expect(fails({ UserGroups: [], ResponseStatus: null })).toBe(false);
		expect(fails({ ResponseStatus: {} })).toBe(false);
		expect(fails({ ResponseStatus: { ErrorCode: '' } })).toBe(false);
	});
});

describe('Forms On Fire: groups dropdown', () => {
	const groups = (options: NodeSetupOptions['parameters'] = {}) =>
		loadOptions({ node: new FormsOnFire(), credentialTypes: [new FormsOnFireApi()], parameters: options, credentials: store() }, 'getGroups', 'parameters.additionalFields.groups');

	it('lists groups from /usergroup/search by name, in JSON', async () => {
		const scope = nock(BASE)
			.get(`${API}/usergroup/search`)
			.query({ format: 'json', PageNo: '0', PageSize: '250', ...AUTH_QS })
			.reply(200, { UserGroups: [{ Id: ID2, Name: 'Zeta' }, { Id: ID, Name: 'Alpha' }], TotalRows: 2 });
		expect(await groups({ resource: 'user', operation: 'create' })).toEqual([
			{ name: 'Alpha', value: ID },
			{ name: 'Zeta', value: ID2 },
		]);
		scope.done();
	});

	it('pages through every group, 250 a page (the most Usergroup Search allows), PageNo 0, 1, 2', async () => {
		const all = Array.from({ length: 610 }, (_, i) => ({ Id: `00000000-0000-0000-0001-${String(i).padStart(12, '0')}`, Name: `Group ${String(i).padStart(3, '0')}` }));
		const asked: string[] = [];
		nock(BASE)
			.persist()
			.get(`${API}/usergroup/search`)
			.query(true)
			.reply((uri) => {
				const q = new URL(uri, BASE).searchParams;
				asked.push(`PageNo=${q.get('PageNo')} PageSize=${q.get('PageSize')}`);
				const size = Number(q.get('PageSize'));
				const page = Number(q.get('PageNo'));
				return [200, { UserGroups: all.slice(page * size, (page + 1) * size), TotalRows: all.length }];
			});
		const options = await groups();
		expect(options.map((o) => o.value)).toEqual(all.map((g) => g.Id));
		expect(options[609]).toEqual({ name: 'Group 609', value: all[609].Id });
		expect(asked).toEqual(['PageNo=0 PageSize=250', 'PageNo=1 PageSize=250', 'PageNo=2 PageSize=250']);
	});

	it('a refused key surfaces as an error without the key', async () => {
		nock(BASE).get(`${API}/usergroup/search`).query(true).reply(200, { ResponseStatus: { ErrorCode: 'Unauthorized', Message: `Bad key ${KEY}` } });
		const error = await groups().catch((e: unknown) => e as Error);
		expect((error as Error).message).toBe('Bad key [redacted]');
		expect(safeJson(error)).not.toContain(KEY);
		expect(safeJson(error)).not.toContain(encodeURIComponent(KEY));
	});
});

describe('Forms On Fire: example workflow', () => {
	it('uses only parameters and values the node defines', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const workflow = require('../../examples/formsOnFire.json') as { nodes: Array<{ type: string; parameters: IDataObject; credentials?: IDataObject }> };
		const properties = new FormsOnFire().description.properties;
		const ours = workflow.nodes.filter((n) => n.type === 'n8n-nodes-user-sync.formsOnFire');
		expect(ours.length).toBeGreaterThan(0);
		for (const node of ours) {
			expect(Object.keys(node.credentials ?? {})).toEqual(['formsOnFireApi']);
			for (const [name, value] of Object.entries(node.parameters)) {
				const matches = properties.filter((p) => p.name === name);
				expect(matches.length).toBeGreaterThan(0);
				if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
					const inner = new Set(matches.flatMap((p) => ((p.options ?? []) as INodeProperties[]).map((o) => o.name)));
					for (const key of Object.keys(value)) expect(inner).toContain(key);
				}
			}
			const op = properties.find((p) => p.name === 'operation');
			expect((op?.options as Array<{ value: string }>).map((o) => o.value)).toContain(node.parameters.operation);
		}
	});
});

describe('Forms On Fire: create or update (create if missing)', () => {
	const params = (extra: IDataObject = {}) => ({
		resource: 'user',
		operation: 'upsert',
		firstName: 'Ann',
		lastName: 'Lee',
		email: 'ann@example.com',
		additionalFields: { externalId: 'HR-1', password: 'Pw-Secret-9' },
		...extra,
	});
	/** A Forms On Fire that keeps its users between runs: search by email, create. */
	function fakeFof(initial: IDataObject[] = []) {
		const db = initial.map((u) => ({ ...u }));
		const seen: Array<{ method: string; query: URLSearchParams; body: unknown }> = [];
		nock(BASE)
			.persist()
			.get(`${API}/user/search`)
			.query(true)
			.reply(function (uri) {
				const query = new URL(uri, BASE).searchParams;
				seen.push({ method: 'GET', query, body: undefined });
				const email = (query.get('Email') ?? '').toLowerCase();
				const users = db.filter((u) => String(u.Email).toLowerCase().includes(email));
				return [200, { Users: users, TotalRows: users.length, ResponseStatus: {} }];
			})
			.post(`${API}/user`)
			.query(true)
			.reply(function (uri, body) {
				seen.push({ method: 'POST', query: new URL(uri, BASE).searchParams, body });
				const user = { ...(body as IDataObject), Id: `00000000-0000-0000-0000-00000000010${db.length}`, Status: 'Invited' };
				db.push(user);
				return [200, { User: user, ResponseStatus: {} }];
			});
		return { db, seen, writes: () => seen.filter((r) => r.method !== 'GET') };
	}

	it('creates the user when no user has the email, with the key in the POST body only', async () => {
		const fake = fakeFof([{ ...apiUser(1), Email: 'ann@example.com.au' }]);
		const result = await run(params());
		expect(result.error).toBeUndefined();
		expect(fake.seen.map((r) => r.method)).toEqual(['GET', 'POST']);
		expect(Object.fromEntries(fake.seen[0].query)).toMatchObject({ Email: 'ann@example.com', CompanyId: COMPANY, IntegrationKey: KEY, format: 'json' });
		expect(fake.seen[1].body).toEqual({
			CompanyId: 12345,
			IntegrationKey: KEY,
			FirstName: 'Ann',
			LastName: 'Lee',
			Email: 'ann@example.com',
			ExternalId: 'HR-1',
			Password: 'Pw-Secret-9',
		});
		const [item] = result.items;
		expect(item.json).toMatchObject({ action: 'created', Id: '00000000-0000-0000-0000-000000000101', Email: 'ann@example.com', Status: 'Invited' });
		expect(JSON.stringify(item.json)).not.toContain('Pw-Secret-9');
		expect(JSON.stringify(item.json)).not.toContain(KEY);
	});

	it('an existing user (email without regard to case) is output unchanged: no POST, even when other fields differ', async () => {
		const existing = { ...apiUser(4), Email: 'Ann@Example.com', FirstName: 'Annie' };
		const fake = fakeFof([existing]);
		const result = await run(params());
		expect(result.error).toBeUndefined();
		expect(fake.writes()).toEqual([]);
		expect(result.items.map((i) => i.json)).toEqual([{ action: 'unchanged', ...itemOf(existing) }]);
	});

	it('several users with the email: the item fails listing their IDs, nothing is created', async () => {
		const fake = fakeFof([{ ...apiUser(1), Email: 'ann@example.com' }, { ...apiUser(2), Email: 'ANN@example.com' }]);
		const result = await run(params());
		expect(result.error?.message).toBe(`2 Forms On Fire users match Email "ann@example.com": ${apiUser(1).Id}, ${apiUser(2).Id}`);
		expect(fake.writes()).toEqual([]);
	});

	it('the same input twice: created, then unchanged, one POST in total', async () => {
		const fake = fakeFof();
		const first = await run(params());
		const second = await run(params());
		expect([first.items[0]?.json.action, second.items[0]?.json.action]).toEqual(['created', 'unchanged']);
		expect(fake.writes()).toHaveLength(1);
	});

	it('XML: the search is asked for in XML and read the same way', async () => {
		const scope = nock(BASE)
			.get(`${API}/user/search`)
			.query((q) => q.Email === 'user4@example.com' && q.format === 'xml')
			.reply(200, `<UserSearchResponse><Users>${userXml(4)}</Users><TotalRows>1</TotalRows></UserSearchResponse>`, { 'Content-Type': 'application/xml' });
		const result = await run(params({ email: 'user4@example.com', options: { format: 'xml' } }));
		expect(result.error).toBeUndefined();
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([{ action: 'unchanged', ...itemOf(apiUser(4)) }]);
	});

	it('a wrong key (ResponseStatus under 200) fails the lookup without the key in the message', async () => {
		nock(BASE)
			.get(`${API}/user/search`)
			.query(true)
			.reply(200, { ResponseStatus: { ErrorCode: 'Unauthorized', Message: `Invalid IntegrationKey ${KEY}` } });
		const result = await run(params());
		expect(result.error?.message).toContain('Invalid IntegrationKey');
		expect(JSON.stringify(result.error)).not.toContain(KEY);
	});

	it('an email that is blank or invalid (through an expression) fails naming the parameter, before any request', async () => {
		const fake = fakeFof();
		const blank = await run(params({ email: '={{ "  " }}' }));
		expect(blank.error?.message).toBe('Email: a value is required');
		const invalid = await run(params({ email: '={{ "ann@" }}' }));
		expect(invalid.error?.message).toContain('Email');
		expect(fake.seen).toEqual([]);
	});
});
