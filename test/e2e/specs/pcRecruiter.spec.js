/**
 * PCRecruiter inside a real n8n against the stand-in: user get and getAll (with and without
 * teams), team getAll, emailAlias getAll, in JSON and in XML (the same items either way),
 * Return All over several pages, a fetched user's fields, and the vendor's error message.
 */
'use strict';

const { ours, flow, errorText } = require('../lib/flow');
const standin = require('../lib/standin');

const USERS = 2345; // 5 pages of 500 (the largest page the node asks for)

/** What the stand-in itself says, through a session of our own. */
async function direct(e2e, path) {
	const login = await fetch(`${e2e.standin.url}/pcr/rest/api/access-token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ Username: 'APIUSER', Password: 'pcr-password', DatabaseId: 'STANDIN.DEMO', ApiKey: 'pcr-api-key', AppId: 'pcr-app-id' }),
	});
	const { SessionId } = await login.json();
	return standin.vendorGet(e2e, `/pcr/rest/api${path}`, { Authorization: `BEARER ${SessionId}` });
}

function operations(node, suffix, format) {
	const o = format ? { options: { format } } : {};
	const oTeams = { options: { ...(format ? { format } : {}), includeTeams: true } };
	return [
		[node(`All users${suffix}`, { resource: 'user', operation: 'getAll', returnAll: true, ...o })],
		[node(`All users with teams${suffix}`, { resource: 'user', operation: 'getAll', returnAll: true, ...oTeams })],
		[node(`First 7${suffix}`, { resource: 'user', operation: 'getAll', returnAll: false, limit: 7, ...o })],
		[node(`Sample${suffix}`, { resource: 'user', operation: 'get', userName: 'SAMPLE', ...o })],
		[node(`Slash name${suffix}`, { resource: 'user', operation: 'get', userName: 'QA/TEAM LEAD', ...o })],
		[node(`Teams${suffix}`, { resource: 'team', operation: 'getAll', ...o })],
		[node(`Aliases${suffix}`, { resource: 'emailAlias', operation: 'getAll', ...o })],
		[node(`Nobody${suffix}`, { resource: 'user', operation: 'get', userName: 'NOBODY', ...o }, { onError: 'continueRegularOutput' })],
	];
}

module.exports = [
	{
		name: 'PCRecruiter: every operation in n8n, JSON and XML alike, Return All over 5 pages, vendor errors',
		async run(e2e, assert) {
			await standin.reset(e2e, USERS);
			const opts = { credentials: { pcRecruiterApi: e2e.credentials.pcRecruiterApi } };
			const node = (name, parameters, extra = {}) => ours('pcRecruiter', name, parameters, { ...opts, ...extra });
			const wf = flow('e2e PCRecruiter: every operation, JSON and XML', [...operations(node, '', null), ...operations(node, ' (XML)', 'xml')]);
			const failing = flow('e2e PCRecruiter: a missing user stops the run', [[node('Missing user', { resource: 'user', operation: 'get', userName: 'NOBODY' })]]);
			const [res, fail] = await e2e.executeWorkflows([wf, failing]);
			assert.equal(res.error, null, JSON.stringify(res.error));

			const expected = (await direct(e2e, '/users?Fields=Teams')).Results;
			assert.equal(expected.length, USERS);
			const withoutTeams = expected.map(({ Teams, ...u }) => u); // eslint-disable-line no-unused-vars

			for (const s of ['', ' (XML)']) {
				const all = res.items[`All users${s}`];
				assert.equal(all.length, USERS, `All users${s}`);
				assert.deepEqual(all, withoutTeams, `All users${s}: every user, every field, in order`);
				assert.deepEqual(res.items[`All users with teams${s}`], expected, `All users with teams${s}`);
				assert.deepEqual(res.items[`First 7${s}`], withoutTeams.slice(0, 7));
				assert.deepEqual(res.items[`Sample${s}`], [
					{ UserName: 'SAMPLE', FullName: 'John Doe', EmailAddress: 'support@mainsequence.net', Phone: '(440) 946-5214', PhoneExt: null, ReplicationNumber: null, ActiveUser: true },
				]);
				assert.equal(res.items[`Slash name${s}`].length, 1);
				assert.equal(res.items[`Slash name${s}`][0].UserName, 'QA/TEAM LEAD');

				// teams: every team any user is in, with its members' user names
				const teams = res.items[`Teams${s}`];
				const want = new Map();
				for (const u of expected) for (const t of u.Teams) (want.get(t.RecordId) || want.set(t.RecordId, { Name: t.Name, RecordId: t.RecordId, Members: [] }).get(t.RecordId)).Members.push(u.UserName);
				assert.equal(teams.length, want.size);
				for (const t of teams) assert.deepEqual(t, want.get(t.RecordId), `team ${t.Name}${s}`);

				assert.deepEqual(res.items[`Aliases${s}`], (await direct(e2e, '/users/EmailAliases')).Results);
				assert.match(errorText(res.errors[`Nobody${s}`][0]), /User 'NOBODY' was not found/);
			}
			// the XML run gave exactly the JSON run's items
			for (const n of ['All users', 'All users with teams', 'First 7', 'Sample', 'Slash name', 'Teams', 'Aliases']) {
				assert.deepEqual(res.items[`${n} (XML)`], res.items[n], `${n}: XML == JSON`);
			}

			// Return All paged: 5 pages of 500 for each of the four full lists (JSON, XML, with/without teams)
			const reqs = await standin.requests(e2e, 'pcRecruiter');
			const pages = reqs.filter((r) => r.route === 'GET /users' && /ResultsPerPage=500/i.test(r.url));
			assert.ok(pages.length >= 4 * 5, `expected at least 20 pages of 500, saw ${pages.length}`);
			assert.ok(reqs.some((r) => r.route === 'GET /users' && /xml/.test(r.headers.accept)), 'XML was asked for');

			assert.ok(fail.error, 'the run failed');
			assert.ok(fail.nodeErrors['Missing user']);
			assert.match(errorText(fail.error), /User 'NOBODY' was not found/);
		},
	},
];
