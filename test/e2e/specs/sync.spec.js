/**
 * The sync example (examples/sync-hcss-to-recrubo-and-formsonfire.json) inside real n8n:
 * HCSS Return All -> users with an email -> Create or Update in Recrubo and in Forms On Fire.
 *
 * Run 1 brings both vendors in step with HCSS. Then, behind the workflow's back, three Forms
 * On Fire users are deleted and three Recrubo users get another last name. Run 2 must write
 * exactly those six changes back (3 created, 3 updated) and leave everyone else alone. Run 3
 * must write nothing at all, and read Recrubo's users in two list pages (Look Up Users:
 * Automatic) instead of one lookup per user. No vendor sees more than 5 requests at once.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const local = require('../../../scripts/n8n-local');
const standin = require('../lib/standin');

const EXAMPLE = path.join(__dirname, '..', '..', '..', 'examples', 'sync-hcss-to-recrubo-and-formsonfire.json');
const RECRUBO = 'Create or update in Recrubo';
const FOF = 'Create in Forms On Fire if missing';

async function vendorStats(e2e, vendor) {
	const res = await fetch(`${e2e.standin.url}/__stats`);
	return (await res.json()).vendors[vendor];
}

/** Write requests (anything but GET) the stand-in has answered for a vendor so far, from its route counters. */
async function writes(e2e, vendor) {
	return Object.entries((await vendorStats(e2e, vendor)).byRoute)
		.filter(([route]) => !route.startsWith('GET '))
		.reduce((sum, [, n]) => sum + n, 0);
}

function actions(items) {
	const out = {};
	for (const item of items) out[item.action] = (out[item.action] || 0) + 1;
	return out;
}

async function call(url, init) {
	const res = await fetch(url, init);
	if (!res.ok) throw new Error(`${init.method} ${url.split('?')[0]}: HTTP ${res.status} ${await res.text()}`);
}

module.exports = [
	{
		name: 'sync example: HCSS -> Recrubo + Forms On Fire writes only what changed, and nothing when run again',
		async run(e2e, assert) {
			await standin.reset(e2e, 250); // fresh data: other specs (examples.spec.js too) have written to it
			// the example as npm start imports it: bound to the demo credentials
			const wf = local.withDemoCredentials(JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')), local.credentialsFor(e2e.standin.url));
			const creds = e2e.standin.credentials();
			const writeCount = async () => ({ recrubo: await writes(e2e, 'recrubo'), formsOnFire: await writes(e2e, 'formsOnFire') });
			const run = async (label) => {
				const r = await e2e.executeWorkflow({ ...wf, name: `${wf.name} (${label})` });
				assert.equal(r.error, null, `${label} run failed: ${JSON.stringify(r.error)}`);
				assert.deepEqual(r.nodeErrors, {}, `${label} run had node errors`);
				return r;
			};

			// Run 1: everyone in step.
			const w0 = await writeCount();
			const first = await run('first');
			const hcssUsers = first.items['All HCSS users'];
			const withEmail = first.items['Has an email'];
			assert.ok(hcssUsers.length > 200, `HCSS Return All gave ${hcssUsers.length} users`);
			assert.ok(withEmail.length > 0 && withEmail.length < hcssUsers.length, 'the Filter kept the users with an email');
			for (const node of [RECRUBO, FOF]) {
				assert.equal(first.items[node].length, withEmail.length, `${node}: one item per HCSS user with an email`);
				assert.deepEqual(
					first.items[node].map((i) => String(i.email || i.Email).toLowerCase()),
					withEmail.map((u) => String(u.email).toLowerCase()),
					`${node}: the same users, in order`,
				);
			}
			const w1 = await writeCount();
			assert.ok(w1.recrubo > w0.recrubo, 'run 1 wrote to Recrubo (the HCSS ID becomes the external ID)');
			const recruboFirst = first.items[RECRUBO];
			assert.equal(recruboFirst[0].externalId, withEmail[0].id);
			assert.equal(recruboFirst[0].firstName, withEmail[0].firstName);

			// Behind the workflow's back: 3 Forms On Fire users deleted, 3 Recrubo users renamed.
			const fofAuth = `CompanyId=${encodeURIComponent(creds.formsOnFireApi.companyId)}&IntegrationKey=${encodeURIComponent(creds.formsOnFireApi.integrationKey)}`;
			const gone = first.items[FOF].slice(10, 13);
			for (const user of gone) await call(`${creds.formsOnFireApi.baseUrl}/user?Id=${user.Id}&${fofAuth}`, { method: 'DELETE' });
			const renamed = recruboFirst.slice(20, 23);
			for (const user of renamed) {
				await call(`${creds.recruboApi.baseUrl}/users/${user.id}`, {
					method: 'PATCH',
					headers: { Authorization: creds.recruboApi.apiKey, 'Content-Type': 'application/vnd.api+json' },
					body: JSON.stringify({ data: { type: 'users', id: user.id, attributes: { lastName: 'Renamed elsewhere' } } }),
				});
			}
			const w1b = await writeCount();

			// Run 2: exactly those six are written back.
			const second = await run('second');
			const w2 = await writeCount();
			assert.deepEqual(actions(second.items[FOF]), { created: 3, unchanged: withEmail.length - 3 });
			assert.deepEqual(
				second.items[FOF].filter((i) => i.action === 'created').map((i) => i.Email.toLowerCase()),
				gone.map((u) => u.Email.toLowerCase()),
			);
			assert.deepEqual(actions(second.items[RECRUBO]), { updated: 3, unchanged: withEmail.length - 3 });
			const updated = second.items[RECRUBO].filter((i) => i.action === 'updated');
			assert.deepEqual(updated.map((i) => i.id), renamed.map((u) => u.id));
			assert.deepEqual(updated.map((i) => i.lastName), renamed.map((u) => u.lastName), 'the HCSS last name is back');
			assert.deepEqual({ recrubo: w2.recrubo - w1b.recrubo, formsOnFire: w2.formsOnFire - w1b.formsOnFire }, { recrubo: 3, formsOnFire: 3 });

			// Run 3: nothing to do, nothing written; Recrubo's users are read in a few list pages, not looked up one by one.
			const r2 = { recrubo: (await vendorStats(e2e, 'recrubo')).requests, formsOnFire: (await vendorStats(e2e, 'formsOnFire')).requests };
			const third = await run('third');
			assert.deepEqual(actions(third.items[RECRUBO]), { unchanged: withEmail.length });
			assert.deepEqual(actions(third.items[FOF]), { unchanged: withEmail.length });
			assert.deepEqual(await writeCount(), w2, 'run 3 sent no write request');
			const recrubo = await vendorStats(e2e, 'recrubo');
			const fof = await vendorStats(e2e, 'formsOnFire');
			// 250 Recrubo users, 200 a page: 2 list requests where there used to be one lookup per user
			assert.equal(recrubo.requests - r2.recrubo, 2, `run 3 sent ${recrubo.requests - r2.recrubo} requests to Recrubo`);
			// Forms On Fire's search needs a term, so it cannot list everyone: one search per user
			assert.equal(fof.requests - r2.formsOnFire, withEmail.length, `run 3 sent ${fof.requests - r2.formsOnFire} requests to Forms On Fire`);
			// Max Requests at Once (default 5) held in all three runs
			assert.ok(recrubo.peakInFlight >= 1 && recrubo.peakInFlight <= 5, `Recrubo saw ${recrubo.peakInFlight} requests at once`);
			assert.ok(fof.peakInFlight >= 1 && fof.peakInFlight <= 5, `Forms On Fire saw ${fof.peakInFlight} requests at once`);
		},
	},
];
