/**
 * HighQ Publisher inside a real n8n against the stand-in: get (by ID and by email), getAll,
 * create, update (merged), archive, in JSON and in XML (the same items either way), with the
 * access-token and the OAuth2 credential, Return All over 12 pages, and the vendor's errors.
 */
'use strict';

const { ours, flow, errorText } = require('../lib/flow');
const standin = require('../lib/standin');

const USERS = 2345; // 12 pages of 200 (HighQ's largest page)
const TOKEN = { Authorization: 'Bearer highq-access-token' };

/** Every user of a list query, page by page, straight from the stand-in. */
async function listAll(e2e, query) {
	const out = [];
	for (let offset = 0; ; offset += 200) {
		const page = (await standin.vendorGet(e2e, `/highq/acme/api/2/users?fields=all&limit=200&offset=${offset}&${query}`, TOKEN)).users.user;
		out.push(...page);
		if (page.length < 200) return out;
	}
}

function operations(node, s, format, email) {
	const o = format ? { options: { format } } : {};
	const mail = `new.person${format ? '.xml' : ''}@example.com`;
	const reads = [
		[node(`All users${s}`, { operation: 'getAll', returnAll: true, ...o })],
		[node(`First 30${s}`, { operation: 'getAll', returnAll: false, limit: 30, ...o })],
		[node(`Last name Z-A${s}`, { operation: 'getAll', returnAll: false, limit: 250, options: { ...(format ? { format } : {}), sortBy: 'lastname', sortDirection: 'desc' } })],
		[node(`Suspended${s}`, { operation: 'getAll', returnAll: true, filters: { status: 'suspended' }, ...o })],
		[node(`By id${s}`, { operation: 'get', userId: '8', ...o })],
		[node(`By email${s}`, { operation: 'get', userId: email, ...o })],
	];
	const writes = [
		[
			node(`Create${s}`, { operation: 'create', email: mail, firstName: 'New', lastName: 'Person', additionalFields: { jobTitle: 'Associate', phone: '0201234567', department: 'Finance' }, ...o }),
			node(`Get created${s}`, { operation: 'get', userId: '={{ $json.id }}', ...o }),
			node(`Update${s}`, { operation: 'update', userId: '={{ $json.id }}', updateFields: { jobTitle: 'Partner', city: 'Leeds' }, ...o }),
			node(`Get updated${s}`, { operation: 'get', userId: `={{ $('Create${s}').item.json.id }}`, ...o }),
			node(`Archive${s}`, { operation: 'archive', userId: `={{ $('Create${s}').item.json.id }}`, ...o }),
			node(`Get archived${s}`, { operation: 'get', userId: mail, ...o }),
		],
		[node(`Duplicate${s}`, { operation: 'create', email, firstName: 'Taken', lastName: 'Again', ...o }, { onError: 'continueRegularOutput' })],
		[node(`Nobody${s}`, { operation: 'get', userId: 'nobody@example.com', ...o }, { onError: 'continueRegularOutput' })],
	];
	return { reads, writes };
}

module.exports = [
	{
		name: 'HighQ Publisher: every operation in n8n, JSON and XML alike, both credentials, Return All over 12 pages, vendor errors',
		async run(e2e, assert) {
			await standin.reset(e2e, USERS);
			const all = await listAll(e2e, ''); // the API's own order: the node sends no sort unless asked
			const suspended = await listAll(e2e, 'status=suspended');
			const zToA = (await listAll(e2e, 'sort=-lastname')).slice(0, 250);
			const user8 = (await standin.vendorGet(e2e, '/highq/acme/api/2/users/8', TOKEN)).user;
			// user 4's address has a plus in it: it must reach HighQ URL-encoded
			const plus = (await standin.vendorGet(e2e, '/highq/acme/api/2/users/4', TOKEN)).user;
			assert.match(plus.email, /\+/);
			assert.equal(all.length, USERS);
			assert.ok(suspended.length > 200, 'the suspended users span pages');
			const token = { credentials: { highQPublisherApi: e2e.credentials.highQPublisherApi } };
			const oauth = { credentials: { highQPublisherOAuth2Api: e2e.credentials.highQPublisherOAuth2Api } };
			const node = (name, parameters, extra = {}) => ours('highQPublisher', name, { authentication: 'accessToken', resource: 'user', ...parameters }, { ...token, ...extra });
			const json = operations(node, '', null, plus.email);
			const xml = operations(node, ' (XML)', 'xml', plus.email);
			const wf = flow('e2e HighQ Publisher: every operation, JSON and XML', [
				// the chains run top to bottom: every read before the writes that would change the lists
				...json.reads,
				...xml.reads,
				[ours('highQPublisher', 'By id (OAuth2)', { authentication: 'oAuth2', resource: 'user', operation: 'get', userId: '8' }, oauth)],
				...json.writes,
				...xml.writes,
			]);
			const failing = flow('e2e HighQ Publisher: a missing user stops the run', [[node('Missing user', { operation: 'get', userId: 'nobody@example.com' })]]);
			const [res, fail] = await e2e.executeWorkflows([wf, failing]);
			assert.equal(res.error, null, JSON.stringify(res.error));

			for (const s of ['', ' (XML)']) {
				assert.equal(res.items[`All users${s}`].length, USERS, `All users${s}`);
				assert.deepEqual(res.items[`All users${s}`], all, `All users${s}: every user, every field, in order`);
				assert.deepEqual(res.items[`First 30${s}`], all.slice(0, 30));
				assert.deepEqual(res.items[`Suspended${s}`], suspended);
				assert.deepEqual(res.items[`Last name Z-A${s}`], zToA, `Last name Z-A${s}: sorted by the server, 250 over two pages`);
				assert.deepEqual(res.items[`By id${s}`], [user8], `By id${s}: every field of user 8`);
				assert.deepEqual(res.items[`By email${s}`], [plus]);

				const [created] = res.items[`Create${s}`];
				assert.equal(typeof created.id, 'number');
				const [got] = res.items[`Get created${s}`];
				assert.equal(got.id, created.id);
				assert.equal(got.email, `new.person${s ? '.xml' : ''}@example.com`);
				assert.deepEqual(got.name, { firstname: 'New', lastname: 'Person', title: '' });
				assert.equal(got.jobtitle, 'Associate');
				assert.equal(got.department, 'Finance');
				assert.equal(got.phone, '0201234567');
				assert.equal(res.items[`Update${s}`][0].id, created.id);
				const [after] = res.items[`Get updated${s}`];
				assert.equal(after.jobtitle, 'Partner', 'the field set changed');
				assert.equal(after.location.city, 'Leeds');
				assert.equal(after.department, 'Finance', 'fields not set are kept (merged, not wiped)');
				assert.equal(after.phone, '0201234567');
				assert.equal(res.items[`Archive${s}`][0].status, 'archive');
				assert.equal(res.items[`Get archived${s}`][0].status, 'archive');

				assert.match(errorText(res.errors[`Duplicate${s}`][0]), /already exists/);
				assert.match(errorText(res.errors[`Nobody${s}`][0]), /The requested user does not exist/);
			}
			for (const n of ['All users', 'First 30', 'Last name Z-A', 'Suspended', 'By id', 'By email']) {
				assert.deepEqual(res.items[`${n} (XML)`], res.items[n], `${n}: XML == JSON`);
			}
			assert.deepEqual(res.items['By id (OAuth2)'], [user8], 'the OAuth2 credential works too');

			const reqs = await standin.requests(e2e, 'highQ');
			const pages = reqs.filter((r) => r.route === 'GET /api/2/users' && /limit=200/.test(r.url) && !/status=/.test(r.url));
			assert.ok(pages.length >= 2 * 12, `expected 12 pages of 200 per format, saw ${pages.length}`);
			assert.ok(reqs.some((r) => /xml/.test(r.headers.accept || '')), 'XML was asked for');

			assert.ok(fail.error, 'the run failed');
			assert.ok(fail.nodeErrors['Missing user']);
			assert.match(errorText(fail.error), /The requested user does not exist/);
		},
	},
];
