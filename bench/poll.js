/**
 * Section 5 of `npm run bench`: one poll of a directory trigger over 10,000 users with no
 * change, in a running n8n (`n8n start`), against the stand-in.
 *
 * How a figure is taken: per vendor, a workflow with the trigger alone is created and
 * activated through the REST API; activating runs the trigger's first poll (the baseline:
 * the whole listing, and a snapshot written). Then the workflow is deactivated and activated
 * again, REPS times: each activation runs one poll that lists the same 10,000 users and finds
 * no change. The time is n8n's own clock around `poll()`: the sum of its Prometheus histogram
 * `n8n_poll_trigger_duration_seconds` (N8N_METRICS_INCLUDE_POLL_TRIGGER_METRICS), read before
 * and after each activation. The workflow's static data (the snapshot) is read back from
 * the REST API and its size given. Medians are quoted.
 */
'use strict';

const local = require('../scripts/n8n-local');
const { Rest } = require('../test/e2e/lib/rest');

/** Per bench vendor: the trigger node and its extra parameters. */
const TRIGGERS = {
	pcRecruiter: { type: 'pcRecruiterTrigger' },
	recrubo: { type: 'recruboTrigger' },
	highQ: { type: 'highQPublisherTrigger', parameters: { authentication: 'accessToken' } },
	hcss: { type: 'hcssTrigger' },
};

/** The sum of n8n's poll duration histogram for a node type, in ms. */
async function pollSeconds(url, nodeType) {
	const text = await (await fetch(`${url}/metrics`)).text();
	let sum = 0;
	let count = 0;
	for (const line of text.split('\n')) {
		if (!line.includes(`node_type="${nodeType}"`)) continue;
		const value = Number(line.trim().split(/\s+/).pop());
		if (/^\w*poll_trigger_duration_seconds_sum\{/.test(line)) sum += value;
		if (/^\w*poll_trigger_duration_seconds_count\{/.test(line)) count += value;
	}
	return { ms: sum * 1000, count };
}

function triggerWorkflow(vendor, credential) {
	const t = TRIGGERS[vendor];
	return {
		name: `bench poll ${vendor}`,
		nodes: [
			{
				id: `poll-${vendor}`,
				name: 'Trigger',
				type: `${local.PACKAGE_NAME}.${t.type}`,
				typeVersion: 1,
				position: [0, 0],
				// never on the schedule (1 January): only the polls that activation runs
				parameters: { pollTimes: { item: [{ mode: 'custom', cronExpression: '0 0 0 1 1 *' }] }, events: ['created', 'updated', 'removed'], ...(t.parameters || {}) },
				credentials: { [credential.type]: { id: credential.id, name: credential.name } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Runs the section; resolves to { [vendor]: { baseline, polls: [ms], staticBytes, executions } }.
 * `credentials` maps a credential type to its imported { type, id, name }.
 */
async function pollBench({ userFolder, vendors, credentials, reps, credentialOf, log }) {
	const port = await local.freePort();
	const n8n = await local.startN8n(userFolder, {
		port,
		env: { N8N_METRICS: 'true', N8N_METRICS_INCLUDE_POLL_TRIGGER_METRICS: 'true', N8N_LOG_LEVEL: 'warn' },
	});
	const url = `http://127.0.0.1:${port}`;
	const out = {};
	try {
		const rest = await Rest.signIn(url);
		for (const vendor of vendors.filter((v) => TRIGGERS[v])) {
			const nodeType = `${local.PACKAGE_NAME}.${TRIGGERS[vendor].type}`;
			const timed = async (fn) => {
				const before = await pollSeconds(url, nodeType);
				await fn();
				const after = await pollSeconds(url, nodeType);
				if (after.count !== before.count + 1) throw new Error(`${vendor}: ${after.count - before.count} polls counted, expected 1`);
				return after.ms - before.ms;
			};
			let id;
			const baseline = await timed(async () => (id = await rest.createActive(triggerWorkflow(vendor, credentials[credentialOf(vendor)]))));
			const polls = [];
			for (let r = 0; r < reps; r++) {
				await rest.setActive(id, false);
				polls.push(await timed(() => rest.setActive(id, true)));
			}
			const workflow = await rest.call('GET', `/workflows/${id}`);
			const staticBytes = Buffer.byteLength(JSON.stringify(workflow.staticData || {}));
			const executions = (await rest.executions(id)).length;
			await rest.setActive(id, false);
			out[vendor] = { baseline, polls, staticBytes, executions };
			log(`poll ${vendor}: baseline ${baseline.toFixed(0)} ms, no-change polls ${polls.map((p) => p.toFixed(0)).join(' ')} ms, static data ${staticBytes} bytes`);
		}
	} finally {
		await n8n.stop();
	}
	return out;
}

module.exports = { pollBench, TRIGGERS };
