/**
 * The directory triggers in a running n8n (`n8n start`), polled on n8n's own schedule:
 *
 * 1. One workflow per trigger (PCRecruiter, Recrubo, HighQ Publisher, HCSS) and the
 *    joiners-movers-leavers example are created and activated through the REST API, as the
 *    editor does; activation runs each trigger's first poll (the baseline).
 * 2. Behind n8n's back, in the stand-in: per vendor 2 users added, 1 changed, 1 removed and,
 *    where the vendor has a status, 1 deactivated. The next scheduled poll (a custom cron with
 *    a fixed second: n8n allows no more than one poll a minute) must report exactly that, and
 *    the example must create or update the joiners and the mover in Recrubo and HighQ, delete
 *    the leaver in Recrubo and archive them in HighQ (checked in the stand-in).
 * 3. One poll later: the PCRecruiter and HCSS users removed in 2 come back (created), and the
 *    Recrubo and HighQ triggers report what the example wrote: the joiners created, the mover
 *    updated, the leaver removed (deleted in Recrubo, deactivated = archived in HighQ).
 *
 * Events are read back from n8n's executions (GET /rest/executions/:id).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const local = require('../../../scripts/n8n-local');
const { Rest } = require('../lib/rest');
const { users: usersOf, changeUsers: change, reset, requests } = require('../lib/standin');
const { VENDORS } = require('../lib/triggerVendors');

const EXAMPLE = path.join(__dirname, '..', '..', '..', 'examples', 'joiners-movers-leavers.json');
const USERS = 40;

function log(msg) {
	process.stderr.write(`[e2e]   ${msg}\n`);
}

/**
 * Poll times for the two scheduled polls of the test: at `second` of the minutes of `at` and the
 * minute after (a fixed second: n8n allows no more than one poll a minute).
 */
function pollTimes(at, offset = 0) {
	const first = new Date(at.getTime() + offset * 1000);
	const minutes = `${first.getUTCMinutes()},${(first.getUTCMinutes() + 1) % 60}`;
	return { item: [{ mode: 'custom', cronExpression: `${first.getUTCSeconds()} ${minutes} * * * *` }] };
}

/** The time of the first scheduled poll: 50 s or more from now, at a second below 30 (the example polls 30 s later). */
function firstPoll() {
	const at = new Date(Math.ceil((Date.now() + 50_000) / 1000) * 1000);
	if (at.getUTCSeconds() >= 30) at.setUTCSeconds(60);
	return at;
}

/** Waits until n8n has run the workflow's first poll at activation (the baseline is in its static data). */
async function baseline(rest, id, nodeName, timeoutMs = 120_000) {
	const t0 = Date.now();
	for (;;) {
		const workflow = await rest.call('GET', `/workflows/${id}`);
		const data = workflow.staticData && workflow.staticData[`node:${nodeName}`];
		if (data && data.snapshot) return;
		if (Date.now() - t0 > timeoutMs) throw new Error(`${nodeName}: no baseline in static data after ${timeoutMs / 1000} s`);
		await new Promise((r) => setTimeout(r, 1000));
	}
}

/** A trigger alone in a workflow, polling at `times`. */
function triggerWorkflow(e2e, name, type, credentialType, times, parameters = {}) {
	const node = {
		id: `t-${type}`,
		name,
		type: `${local.PACKAGE_NAME}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { pollTimes: times, events: ['created', 'updated', 'removed'], ...parameters },
		credentials: { [credentialType]: e2e.credentials[credentialType] },
	};
	return { name: `e2e ${name}`, nodes: [node], connections: {}, settings: { executionOrder: 'v1', timezone: 'UTC' } };
}

/** Waits until the workflow has `count` finished executions; resolves to the newest one's run data. */
async function nth(rest, workflowId, count, label, timeoutMs = 150_000) {
	const t0 = Date.now();
	for (;;) {
		const done = await rest.executions(workflowId);
		if (done.length >= count) {
			const run = await rest.runData(done[count - 1].id);
			if (done.length > count) throw new Error(`${label}: ${done.length} executions, expected ${count}`);
			return run;
		}
		if (Date.now() - t0 > timeoutMs) throw new Error(`${label}: no execution ${count} after ${timeoutMs / 1000} s`);
		await new Promise((r) => setTimeout(r, 2000));
	}
}

const summary = (items, idOf) =>
	items.map((i) => [i.event, String(idOf(i)), i.event === 'updated' ? i.changedFields.join(',') : i.event === 'removed' ? i.reason : ''].join(' '));

module.exports = [
	{
		name: 'triggers: polls on n8n’s schedule report joiners, movers and leavers; the joiners-movers-leavers example deletes the leaver in Recrubo and archives them in HighQ',
		async run(e2e, assert) {
			await reset(e2e, USERS);
			const port = await local.freePort();
			const n8n = await local.startN8n(e2e.userFolder, { port });
			try {
				const rest = await Rest.signIn(`http://127.0.0.1:${port}`);
				const types = await (await fetch(`http://127.0.0.1:${port}/types/nodes.json`, { headers: { Cookie: rest.cookie } })).json();
				for (const v of VENDORS) {
					const type = types.find((t) => t.name === `${local.PACKAGE_NAME}.${v.type}`);
					assert.ok(type && type.polling === true, `${v.type} is a polling node type of the editor`);
					assert.equal(type.displayName, v.name);
				}
				// the 4 triggers poll at T and T + 60 s, the example at T + 30 s and T + 90 s: it writes to
				// Recrubo and HighQ between the Recrubo and HighQ Triggers' two polls
				const at = firstPoll();
				const ids = {};
				for (const v of VENDORS) ids[v.vendor] = await rest.createActive(triggerWorkflow(e2e, v.name, v.type, v.credential, pollTimes(at), v.parameters));
				const example = local.withDemoCredentials(JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')), local.credentialsFor(e2e.standin.url));
				const source = example.nodes.find((n) => n.type === `${local.PACKAGE_NAME}.hcssTrigger`);
				source.parameters.pollTimes = pollTimes(at, 30);
				example.settings = { ...example.settings, timezone: 'UTC' };
				ids.example = await rest.createActive(example);
				// n8n 2.x activates asynchronously: wait for each first poll (the baseline) to be done
				for (const v of VENDORS) await baseline(rest, ids[v.vendor], v.name);
				await baseline(rest, ids.example, source.name);
				log(`5 workflows active, baselines taken at ${new Date().toISOString()}; triggers poll at ${at.toISOString()}, the example 30 s later`);
				for (const id of Object.values(ids)) assert.deepEqual(await rest.executions(id), [], 'the baseline poll at activation starts no execution');
				if (Date.now() > at.getTime() - 2000) throw new Error('activation took too long for the first scheduled poll (machine too busy): run again');

				// Step 2: changes behind n8n's back
				const expected = {};
				const seeded = {};
				for (const v of VENDORS) {
					const users = await usersOf(e2e, v.vendor);
					seeded[v.vendor] = users;
					const { changed, removed, deactivated } = v.changes(users);
					const joiners = [v.joiner(1), v.joiner(2)];
					const update = [{ id: v.id(changed[0]), set: changed[1] }];
					if (deactivated) update.push({ id: v.id(deactivated[0]), set: deactivated[1] });
					await change(e2e, v.vendor, { add: joiners, update, remove: [v.id(removed)] });
					expected[v.vendor] = [
						...joiners.map((j) => `created ${v.id(j)} `),
						`updated ${v.id(changed[0])} ${changed[2]}`,
						...(deactivated ? [`removed ${v.id(deactivated[0])} deactivated`] : []),
						`removed ${v.id(removed)} deleted`,
					];
				}
				if (Date.now() > at.getTime() - 500) throw new Error('the changes of step 2 were made too late for the first scheduled poll (machine too busy): run again');
				for (const v of VENDORS) {
					const run = await nth(rest, ids[v.vendor], 1, v.name);
					assert.equal(run.error, null, `${v.name}: ${JSON.stringify(run.error)}`);
					assert.deepEqual(summary(run.outputs[v.name][0], v.id), expected[v.vendor], `${v.name}: the events of step 2`);
				}
				log('step 2: each trigger reported exactly the changes');

				// the example, on the HCSS changes
				const hcss = VENDORS.find((v) => v.vendor === 'hcss');
				const { changed: mover, removed: leaver } = hcss.changes(seeded.hcss);
				const run = await nth(rest, ids.example, 1, 'example').catch(async (error) => {
					const seen = await requests(e2e);
					log(`stand-in requests:\n${seen.map((r) => `${r.at} ${r.vendor} ${r.method} ${r.url} ${r.status}`).join('\n')}`);
					throw error;
				});
				assert.equal(run.error, null, `example: ${JSON.stringify(run.error)}`);
				const out = run.outputs;
				assert.deepEqual(out['HCSS users changed'][0].map((i) => i.event), ['created', 'created', 'updated', 'removed']);
				assert.deepEqual(out['Create or update in Recrubo'][0].map((i) => [i.action, i.email]), [
					['created', 'hcss.hire1@example.com'],
					['created', 'hcss.hire2@example.com'],
					['updated', mover[0].email],
				]);
				assert.deepEqual(out['Create or update in HighQ'][0].map((i) => [i.action, i.email]), [
					['created', 'hcss.hire1@example.com'],
					['created', 'hcss.hire2@example.com'],
					['updated', mover[0].email],
				]);
				const recruboLeaver = seeded.recrubo.find((u) => u.attributes.email === leaver.email);
				const highqLeaver = seeded.highQ.find((u) => u.email === leaver.email);
				assert.deepEqual(out['Delete in Recrubo'][0], [{ deleted: true, id: recruboLeaver.id }]);
				assert.deepEqual(out['Archive in HighQ'][0].map((u) => u.id), [highqLeaver.id]);
				const recruboNow = await usersOf(e2e, 'recrubo');
				const highqNow = await usersOf(e2e, 'highQ');
				assert.equal(recruboNow.find((u) => u.id === recruboLeaver.id), undefined, 'the leaver is deleted in Recrubo');
				assert.equal(highqNow.find((u) => u.id === highqLeaver.id).status, 'archive', 'the leaver is archived in HighQ');
				assert.equal(recruboNow.find((u) => u.attributes.email === mover[0].email).attributes.lastName, 'Moved', 'the mover is updated in Recrubo');
				log('example: joiners created, mover updated, leaver deleted in Recrubo and archived in HighQ');

				// Step 3: the removed users of PCRecruiter and HCSS come back
				for (const v of VENDORS.filter((x) => x.vendor === 'pcRecruiter' || x.vendor === 'hcss')) {
					await change(e2e, v.vendor, { add: [v.changes(seeded[v.vendor]).removed] });
				}
				if (Date.now() > at.getTime() + 59_500) throw new Error('the changes of step 3 were made too late for the second scheduled poll (machine too busy): run again');
				for (const v of VENDORS) {
					const third = await nth(rest, ids[v.vendor], 2, `${v.name} (step 3)`);
					assert.equal(third.error, null);
					const items = third.outputs[v.name][0];
					if (v.vendor === 'pcRecruiter' || v.vendor === 'hcss') {
						assert.deepEqual(summary(items, v.id), [`created ${v.id(v.changes(seeded[v.vendor]).removed)} `], `${v.name}: the user who came back`);
						continue;
					}
					// what the example wrote: 2 joiners created, the mover updated, the leaver removed (the
					// example's node sends its items' requests at once: the joiners' order is not fixed)
					const email = (i) => String(i.email).toLowerCase();
					assert.deepEqual(
						items.map((i) => [i.event, email(i), i.reason ?? '']).sort(),
						[
							['created', 'hcss.hire1@example.com', ''],
							['created', 'hcss.hire2@example.com', ''],
							['updated', mover[0].email, ''],
							['removed', leaver.email, v.vendor === 'highQ' ? 'deactivated' : 'deleted'],
						].sort(),
						`${v.name}: sees what the example wrote`,
					);
				}
				log('step 3: users who came back are created; Recrubo and HighQ triggers saw the example’s writes');
			} finally {
				await n8n.stop();
				if (fs.existsSync(n8n.logFile)) e2e.logs.push(fs.readFileSync(n8n.logFile, 'utf8'));
			}
		},
	},
];
