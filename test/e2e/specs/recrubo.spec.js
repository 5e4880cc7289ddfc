/**
 * Recrubo inside a real n8n against the stand-in: every operation (get, getAll, create,
 * update, delete), Return All over many pages, a fetched user's fields, a create -> get ->
 * update -> get -> delete round trip, and the vendor's error messages.
 */
'use strict';

const { ours, flow, errorText } = require('../lib/flow');
const standin = require('../lib/standin');
const { uuidFrom } = require('../../standin/server');

const USERS = 2345; // 12 pages of 200 (Recrubo's largest page)
const KEY = { Authorization: 'recrubo-api-key', Accept: 'application/vnd.api+json' };

module.exports = [
	{
		name: 'Recrubo: every operation in n8n, Return All over 12 pages, round trip, vendor errors',
		async run(e2e, assert) {
			await standin.reset(e2e, USERS);
			const opts = { credentials: { recruboApi: e2e.credentials.recruboApi } };
			const node = (name, parameters, extra = {}) => ours('recrubo', name, { resource: 'user', ...parameters }, { ...opts, ...extra });
			const knownId = uuidFrom('recrubo:5');
			const wf = flow('e2e Recrubo: every operation', [
				[node('All users', { operation: 'getAll', returnAll: true })],
				[node('First 30', { operation: 'getAll', returnAll: false, limit: 30 })],
				[node('Named Bakker', { operation: 'getAll', returnAll: true, filters: { lastName: 'bakker', matchMode: 'caseInsensitive' } })],
				[node('Known user', { operation: 'get', userId: knownId })],
				[
					node('Create', {
						operation: 'create',
						firstName: 'Eva',
						lastName: 'E2E',
						additionalFields: { email: 'eva.e2e@example.com', externalId: 'E2E-1', phone: '31600000001', timeZone: 'Europe/Berlin' },
					}),
					node('Get created', { operation: 'get', userId: '={{ $json.id }}' }),
					node('Update', { operation: 'update', userId: '={{ $json.id }}', updateFields: { lastName: 'Updated', timeZone: 'Asia/Tokyo' } }),
					node('Get updated', { operation: 'get', userId: "={{ $('Create').item.json.id }}" }),
					node('Delete', { operation: 'delete', userId: "={{ $('Create').item.json.id }}" }),
					node('Get deleted', { operation: 'get', userId: "={{ $('Create').item.json.id }}" }, { onError: 'continueRegularOutput' }),
				],
				[node('Create invalid', { operation: 'create', firstName: 'Bad', lastName: 'Mail', additionalFields: { email: 'not-an-email' } }, { onError: 'continueRegularOutput' })],
				[node('Update missing', { operation: 'update', userId: '00000000-0000-4000-8000-00000000abcd', updateFields: { lastName: 'Nobody' } }, { onError: 'continueRegularOutput' })],
			]);
			const failing = flow('e2e Recrubo: a missing user stops the run', [[node('Missing user', { operation: 'get', userId: '00000000-0000-4000-8000-000000000000' })]]);

			const [res, fail] = await e2e.executeWorkflows([wf, failing]);
			assert.equal(res.error, null, JSON.stringify(res.error));

			// Return All: every user, each once, fetched page by page
			const all = res.items['All users'];
			assert.equal(all.length, USERS);
			assert.equal(new Set(all.map((u) => u.id)).size, USERS);
			const reqs = await standin.requests(e2e, 'recrubo');
			const listPages = reqs.filter((r) => r.route === 'GET /users' && !decodeURIComponent(r.url).includes('filter[')).map((r) => new URL(r.url, 'http://x').searchParams);
			const fullPages = listPages.filter((q) => q.get('page[size]') === '200');
			assert.equal(fullPages.length, 12, `expected 12 pages of 200, saw ${listPages.map((q) => q.toString()).join(' ; ')}`);
			assert.equal(res.items['First 30'].length, 30);
			assert.deepEqual(res.items['First 30'].map((u) => u.id), all.slice(0, 30).map((u) => u.id));

			// a filter goes to the server: the same users it lists itself
			const direct = await standin.vendorGet(e2e, '/recrubo/public/v2/users?filter[lastName][eql]=bakker&page[size]=200', KEY);
			assert.ok(direct.data.length > 10, 'the stand-in has users named Bakker');
			assert.deepEqual(res.items['Named Bakker'].map((u) => u.id).sort(), direct.data.map((u) => u.id).sort());

			// a fetched user: its id and every attribute, flat
			const known = await standin.vendorGet(e2e, `/recrubo/public/v2/users/${knownId}`, KEY);
			assert.deepEqual(res.items['Known user'], [{ id: knownId, ...known.data.attributes }]);

			// create -> get -> update -> get -> delete -> get
			const [created] = res.items.Create;
			assert.match(created.id, /^[0-9a-f-]{36}$/);
			assert.equal(created.fullName, 'Eva E2E');
			assert.equal(created.email, 'eva.e2e@example.com');
			assert.deepEqual(res.items['Get created'], [created]);
			const [updated] = res.items.Update;
			assert.equal(updated.id, created.id);
			assert.equal(updated.lastName, 'Updated');
			assert.equal(updated.timeZone, 'Asia/Tokyo');
			assert.equal(updated.email, 'eva.e2e@example.com', 'fields not updated stay');
			assert.deepEqual(res.items['Get updated'], [updated]);
			assert.deepEqual(res.items.Delete, [{ deleted: true, id: created.id }]);
			assert.match(errorText(res.errors['Get deleted'][0]), /does not exist|not found/i);

			// a bad parameter is named before any request; the vendor's message for what the server refuses
			assert.match(errorText(res.errors['Create invalid'][0]), /Email: not a valid email address.*"not-an-email".*additionalFields\.email/);
			assert.ok(!reqs.some((r) => r.method === 'POST' && (r.body || '').includes('not-an-email')), 'the bad email was never sent');
			assert.match(errorText(res.errors['Update missing'][0]), /User 00000000-0000-4000-8000-00000000abcd does not exist/);

			// without Continue, the run fails with the vendor's message
			assert.ok(fail.error, 'the run failed');
			assert.ok(fail.nodeErrors['Missing user'], 'on the Recrubo node');
			assert.match(errorText(fail.error), /does not exist|Record not found/i);
		},
	},
];
