/**
 * Forms On Fire inside a real n8n against the stand-in: get, getAll (search), create,
 * delete, in JSON and in XML (the same items either way), Return All over 10 pages of 250,
 * a fetched user's fields, create -> get -> delete -> get, and the vendor's error messages
 * (including a ResponseStatus error under HTTP 200).
 */
'use strict';

const { ours, flow, errorText } = require('../lib/flow');
const standin = require('../lib/standin');
const { uuidFrom } = require('../../standin/server');

const USERS = 2345; // 10 pages of 250 (the API's largest user page)
const AUTH = 'CompanyId=1234&IntegrationKey=fof-integration-key&format=json';

async function searchAll(e2e, query) {
	const out = [];
	for (let page = 0; ; page++) {
		const body = await standin.vendorGet(e2e, `/fof/api/v2/user/search?${query}&PageNo=${page}&PageSize=250&${AUTH}`);
		out.push(...body.Users);
		if (out.length >= body.TotalRows || body.Users.length === 0) return out;
	}
}

function operations(node, s, format, knownId) {
	const o = format ? { options: { format } } : {};
	const mail = `new.fof${format ? '.xml' : ''}@example.com`;
	const reads = [
		[node(`Everyone${s}`, { operation: 'getAll', returnAll: true, filters: { email: 'example.com' }, ...o })],
		[node(`First 30${s}`, { operation: 'getAll', returnAll: false, limit: 30, filters: { email: 'example.com' }, ...o })],
		[node(`Named Bakker${s}`, { operation: 'getAll', returnAll: true, filters: { name: 'Bakker' }, ...o })],
		[node(`Known user${s}`, { operation: 'get', userId: knownId, ...o })],
	];
	const writes = [
		[
			node(`Create${s}`, {
				operation: 'create',
				firstName: 'Fiona',
				lastName: 'Fire',
				email: mail,
				additionalFields: { externalId: `E2E${format ? 'X' : 'J'}`, type: 'Premium', websiteRole: 'Admin', timeZone: 'Europe/London', doNotEmail: true },
				...o,
			}),
			node(`Get created${s}`, { operation: 'get', userId: '={{ $json.Id }}', ...o }),
			node(`Delete${s}`, { operation: 'delete', userId: '={{ $json.Id }}', ...o }),
			node(`Get deleted${s}`, { operation: 'get', userId: `={{ $('Create${s}').item.json.Id }}`, ...o }, { onError: 'continueRegularOutput' }),
		],
		[node(`Invalid email${s}`, { operation: 'create', firstName: 'No', lastName: 'Mail', email: 'no-at-sign@', ...o }, { onError: 'continueRegularOutput' })],
		[node(`Duplicate${s}`, { operation: 'create', firstName: 'Dup', lastName: 'Licate', email: 'ada.andersen.0@example.com', ...o }, { onError: 'continueRegularOutput' })],
	];
	return { reads, writes };
}

module.exports = [
	{
		name: 'Forms On Fire: every operation in n8n, JSON and XML alike, Return All over 10 pages, vendor errors',
		async run(e2e, assert) {
			await standin.reset(e2e, USERS);
			const everyone = await searchAll(e2e, 'Email=example.com');
			const bakker = await searchAll(e2e, 'Name=Bakker');
			const knownId = uuidFrom('fof:7');
			const known = (await standin.vendorGet(e2e, `/fof/api/v2/user?Id=${knownId}&${AUTH}`)).User;
			assert.equal(everyone.length, USERS);
			assert.ok(bakker.length > 10, 'the stand-in has users named Bakker');
			assert.ok(everyone.some((u) => u.Email === 'ada.andersen.0@example.com'));

			const opts = { credentials: { formsOnFireApi: e2e.credentials.formsOnFireApi } };
			const node = (name, parameters, extra = {}) => ours('formsOnFire', name, { resource: 'user', ...parameters }, { ...opts, ...extra });
			const json = operations(node, '', null, knownId);
			const xml = operations(node, ' (XML)', 'xml', knownId);
			const wf = flow('e2e Forms On Fire: every operation, JSON and XML', [...json.reads, ...xml.reads, ...json.writes, ...xml.writes]);
			const failing = flow('e2e Forms On Fire: a missing user stops the run', [[node('Missing user', { operation: 'get', userId: '00000000-0000-4000-8000-000000000000' })]]);
			const [res, fail] = await e2e.executeWorkflows([wf, failing]);
			assert.equal(res.error, null, JSON.stringify(res.error));

			for (const s of ['', ' (XML)']) {
				assert.equal(res.items[`Everyone${s}`].length, USERS, `Everyone${s}`);
				assert.deepEqual(res.items[`Everyone${s}`], everyone, `Everyone${s}: every user, every field, in order`);
				assert.deepEqual(res.items[`First 30${s}`], everyone.slice(0, 30));
				assert.deepEqual(res.items[`Named Bakker${s}`], bakker);
				assert.deepEqual(res.items[`Known user${s}`], [known], `Known user${s}: every field`);

				const [created] = res.items[`Create${s}`];
				assert.match(created.Id, /^[0-9a-f-]{36}$/);
				assert.equal(created.Email, `new.fof${s ? '.xml' : ''}@example.com`);
				assert.equal(created.Type, 'Premium');
				assert.equal(created.WebsiteRole, 'Admin');
				assert.ok(!('IntegrationKey' in created) && !JSON.stringify(created).includes('fof-integration-key'), 'no secret in the item');
				const [got] = res.items[`Get created${s}`];
				assert.equal(got.Id, created.Id);
				assert.equal(got.FirstName, 'Fiona');
				assert.equal(got.ExternalId, `E2E${s ? 'X' : 'J'}`);
				assert.equal(got.TimeZone, 'Europe/London');
				assert.equal(got.Status, 'Active', 'Do Not Email: the user is active at once, not invited');
				assert.deepEqual(res.items[`Delete${s}`], [{ deleted: true, id: created.Id }]);
				assert.match(errorText(res.errors[`Get deleted${s}`][0]), /User not found/);
				assert.match(errorText(res.errors[`Invalid email${s}`][0]), /not a valid email address/);
				assert.match(errorText(res.errors[`Duplicate${s}`][0]), /already exists/);
			}
			for (const n of ['Everyone', 'First 30', 'Named Bakker', 'Known user']) {
				assert.deepEqual(res.items[`${n} (XML)`], res.items[n], `${n}: XML == JSON`);
			}
			// the key never shows in what n8n keeps of the run
			assert.ok(!JSON.stringify(res.run).includes('fof-integration-key'), 'the integration key is not in the run data');

			const reqs = await standin.requests(e2e, 'formsOnFire');
			const pages = reqs.filter((r) => r.route === 'GET /user/search' && /PageSize=250/.test(r.url) && /Email=example/.test(r.url));
			assert.ok(pages.length >= 2 * 10, `expected 10 pages of 250 per format, saw ${pages.length}`);
			assert.ok(reqs.some((r) => /format=xml/i.test(r.url)), 'XML was asked for');

			assert.ok(fail.error, 'the run failed');
			assert.ok(fail.nodeErrors['Missing user']);
			assert.match(errorText(fail.error), /User not found/);
		},
	},
];
