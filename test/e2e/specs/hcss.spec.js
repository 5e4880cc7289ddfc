/**
 * HCSS inside a real n8n against the stand-in, signing in with n8n's own OAuth2 client
 * credentials flow: get, getByUserName, getAll (all, limited, by business unit), create,
 * update, delete, Return All over 3 pages of 1000, a fetched user's fields, a round trip,
 * and the vendor's error messages.
 */
'use strict';

const local = require('../../../scripts/n8n-local');
const { ours, flow, errorText } = require('../lib/flow');
const standin = require('../lib/standin');
const { uuidFrom } = require('../../standin/server');

const USERS = 2345; // 3 pages of 1000 (the page size the node asks for)
const ROLE = '2d1e4c1a-8f3b-4b8e-9d0a-7c5e2f1a3b4c'; // Foreman
const NORTH = 'c97760ab-e902-4a1a-91c8-6aa61e4eee57'; // North Division

async function token(e2e) {
	const res = await fetch(`${e2e.standin.url}/hcss/identity/connect/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: 'grant_type=client_credentials&client_id=hcss-client&client_secret=hcss-secret&scope=users:read',
	});
	return { Authorization: `Bearer ${(await res.json()).access_token}` };
}

/** Every user of a list query, page by page, straight from the stand-in. */
async function listAll(e2e, auth, query = '') {
	const out = [];
	for (let page = 0; ; page++) {
		const body = await standin.vendorGet(e2e, `/hcss/users/api/v1/Users?page=${page}&pageSize=1000${query}`, auth);
		out.push(...body.items);
		if (page + 1 >= body.totalPages) return out;
	}
}

module.exports = [
	{
		name: 'HCSS: every operation in n8n, Return All over 3 pages, round trip, vendor errors',
		async run(e2e, assert) {
			await standin.reset(e2e, USERS);
			const auth = await token(e2e);
			const all = await listAll(e2e, auth);
			const north = await listAll(e2e, auth, `&businessUnitId=${NORTH}`);
			const knownId = uuidFrom('hcss:10');
			const known = await standin.vendorGet(e2e, `/hcss/users/api/v1/Users/${knownId}`, auth);
			assert.equal(all.length, USERS);

			const opts = { credentials: { hcssOAuth2Api: e2e.credentials.hcssOAuth2Api } };
			const node = (name, parameters, extra = {}) => ours('hcss', name, { resource: 'user', ...parameters }, { ...opts, ...extra });
			const wf = flow('e2e HCSS: every operation', [
				[node('All users', { operation: 'getAll', returnAll: true })],
				[node('First 75', { operation: 'getAll', returnAll: false, limit: 75 })],
				[node('North division', { operation: 'getAll', returnAll: true, filters: { businessUnitId: NORTH } })],
				[node('Known user', { operation: 'get', userId: knownId })],
				[node('Known by user name', { operation: 'getByUserName', userName: known.userName })],
				[
					node('Create', {
						operation: 'create',
						userName: 'e2e.person@example.com',
						firstName: 'Eddie',
						lastName: 'Ende',
						contactMethod: 'Email',
						userRole: ROLE,
						additionalFields: { email: 'e2e.person@example.com', homeBusinessUnit: NORTH, employeeCode: 'EMP-E2E' },
					}),
					node('Get created', { operation: 'get', userId: '={{ $json.id }}' }),
					node('Get created by user name', { operation: 'getByUserName', userName: '={{ $json.userName }}' }),
					node('Update', { operation: 'update', userId: '={{ $json.id }}', updateFields: { lastName: 'Changed', note: 'updated by e2e' } }),
					node('Get updated', { operation: 'get', userId: "={{ $('Create').item.json.id }}" }),
					node('Delete', { operation: 'delete', userId: "={{ $('Create').item.json.id }}" }),
					node('Get deleted', { operation: 'get', userId: "={{ $('Create').item.json.id }}" }, { onError: 'continueRegularOutput' }),
				],
				[node('Duplicate user name', { operation: 'create', userName: known.userName, firstName: 'Dup', lastName: 'Licate', contactMethod: 'Email', userRole: ROLE, additionalFields: { email: 'dup@example.com', homeBusinessUnit: NORTH } }, { onError: 'continueRegularOutput' })],
				[node('Nobody by user name', { operation: 'getByUserName', userName: 'nobody.at.all' }, { onError: 'continueRegularOutput' })],
			]);
			const failing = flow('e2e HCSS: a missing user stops the run', [[node('Missing user', { operation: 'get', userId: '00000000-0000-4000-8000-000000000000' })]]);
			const [res, fail] = await e2e.executeWorkflows([wf, failing]);
			assert.equal(res.error, null, JSON.stringify(res.error));

			assert.equal(res.items['All users'].length, USERS);
			assert.deepEqual(res.items['All users'], all, 'every user, every field, in order');
			assert.deepEqual(res.items['First 75'], all.slice(0, 75));
			assert.ok(north.length > 700);
			assert.deepEqual(res.items['North division'], north);
			assert.deepEqual(res.items['Known user'], [known]);
			assert.deepEqual(res.items['Known by user name'], [known]);

			const [created] = res.items.Create;
			assert.match(created.id, /^[0-9a-f-]{36}$/);
			assert.equal(created.userName, 'e2e.person@example.com');
			assert.equal(created.userRole, ROLE);
			assert.equal(created.homeBusinessUnit, NORTH);
			assert.equal(created.employeeCode, 'EMP-E2E');
			assert.deepEqual(res.items['Get created'], [created]);
			assert.deepEqual(res.items['Get created by user name'], [created]);
			const [updated] = res.items.Update;
			assert.equal(updated.id, created.id);
			assert.equal(updated.lastName, 'Changed');
			assert.equal(updated.note, 'updated by e2e');
			assert.equal(updated.employeeCode, 'EMP-E2E', 'fields not set stay');
			assert.deepEqual(res.items['Get updated'], [updated]);
			assert.deepEqual(res.items.Delete, [{ deleted: true, id: created.id }]);
			assert.match(errorText(res.errors['Get deleted'][0]), /User with id was not found/);
			assert.match(errorText(res.errors['Duplicate user name'][0]), /already exists/);
			assert.match(errorText(res.errors['Nobody by user name'][0]), /Could not find a user with matching username/);

			const reqs = await standin.requests(e2e, 'hcss');
			// (answered ones: n8n's OAuth2 client sends its first request without a token, and retries after a 401)
			const pages = reqs.filter((r) => r.route === 'GET /users/api/v1/Users' && r.status === 200 && /pageSize=1000/.test(r.url) && !/businessUnitId/.test(r.url));
			assert.deepEqual(pages.map((r) => new URL(r.url, 'http://x').searchParams.get('page')), ['0', '1', '2'], 'Return All asked for pages 0, 1 and 2');

			assert.ok(fail.error, 'the run failed');
			assert.ok(fail.nodeErrors['Missing user']);
			assert.match(errorText(fail.error), /User with id was not found|Not Found/);
		},
	},
	{
		name: 'HCSS: a token request the server refuses says so, and what to check (Get and Get Many)',
		async run(e2e, assert) {
			await standin.reset(e2e, 20);
			const good = local.credentialsFor(e2e.standin.url).find((c) => c.type === 'hcssOAuth2Api');
			const bad = { ...good, id: 'UsHcssBadSecret1', name: 'HCSS (wrong client secret)', data: { ...good.data, clientSecret: 'not-the-secret' } };
			await local.importCredentials(e2e.userFolder, [bad]);
			const credentials = { hcssOAuth2Api: { id: bad.id, name: bad.name } };
			const [get, getAll] = await e2e.executeWorkflows([
				flow('e2e HCSS: refused token, Get', [[ours('hcss', 'Get', { resource: 'user', operation: 'get', userId: uuidFrom('hcss:1') }, { credentials })]]),
				flow('e2e HCSS: refused token, Get Many', [[ours('hcss', 'Get Many', { resource: 'user', operation: 'getAll', returnAll: false, limit: 5 }, { credentials })]]),
			]);
			for (const res of [get, getAll]) {
				assert.match(errorText(res.error), /^Failed to acquire OAuth2 access token: Client authentication failed/);
				assert.match(errorText(res.error), /HCSS did not issue an access token: check the Client ID, Client Secret, Scope and Access Token URL/);
				assert.doesNotMatch(JSON.stringify(res.run), /not-the-secret/);
			}
		},
	},
];
