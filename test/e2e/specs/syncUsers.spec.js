/**
 * Sync Users inside real n8n, on Recrubo and HighQ Publisher: the input is the complete list
 * of people (an HR export: every stand-in user but two leavers, one of them renamed, and a
 * newcomer). Dry Run shows the plan and writes nothing; the live run creates 1, updates 1 and
 * removes the 2 leavers (Recrubo: deleted, HighQ: archived), nothing else; a second live run
 * right after plans nothing and writes nothing. The examples/hr-export-sync.json example runs
 * in examples.spec.js.
 */
'use strict';

const crypto = require('node:crypto');
const standin = require('../lib/standin');

const USERS = 30;
const LEAVERS = [5, 9];
const RENAMED = 2;

const VENDORS = [
	{
		vendor: 'recrubo',
		type: 'recrubo',
		credential: 'recruboApi',
		person: (u) => ({ email: u.attributes.email, firstName: u.attributes.firstName, lastName: u.attributes.lastName }),
		parameters: { matchOn: 'email', firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}', additionalFields: { email: '={{ $json.email }}' } },
		removal: (route) => route.startsWith('DELETE '),
	},
	{
		vendor: 'highQ',
		type: 'highQPublisher',
		credential: 'highQPublisherApi',
		person: (u) => ({ email: u.email, firstName: u.name.firstname, lastName: u.name.lastname }),
		parameters: { authentication: 'accessToken', email: '={{ $json.email }}', firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}', additionalFields: {} },
		removal: (route) => route.startsWith('POST ') && route.endsWith('/archive'),
	},
];

function actions(items) {
	const out = {};
	for (const item of items) out[item.action] = (out[item.action] || 0) + 1;
	return out;
}

function workflow(e2e, v, people, extra) {
	const id = () => crypto.randomUUID();
	const node = (name, type, typeVersion, parameters, more = {}) => ({ id: id(), name, type, typeVersion, position: [0, 0], parameters, ...more });
	return {
		name: `Sync Users e2e (${v.vendor})`,
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, {}),
			node('HR export', 'n8n-nodes-base.set', 3.4, { mode: 'raw', jsonOutput: JSON.stringify({ people }), options: {} }),
			node('People', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'people', options: {} }),
			node('Sync', `n8n-nodes-user-sync.${v.type}`, 1, { resource: 'user', operation: 'sync', removeMissing: true, ...v.parameters, ...extra }, { credentials: { [v.credential]: e2e.credentials[v.credential] } }),
		],
		connections: {
			Start: { main: [[{ node: 'HR export', type: 'main', index: 0 }]] },
			'HR export': { main: [[{ node: 'People', type: 'main', index: 0 }]] },
			People: { main: [[{ node: 'Sync', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** The stand-in's write requests (anything but GET) for a vendor so far, by route. */
async function writes(e2e, vendor) {
	const byRoute = (await standin.stats(e2e)).vendors[vendor].byRoute;
	return Object.entries(byRoute).filter(([route]) => !route.startsWith('GET '));
}

const total = (entries) => entries.reduce((sum, [, n]) => sum + n, 0);

module.exports = VENDORS.map((v) => ({
	name: `Sync Users (${v.vendor}): Dry Run writes nothing, the live run writes the plan, a second run plans nothing`,
	async run(e2e, assert) {
		await standin.reset(e2e, USERS);
		const users = await standin.users(e2e, v.vendor);
		assert.equal(users.length, USERS);
		const people = users.map(v.person).filter((_, i) => !LEAVERS.includes(i));
		people[RENAMED] = { ...people[RENAMED], lastName: `${people[RENAMED].lastName} Moved` };
		people.push({ email: 'new.joiner@example.com', firstName: 'New', lastName: 'Joiner' });
		const run = async (label, extra) => {
			const r = await e2e.executeWorkflow(workflow(e2e, v, people, extra));
			assert.equal(r.error, null, `${label}: ${JSON.stringify(r.error)}`);
			return r.items.Sync;
		};

		const before = total(await writes(e2e, v.vendor));
		const plan = await run('dry run', {});
		assert.deepEqual(actions(plan), { unchanged: USERS - LEAVERS.length - 1, updated: 1, created: 1, removed: 2 });
		assert.ok(plan.every((i) => i.dryRun === true), 'every planned item says dryRun');
		assert.deepEqual(
			plan.filter((i) => i.action === 'removed').map((i) => String(i.id)),
			LEAVERS.map((n) => String(users[n].id)),
		);
		assert.equal(total(await writes(e2e, v.vendor)), before, 'Dry Run sent no write');

		const applied = await run('live', { dryRun: false });
		assert.deepEqual(actions(applied), { unchanged: USERS - LEAVERS.length - 1, updated: 1, created: 1, removed: 2 });
		const written = await writes(e2e, v.vendor);
		assert.equal(total(written.filter(([route]) => v.removal(route))), 2, `two removals: ${JSON.stringify(written)}`);
		assert.equal(total(written) - before, 4, `one create, one update, two removals: ${JSON.stringify(written)}`);
		const stats = (await standin.stats(e2e)).vendors[v.vendor];
		assert.ok(stats.peakInFlight <= 5, `at most 5 requests at once (saw ${stats.peakInFlight})`);

		const again = await run('second live', { dryRun: false });
		assert.deepEqual(actions(again), { unchanged: USERS - LEAVERS.length + 1 });
		assert.equal(total(await writes(e2e, v.vendor)), total(written), 'the second run wrote nothing');
	},
}));
