import nock from 'nock';
import { Workflow, type IDataObject, type INode, type INodeTypes } from 'n8n-workflow';

import { HighQPublisherApi } from '../../credentials/HighQPublisherApi.credentials';
import { HighQPublisherOAuth2Api } from '../../credentials/HighQPublisherOAuth2Api.credentials';
import { HighQPublisher } from '../../nodes/HighQPublisher/HighQPublisher.node';
import { parseXml } from '../../nodes/shared/xml';
import { CredentialStore, runNode } from '../helpers/engine';

const BASE = 'https://acme.highq.test';
const API = '/acme/api/2/users';
const TOKEN = 'tok-Secret-HQ-1';
const OAUTH_TOKEN = 'oauth-Secret-HQ-2';
const CLIENT_SECRET = 'client-Secret-HQ-3';
const XML_HEADERS = { 'Content-Type': 'application/xml' };

function tokenStore() {
	return new CredentialStore({ highQPublisherApi: { baseUrl: `${BASE}/acme/`, accessToken: TOKEN } });
}

function oauthStore() {
	return new CredentialStore({
		highQPublisherOAuth2Api: {
			baseUrl: `${BASE}/acme`,
			clientId: 'client-1',
			clientSecret: CLIENT_SECRET,
			authUrl: `${BASE}/acme/authorise.action`,
			accessTokenUrl: `${BASE}/acme/api/oauth2/token`,
			oauthTokenData: { access_token: OAUTH_TOKEN, token_type: 'Bearer', refresh_token: 'refresh-Secret-HQ-4' },
		},
	});
}

function run(parameters: Record<string, unknown>, extra: Record<string, unknown> = {}, credentials = tokenStore()) {
	return runNode({
		node: new HighQPublisher(),
		credentialTypes: [new HighQPublisherApi(), new HighQPublisherOAuth2Api()],
		parameters: parameters as never,
		credentials,
		...extra,
	});
}

/** The seed's user, as HighQ's JSON gives it. */
function jsonUser(id = 3, email = 'user@domain.com'): IDataObject {
	return {
		id,
		name: { firstname: 'User', lastname: `Name${id}`, title: 'Dr' },
		externalid: '456',
		email,
		phone: '44156680000',
		jobtitle: 'Senior Solution Architect',
		mobile: '441561510000',
		department: 'Development',
		status: 'active',
		organisation: { orgname: 'Organisation Pty Ltd', orgid: 75, orgaddressid: 98 },
		location: {
			addressline1: 'New London House',
			addressline2: '6 London Street',
			city: 'London',
			country: 'United Kingdom',
			postcode: 'EC3R 7LP',
		},
		img: 'http://img.example.com/u.jpg',
		sociallinks: { link: { name: 'LinkedIn', value: 'http://www.linkedin.com/in/user.name' } },
		customlinks: { link: { name: 'My Web', value: 'http://www.mywebsite.com' } },
		messaginglinks: { link: { name: 'Skype', value: 'user.name.skype' } },
		secretaryname: 'Secretary Name',
		secretarymail: 'secretary@domain.com',
		bio: 'Development manager',
		sourcetype: 'AD',
		specialities: 'java,dotNet',
	};
}

/** The same user as HighQ's XML gives it (element names as in the XML documentation). */
function xmlUserBody(id = 3, email = 'user@domain.com'): string {
	return `<user><id>${id}</id><name><firstname>User</firstname><lastname>Name${id}</lastname><title>Dr</title></name>
<externalid>456</externalid><email>${email}</email><phone>44156680000</phone><jobtitle>Senior Solution Architect</jobtitle>
<mobile>441561510000</mobile><department>Development</department><status>active</status>
<organisation><orgname>Organisation Pty Ltd</orgname><orgid>75</orgid><orgaddressid>98</orgaddressid></organisation>
<location><addressline1>New London House</addressline1><addressline2>6 London Street</addressline2><city>London</city><country>United Kingdom</country><postCode>EC3R 7LP</postCode></location>
<img>http://img.example.com/u.jpg</img>
<sociallinks><link><name>LinkedIn</name><value>http://www.linkedin.com/in/user.name</value></link></sociallinks>
<customlink><link><name>My Web</name><value>http://www.mywebsite.com</value></link></customlink>
<messaginglink><link><name>Skype</name><value>user.name.skype</value></link></messaginglink>
<secretaryname>Secretary Name</secretaryname><secretarymail>secretary@domain.com</secretarymail><bio>Development manager</bio>
<sourcetype>AD</sourcetype><specialities>java,dotNet</specialities></user>`;
}

const xmlDoc = (inner: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${inner}`;

const notFoundXml = xmlDoc(
	`<error><summary>The requested user does not exist</summary><ref>108</ref><link>${BASE}/acme/api/2/error/e-77</link></error>`,
);

/** Parses an XML request body the way the node reads XML: without its document element. */
function xmlBody(body: string): { root: string; data: IDataObject } {
	const parsed = parseXml(body, { numbers: ['id', 'orgid', 'orgaddressid'] });
	if (!parsed.data) throw new Error(parsed.refused);
	const [root] = Object.keys(parsed.data);
	return { root, data: parsed.data[root] as IDataObject };
}

beforeEach(() => {
	nock.cleanAll();
	nock.disableNetConnect();
});
afterAll(() => nock.enableNetConnect());

describe('HighQ Publisher: credentials', () => {
	it('Access Token sends Bearer <token> to <instance>/<context>/api/2/users', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' } })
			.get(`${API}/3`)
			.reply(200, { user: jsonUser(3) });
		const result = await run({ resource: 'user', operation: 'get', userId: '3' });
		expect(result.error).toBeUndefined();
		scope.done();
	});

	it('OAuth2 sends the stored access token', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: `Bearer ${OAUTH_TOKEN}` } })
			.get(`${API}/3`)
			.reply(200, { user: jsonUser(3) });
		const result = await run({ authentication: 'oAuth2', resource: 'user', operation: 'get', userId: '3' }, {}, oauthStore());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(jsonUser(3));
		scope.done();
	});

	it('OAuth2 URLs are derived from the instance URL (trailing slash or not) and each credential has a test request', () => {
		const oauth = new HighQPublisherOAuth2Api();
		const byName = Object.fromEntries(oauth.properties.map((p) => [p.name, p]));
		expect(oauth.extends).toEqual(['oAuth2Api']);
		expect(byName.grantType.default).toBe('authorizationCode');
		expect(byName.authUrl.type).toBe('string');
		expect(byName.authUrl.default).toBe('={{$self["baseUrl"].replace(/\\/+$/, "")}}/authorise.action');
		expect(byName.accessTokenUrl.default).toBe('={{$self["baseUrl"].replace(/\\/+$/, "")}}/api/oauth2/token');
		// resolved the way n8n resolves a credential's expressions ($self = the credential's own data)
		const data = { ...Object.fromEntries(oauth.properties.map((p) => [p.name, p.default])), baseUrl: 'https://acme.highq.com/acme/' };
		const node: INode = { id: 'n', name: 'n', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };
		const noType = { description: { properties: [] } };
		const nodeTypes = { getByName: () => noType, getByNameAndVersion: () => noType, getKnownTypes: () => ({}) };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes as unknown as INodeTypes });
		const resolved = workflow.expression.getComplexParameterValue(node, data as never, 'internal', {}, undefined, undefined, data) as IDataObject;
		expect(resolved.authUrl).toBe('https://acme.highq.com/acme/authorise.action');
		expect(resolved.accessTokenUrl).toBe('https://acme.highq.com/acme/api/oauth2/token');
		for (const credential of [oauth, new HighQPublisherApi()]) {
			expect(credential.test.request.url).toBe('/api/2/users');
			expect(credential.documentationUrl).toMatch(/^https:\/\//);
		}
	});
});

describe.each([
	['json', 'application/json'],
	['xml', 'application/xml'],
] as const)('HighQ Publisher in %s', (format, mime) => {
	const options = format === 'xml' ? { format: 'xml' } : {};
	const reply = (
		status: number,
		json: IDataObject | IDataObject[],
		xml: string,
	): [number, string | IDataObject | IDataObject[], Record<string, string>] =>
		format === 'xml' ? [status, xmlDoc(xml), XML_HEADERS] : [status, json, { 'Content-Type': 'application/json' }];

	it('get by numeric ID returns the user, the same item in either format', async () => {
		const scope = nock(BASE, { reqheaders: { accept: mime } })
			.get(`${API}/3`)
			.reply(...reply(200, { user: jsonUser(3) }, xmlUserBody(3)));
		const result = await run({ resource: 'user', operation: 'get', userId: '3', options });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([jsonUser(3)]);
		scope.done();
	});

	it('get by email address encodes it as one path segment', async () => {
		const scope = nock(BASE)
			.get(`${API}/first.last%2Btag%40domain.com`)
			.reply(...reply(200, { user: jsonUser(7, 'first.last+tag@domain.com') }, xmlUserBody(7, 'first.last+tag@domain.com')));
		const result = await run({ resource: 'user', operation: 'get', userId: ' first.last+tag@domain.com ', options });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.email).toBe('first.last+tag@domain.com');
		scope.done();
	});

	it('getAll with Return All pages by offset/limit (200) and stops on a short page', async () => {
		const users = Array.from({ length: 450 }, (_, i) => jsonUser(i + 1, `u${i + 1}@domain.com`));
		const page = (from: number, to: number) =>
			reply(
				200,
				{ users: users.slice(from, to) },
				`<users>${users.slice(from, to).map((u) => xmlUserBody(u.id as number, u.email as string)).join('')}</users>`,
			);
		const scope = nock(BASE, { reqheaders: { accept: mime } })
			.get(API).query({ offset: '0', limit: '200', fields: 'all' }).reply(...page(0, 200))
			.get(API).query({ offset: '200', limit: '200', fields: 'all' }).reply(...page(200, 400))
			.get(API).query({ offset: '400', limit: '200', fields: 'all' }).reply(...page(400, 450));
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true, options });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(450);
		expect(result.items[0].json).toEqual(users[0]);
		expect(result.items[449].json).toEqual(users[449]);
		scope.done();
	});

	it('getAll with Limit asks for no more than it needs', async () => {
		const users = [jsonUser(1, 'a@d.com'), jsonUser(2, 'b@d.com'), jsonUser(3, 'c@d.com')];
		const scope = nock(BASE)
			.get(API).query({ offset: '0', limit: '3', fields: 'all' })
			.reply(...reply(200, { users }, `<users>${users.map((u) => xmlUserBody(u.id as number, u.email as string)).join('')}</users>`));
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: false, limit: 3, options });
		expect(result.items.map((i) => i.json)).toEqual(users);
		scope.done();
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('getAll with one user and with none', async () => {
		const scope = nock(BASE)
			.get(API).query(true).reply(...reply(200, { users: { user: jsonUser(5) } }, `<users>${xmlUserBody(5)}</users>`));
		const one = await run({ resource: 'user', operation: 'getAll', returnAll: true, options });
		expect(one.items.map((i) => i.json)).toEqual([jsonUser(5)]);
		scope.done();
		nock(BASE).get(API).query(true).reply(...reply(200, { users: [] }, '<users/>'));
		const none = await run({ resource: 'user', operation: 'getAll', returnAll: true, options });
		expect(none.error).toBeUndefined();
		expect(none.items).toEqual([]);
	});

	it('getAll sends filters and options as HighQ query parameters', async () => {
		const scope = nock(BASE)
			.get(API)
			.query({
				offset: '0',
				limit: '10',
				search: 'smith',
				status: 'suspended',
				organisations: '12,15',
				organisationgroups: '3',
				usergroups: '7,8',
				departments: 'Legal,IT',
				locations: '4',
				createddate: 'lastmonth',
				modifieddate: '20240105,20240229',
				sort: '-lastname',
				fields: 'id,email,name',
			})
			.reply(...reply(200, { users: [] }, '<users/>'));
		const result = await run({
			resource: 'user',
			operation: 'getAll',
			limit: 10,
			filters: {
				search: 'smith',
				status: 'suspended',
				organisations: '12, 15',
				organisationGroups: '3',
				userGroups: '7 ,8,',
				departments: 'Legal,IT',
				locations: '4',
				createdDate: 'lastmonth',
				modifiedDate: 'range',
				modifiedFrom: '2024-01-05T00:00:00',
				modifiedTo: '2024-02-29T23:00:00.000+01:00',
			},
			options: { ...options, sortBy: 'lastname', sortDirection: 'desc', fields: 'id, email,name' },
		});
		expect(result.error).toBeUndefined();
		scope.done();
	});

	it('create POSTs the user in the chosen format and returns HighQ\'s answer', async () => {
		let sent: unknown;
		let contentType: unknown;
		const scope = nock(BASE, { reqheaders: { accept: mime } })
			.post(API, (body) => {
				sent = body;
				return true;
			})
			.reply(function (_uri, _body) {
				contentType = this.req.headers['content-type'];
				return reply(201, { user: { id: 10, email: 'new@domain.com' } }, '<user><id>10</id><email>new@domain.com</email></user>') as never;
			});
		const result = await run({
			resource: 'user',
			operation: 'create',
			email: 'new@domain.com',
			firstName: 'New',
			lastName: 'Person',
			additionalFields: {
				title: 'Ms',
				jobTitle: 'Counsel',
				orgId: 75,
				postcode: 'EC1 1AA',
				customLinks: { link: [{ name: 'Blog', value: 'https://blog.example.com' }] },
				socialLinks: {
					link: [
						{ name: 'LinkedIn', value: 'https://linkedin.example.com/np' },
						{ name: 'X', value: 'https://x.example.com/np' },
					],
				},
				bio: '',
			},
			options,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ id: 10, email: 'new@domain.com' }]);
		scope.done();
		expect(String(contentType)).toContain(mime);
		const expected = {
			name: { title: 'Ms', firstname: 'New', lastname: 'Person' },
			jobtitle: 'Counsel',
			organisation: { orgid: 75 },
			location: { postcode: 'EC1 1AA' },
			customlinks: { link: { name: 'Blog', value: 'https://blog.example.com' } },
			sociallinks: {
				link: [
					{ name: 'LinkedIn', value: 'https://linkedin.example.com/np' },
					{ name: 'X', value: 'https://x.example.com/np' },
				],
			},
			email: 'new@domain.com',
		};
		if (format === 'json') {
			expect(sent).toEqual({ user: expected });
		} else {
			expect(typeof sent).toBe('string');
			const { root, data } = xmlBody(sent as string);
			expect(root).toBe('user');
			const { customlinks, location, ...rest } = expected;
			expect(data).toEqual({ ...rest, customlink: customlinks, location: { postCode: 'EC1 1AA' } });
		}
	});

	it('update reads the user, changes only the fields set, and PUTs the whole merged user', async () => {
		let sent: unknown;
		const scope = nock(BASE, { reqheaders: { accept: mime } })
			.get(`${API}/3`)
			.reply(...reply(200, { user: jsonUser(3) }, xmlUserBody(3)))
			.put(`${API}/3`, (body) => {
				sent = body;
				return true;
			})
			.reply(...reply(200, { user: { id: 3, email: 'user@domain.com' } }, '<user><id>3</id><email>user@domain.com</email></user>'));
		const result = await run({
			resource: 'user',
			operation: 'update',
			userId: '3',
			updateFields: { lastName: 'Changed', city: 'Leeds', jobTitle: 'Partner', phone: '' },
			options,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ id: 3, email: 'user@domain.com' }]);
		scope.done();
		const before = jsonUser(3);
		const merged: IDataObject = {
			...before,
			name: { ...(before.name as IDataObject), lastname: 'Changed' },
			jobtitle: 'Partner',
			location: { ...(before.location as IDataObject), city: 'Leeds' },
		};
		if (format === 'json') {
			expect(sent).toEqual({ user: merged });
		} else {
			const { root, data } = xmlBody(sent as string);
			expect(root).toBe('user');
			const { customlinks, messaginglinks, location, ...rest } = merged;
			const { postcode, ...place } = location as IDataObject;
			expect(data).toEqual({
				...rest,
				customlink: customlinks,
				messaginglink: messaginglinks,
				location: { ...place, postCode: postcode },
			});
		}
		// the untouched fields survived
		const written = format === 'json' ? ((sent as IDataObject).user as IDataObject) : xmlBody(sent as string).data;
		expect(written.bio).toBe('Development manager');
		expect(written.phone).toBe('44156680000');
		expect((written.name as IDataObject).firstname).toBe('User');
		expect((written.organisation as IDataObject).orgid).toBe(75);
	});

	it('update by email replaces a link list it was given and keeps the others', async () => {
		let sent: unknown;
		const scope = nock(BASE)
			.get(`${API}/user%40domain.com`)
			.reply(...reply(200, { user: jsonUser(3) }, xmlUserBody(3)))
			.put(`${API}/user%40domain.com`, (body) => {
				sent = body;
				return true;
			})
			.reply(200, '');
		const result = await run({
			resource: 'user',
			operation: 'update',
			userId: 'user@domain.com',
			updateFields: { socialLinks: { link: [{ name: 'Mastodon', value: '@u@example.social' }] } },
			options,
		});
		expect(result.error).toBeUndefined();
		const written = format === 'json' ? ((sent as IDataObject).user as IDataObject) : xmlBody(sent as string).data;
		expect(written.sociallinks).toEqual({ link: { name: 'Mastodon', value: '@u@example.social' } });
		expect(written[format === 'json' ? 'customlinks' : 'customlink']).toEqual(jsonUser(3).customlinks);
		// HighQ answered nothing: the item is the user as written
		expect(result.items[0].json.sociallinks).toEqual({ link: { name: 'Mastodon', value: '@u@example.social' } });
		expect(result.items[0].json.bio).toBe('Development manager');
		scope.done();
	});

	it('update of a user that does not exist stops after the read, with HighQ\'s message', async () => {
		nock(BASE).get(`${API}/99`).reply(404, notFoundXml, XML_HEADERS);
		const result = await run({ resource: 'user', operation: 'update', userId: '99', updateFields: { city: 'Leeds' }, options });
		expect(result.error?.message).toBe('The requested user does not exist');
		expect(result.error?.description).toContain('Vendor error code: 108');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('archive POSTs to /archive with no body', async () => {
		let sent: unknown = 'not called';
		const scope = nock(BASE, { reqheaders: { accept: mime } })
			.post(`${API}/42/archive`, (body) => {
				sent = body;
				return true;
			})
			.reply(200, '');
		const result = await run({ resource: 'user', operation: 'archive', userId: '42', options });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ userId: '42', archived: true }]);
		expect(sent === '' || sent === undefined || (typeof sent === 'object' && sent !== null && !Object.keys(sent).length)).toBe(true);
		scope.done();
	});

	it('archive by email returns what HighQ answered', async () => {
		const scope = nock(BASE)
			.post(`${API}/a.b%40domain.com/archive`)
			.reply(...reply(200, { user: { id: 8, status: 'archive' } }, '<user><id>8</id><status>archive</status></user>'));
		const result = await run({ resource: 'user', operation: 'archive', userId: 'a.b@domain.com', options });
		expect(result.items.map((i) => i.json)).toEqual([{ id: 8, status: 'archive' }]);
		scope.done();
	});

	it('a 404 with ref 108 says the user does not exist, with the ref code and link', async () => {
		nock(BASE).get(`${API}/404`).reply(404, notFoundXml, XML_HEADERS);
		const result = await run({ resource: 'user', operation: 'get', userId: '404', options });
		expect(result.error?.message).toBe('The requested user does not exist');
		expect(result.error?.description).toContain('Vendor error code: 108');
		expect(result.error?.description).toContain(`More detail: ${BASE}/acme/api/2/error/e-77`);
		expect(result.error?.description).toContain('HTTP status: 404');
		expect((result.error as { httpCode?: string }).httpCode).toBe('404');
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	});
});

describe('HighQ Publisher: errors and checks', () => {
	it('an XML error body under a JSON request (Accept: application/json) still gives HighQ\'s message', async () => {
		const scope = nock(BASE, { reqheaders: { accept: 'application/json' } })
			.get(`${API}/12345`)
			.reply(404, notFoundXml, XML_HEADERS);
		const result = await run({ resource: 'user', operation: 'get', userId: '12345' });
		scope.done();
		expect(result.error?.message).toBe('The requested user does not exist');
		expect(result.error?.description).toContain('Vendor error code: 108');
		expect(result.error?.description).toContain('/api/2/error/e-77');
	});

	it('an XML validation error on create (ref 104) surfaces its summary; secrets stay out', async () => {
		nock(BASE)
			.post(API)
			.reply(400, xmlDoc('<error><summary>Invalid email address</summary><ref>104</ref><link>x</link></error>'), XML_HEADERS);
		const result = await run(
			{ authentication: 'oAuth2', resource: 'user', operation: 'create', email: 'a@b.co', firstName: 'A', lastName: 'B' },
			{},
			oauthStore(),
		);
		expect(result.error?.message).toBe('Invalid email address');
		expect(result.error?.description).toContain('Vendor error code: 104');
		const dump = JSON.stringify(result.run);
		for (const secret of [TOKEN, OAUTH_TOKEN, CLIENT_SECRET]) expect(dump).not.toContain(secret);
	});

	it.each([
		['abc', 'User ID: neither a numeric user ID nor an email address'],
		['  ', 'User ID: a value is required'],
		['a/../b', 'User ID: neither a numeric user ID nor an email address'],
		['x@y', 'User ID: not a valid email address'],
	])('a bad User ID (%j) fails naming the parameter and sends nothing', async (userId, message) => {
		for (const operation of ['get', 'update', 'archive']) {
			const result = await run({ resource: 'user', operation, userId, updateFields: { city: 'Leeds' } });
			expect(result.error?.message).toBe(message);
		}
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('create checks email, first and last name before sending', async () => {
		const base = { resource: 'user', operation: 'create', email: 'a@b.co', firstName: 'A', lastName: 'B' };
		expect((await run({ ...base, email: 'not-an-email' })).error?.message).toBe('Email: not a valid email address');
		expect((await run({ ...base, firstName: '={{""}}' })).error?.message).toBe('First Name: a value is required');
		expect((await run({ ...base, lastName: '={{" "}}' })).error?.message).toBe('Last Name: a value is required');
		expect(
			(await run({ ...base, additionalFields: { secretaryEmail: 'nope' } })).error?.message,
		).toBe('Secretary Email: not a valid email address');
	});

	it('update with no fields set fails before any request', async () => {
		const result = await run({ resource: 'user', operation: 'update', userId: '3', updateFields: { bio: '  ' } });
		expect(result.error?.message).toBe('Update Fields: set at least one field to change');
		expect(result.error?.description).toBe('Check the "Update Fields" parameter (updateFields).');
	});

	it('getAll with Sort Direction alone sorts by last name', async () => {
		const scope = nock(BASE).get(API).query({ offset: '0', limit: '200', sort: '-lastname', fields: 'all' }).reply(200, { users: [] });
		const result = await run({ resource: 'user', operation: 'getAll', returnAll: true, options: { sortDirection: 'desc' } });
		expect(result.error).toBeUndefined();
		scope.done();
	});

	it('getAll sorts by each of the sort fields HighQ documents, and offers no other', async () => {
		const offered = new HighQPublisher().description.properties
			.find((p) => p.name === 'options')!
			.options!.find((o) => 'name' in o && o.name === 'sortBy') as { options: Array<{ value: string }> };
		expect(offered.options.map((o) => o.value).sort()).toEqual(['created', 'email', 'firstname', 'invited', 'lastlogin', 'lastname', 'organisation', 'status', 'updated']);
		for (const [sortBy, sortDirection, sort] of [
			['status', 'asc', 'status'],
			['invited', 'desc', '-invited'],
			['lastlogin', 'desc', '-lastlogin'],
			['created', 'asc', 'created'],
			['updated', 'desc', '-updated'],
		]) {
			const scope = nock(BASE).get(API).query({ offset: '0', limit: '5', sort, fields: 'all' }).reply(200, { users: [] });
			const result = await run({ resource: 'user', operation: 'getAll', limit: 5, options: { sortBy, sortDirection } });
			expect(result.error).toBeUndefined();
			scope.done();
		}
	});

	it('a saved workflow that sorts by Department or Job Title (no HighQ sort fields) fails naming Sort By, before any request', async () => {
		for (const [sortBy, label] of [
			['department', 'Department'],
			['jobtitle', 'Job Title'],
		]) {
			const scope = nock(BASE).get(API).query(true).reply(200, { users: [] });
			const result = await run({ resource: 'user', operation: 'getAll', returnAll: true, options: { sortBy, sortDirection: 'desc' } });
			expect(result.error?.message).toBe(`Sort By: HighQ cannot sort users by ${label}`);
			expect(result.error?.description).toBe(
				`${label} is not one of the sort fields HighQ documents for its user list (Created, Email, First Name, Invited, Last Login, Last Name, Organisation, Status, Updated); choose one of them, or remove Sort By. Check the "Sort By" parameter (options.sortBy).`,
			);
			expect(scope.isDone()).toBe(false);
			nock.cleanAll();
		}
		const other = await run({ resource: 'user', operation: 'getAll', returnAll: true, options: { sortBy: '={{ "lastname " }}' } });
		expect(other.error?.message).toBe('Sort By: not one of the choices');
		expect(other.error?.description).toContain('The value given was "lastname ";');
	});

	it('getAll refuses an incomplete or reversed date range before any request', async () => {
		const params = { resource: 'user', operation: 'getAll', returnAll: true };
		const missing = await run({ ...params, filters: { createdDate: 'range', createdFrom: '2024-01-01' } });
		expect(missing.error?.message).toBe('Created To: a date is required when the date range is Between');
		const reversed = await run({
			...params,
			filters: { modifiedDate: 'range', modifiedFrom: '2024-03-01', modifiedTo: '2024-02-01' },
		});
		expect(reversed.error?.message).toBe('Modified From: 20240301 is after Modified To (20240201)');
		const invalid = await run({ ...params, filters: { createdDate: 'range', createdFrom: '2024-02-30', createdTo: '2024-03-01' } });
		expect(invalid.error?.message).toBe('Created From: not a date');
		expect(invalid.error?.description).toBe('The value given was "2024-02-30". Check the "Created From" parameter (filters.createdFrom).');
	});

	it('getAll accepts the user list at the top level, under users, or under user', async () => {
		const users = [jsonUser(1, 'a@d.com'), jsonUser(2, 'b@d.com')];
		for (const body of [users, { users }, { users: { user: users } }, { user: users }]) {
			nock(BASE).get(API).query(true).reply(200, body);
			const result = await run({ resource: 'user', operation: 'getAll', returnAll: true });
			expect(result.items.map((i) => i.json)).toEqual(users);
		}
	});

	it('Continue On Fail keeps the other items and pairs each with its input', async () => {
		nock(BASE)
			.get(`${API}/1`).reply(200, { user: jsonUser(1) })
			.get(`${API}/2`).reply(404, notFoundXml, XML_HEADERS)
			.get(`${API}/3`).reply(200, { user: jsonUser(3) });
		const result = await run(
			{ resource: 'user', operation: 'get', userId: '={{$json.id}}' },
			{ input: [{ id: 1 }, { id: 2 }, { id: 3 }], continueOnFail: true },
		);
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.id).toBe(1);
		expect((result.items[1].error as Error).message).toBe('The requested user does not exist');
		expect(result.items[2].json.id).toBe(3);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('HighQ Publisher: the example workflow', () => {
	it('its two HighQ nodes run as configured', async () => {
		const example = require('../../examples/highQPublisher.json') as {
			nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
		};
		const [list, update] = example.nodes.filter((n) => n.type === 'n8n-nodes-user-sync.highQPublisher');
		const associate = { ...jsonUser(3), jobtitle: 'Associate' };
		nock(BASE)
			.get(API)
			.query({ offset: '0', limit: '200', status: 'active', modifieddate: 'lastweek', organisations: '75', sort: 'lastname', fields: 'all' })
			.reply(200, { users: [associate] });
		const listed = await run(list.parameters, {}, oauthStore());
		expect(listed.error).toBeUndefined();
		expect(listed.items.map((i) => i.json)).toEqual([associate]);
		let sent: IDataObject = {};
		nock(BASE)
			.get(`${API}/user%40domain.com`).reply(200, { user: associate })
			.put(`${API}/user%40domain.com`, (body: IDataObject) => {
				sent = body;
				return true;
			})
			.reply(200, { user: { id: 3 } });
		const updated = await run(update.parameters, { input: [associate] }, oauthStore());
		expect(updated.error).toBeUndefined();
		expect(sent).toEqual({ user: { ...associate, jobtitle: 'Senior Associate' } });
	});
});

describe.each([
	['json', 'application/json'],
	['xml', 'application/xml'],
] as const)('HighQ Publisher: create or update in %s', (format, mime) => {
	const options = format === 'xml' ? { format: 'xml' } : {};
	const reply = (status: number, json: IDataObject, xml: string): [number, string | IDataObject, Record<string, string>] =>
		format === 'xml' ? [status, xmlDoc(xml), XML_HEADERS] : [status, json, { 'Content-Type': 'application/json' }];
	const written = (body: unknown): IDataObject =>
		format === 'json' ? ((body as IDataObject).user as IDataObject) : xmlBody(body as string).data;
	const params = (extra: IDataObject = {}) => ({
		resource: 'user',
		operation: 'upsert',
		email: 'user@domain.com',
		firstName: 'User',
		lastName: 'Name3',
		options,
		...extra,
	});

	it('creates the user when the email is unknown (404): one read, one POST', async () => {
		let sent: unknown;
		const scope = nock(BASE, { reqheaders: { accept: mime } })
			.get(`${API}/new%40domain.com`)
			.reply(404, notFoundXml, XML_HEADERS)
			.post(API, (body) => ((sent = body), true))
			.reply(...reply(201, { user: { id: 12, email: 'new@domain.com' } }, '<user><id>12</id><email>new@domain.com</email></user>'));
		const result = await run(params({ email: 'new@domain.com', additionalFields: { city: 'Leeds' } }));
		expect(result.error).toBeUndefined();
		scope.done();
		expect(written(sent)).toEqual({ email: 'new@domain.com', name: { firstname: 'User', lastname: 'Name3' }, location: { city: 'Leeds' } });
		// HighQ answered a summary: the item is the user as sent, completed by the answer
		expect(result.items.map((i) => i.json)).toEqual([
			{ action: 'created', id: 12, email: 'new@domain.com', name: { firstname: 'User', lastname: 'Name3' }, location: { city: 'Leeds' } },
		]);
	});

	it('updates by merging what differs into the user found, PUT to its ID; nothing else is wiped', async () => {
		let sent: unknown;
		const scope = nock(BASE, { reqheaders: { accept: mime } })
			.get(`${API}/user%40domain.com`)
			.reply(...reply(200, { user: jsonUser(3) }, xmlUserBody(3)))
			.put(`${API}/3`, (body) => ((sent = body), true))
			.reply(200, '');
		const result = await run(params({ lastName: 'Changed', additionalFields: { city: 'Leeds', jobTitle: 'Senior Solution Architect' } }));
		expect(result.error).toBeUndefined();
		scope.done();
		const before = jsonUser(3);
		const merged = written(sent);
		expect(merged.name).toEqual({ firstname: 'User', lastname: 'Changed', title: 'Dr' });
		expect(merged.location).toMatchObject({ city: 'Leeds', addressline1: 'New London House', country: 'United Kingdom' });
		expect(merged.bio).toBe(before.bio);
		expect(merged.sociallinks).toEqual(before.sociallinks);
		expect(result.items[0].json).toMatchObject({ action: 'updated', id: 3, name: { lastname: 'Changed' }, bio: 'Development manager' });
	});

	it('writes nothing when the user already has the values (email compared without case)', async () => {
		const scope = nock(BASE, { reqheaders: { accept: mime } })
			.get(`${API}/USER%40domain.com`)
			.reply(...reply(200, { user: jsonUser(3) }, xmlUserBody(3)));
		const result = await run(params({ email: 'USER@domain.com', additionalFields: { city: 'London', orgId: 75 } }));
		expect(result.error).toBeUndefined();
		scope.done();
		expect(nock.pendingMocks()).toEqual([]);
		expect(result.items.map((i) => i.json)).toEqual([{ action: 'unchanged', ...jsonUser(3) }]);
	});

	it('the same input twice: created, then unchanged, one POST in total', async () => {
		let posts = 0;
		let stored: IDataObject | undefined;
		nock(BASE)
			.persist()
			.get(`${API}/ann%40domain.com`)
			.reply(() => (stored ? reply(200, { user: stored }, `<user><id>5</id><email>ann@domain.com</email><name><firstname>Ann</firstname><lastname>Lee</lastname></name></user>`) : [404, notFoundXml, XML_HEADERS]))
			.post(API)
			.reply(() => {
				posts++;
				stored = { id: 5, email: 'ann@domain.com', name: { firstname: 'Ann', lastname: 'Lee' } };
				return reply(201, { user: stored }, '<user><id>5</id><email>ann@domain.com</email><name><firstname>Ann</firstname><lastname>Lee</lastname></name></user>');
			});
		const first = await run(params({ email: 'ann@domain.com', firstName: 'Ann', lastName: 'Lee' }));
		const second = await run(params({ email: 'ann@domain.com', firstName: 'Ann', lastName: 'Lee' }));
		expect([first.items[0]?.json.action, second.items[0]?.json.action]).toEqual(['created', 'unchanged']);
		expect(posts).toBe(1);
	});

	it('a bad email fails naming the parameter, and nothing is sent', async () => {
		const result = await run(params({ email: 'not-an-email' }));
		expect(result.error?.message).toContain('Email');
		expect(result.error?.description).toContain('email');
	});

	it('a refused read (401, and again on n8n\'s one retry) is HighQ\'s error, not a create', async () => {
		nock(BASE).get(`${API}/user%40domain.com`).times(2).reply(401, { message: 'Token expired' });
		const result = await run(params());
		expect(result.error?.message).toBe('Token expired');
	});
});

describe('HighQ Publisher: create or update, ambiguous', () => {
	it('a lookup that lists several users fails the item with their IDs, and writes nothing', async () => {
		const scope = nock(BASE)
			.get(`${API}/user%40domain.com`)
			.reply(200, { users: { user: [jsonUser(3), jsonUser(4)] } });
		const result = await run({ resource: 'user', operation: 'upsert', email: 'user@domain.com', firstName: 'User', lastName: 'Name3' });
		scope.done();
		expect(result.error?.message).toBe('2 HighQ users match Email "user@domain.com": 3, 4');
	});
});
