/**
 * Section 5 of `npm run bench`: one poll of a directory trigger over 10,000 users with no
 * change, in a running n8n (`n8n start`), against the stand-in.
 *
 * How a figure is taken: per vendor, a workflow with the trigger alone is created and
 * activated through the REST API; activating runs the trigger's first poll (the baseline: the
 * whole listing, and a snapshot written). Then n8n polls on its own schedule, once a minute,
 * the four triggers 15 s apart so that no two polls overlap; each of these polls lists the same
 * 10,000 users and finds no change. The time is n8n's own clock around `poll()`: its Prometheus
 * histogram `n8n_poll_trigger_duration_seconds` (N8N_METRICS_INCLUDE_POLL_TRIGGER_METRICS), read
 * every second: each new poll of a node type adds one to the count and its duration to the
 * sum. The workflow's static data (the snapshot) is read back from the REST API and its size
 * given. Medians are quoted.
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

/** The count and the sum (ms) of n8n's poll duration histogram, per node type. */
async function pollMetrics(url) {
	const text = await (await fetch(`${url}/metrics`)).text();
	const out = {};
	for (const line of text.split('\n')) {
		const m = /^\w*poll_trigger_duration_seconds_(sum|count)\{.*node_type="([^"]+)".*\}\s+(\S+)$/.exec(line.trim());
		if (!m) continue;
		const entry = (out[m[2]] ||= { count: 0, ms: 0 });
		if (m[1] === 'count') entry.count += Number(m[3]);
		else entry.ms += Number(m[3]) * 1000;
	}
	return out;
}

function triggerWorkflow(vendor, credential, second) {
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
				parameters: { pollTimes: { item: [{ mode: 'custom', cronExpression: `${second} * * * * *` }] }, events: ['created', 'updated', 'removed'], ...(t.parameters || {}) },
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
		const watched = vendors.filter((v) => TRIGGERS[v]);
		const ids = {};
		const seen = {};
		for (const [i, vendor] of watched.entries()) {
			const wf = triggerWorkflow(vendor, credentials[credentialOf(vendor)], (i * 15) % 60);
			ids[vendor] = await rest.createActive(wf);
			seen[`${local.PACKAGE_NAME}.${TRIGGERS[vendor].type}`] = { vendor, count: 0, ms: 0, polls: [] };
		}
		// the first poll of each (at activation) is its baseline; then `reps` polls on the schedule
		const t0 = Date.now();
		const timeoutMs = (reps + 3) * 60_000;
		while (Object.values(seen).some((s) => s.polls.length < reps + 1)) {
			if (Date.now() - t0 > timeoutMs) throw new Error(`poll bench: polls seen ${JSON.stringify(Object.values(seen).map((s) => [s.vendor, s.polls.length]))} after ${timeoutMs / 1000} s`);
			const now = await pollMetrics(url);
			for (const [type, s] of Object.entries(seen)) {
				const m = now[type];
				if (!m || m.count === s.count) continue;
				if (m.count - s.count > 1) log(`poll ${s.vendor}: ${m.count - s.count} polls within one reading; their mean taken`);
				s.polls.push((m.ms - s.ms) / (m.count - s.count));
				s.count = m.count;
				s.ms = m.ms;
			}
			await new Promise((r) => setTimeout(r, 1000));
		}
		for (const s of Object.values(seen)) {
			const id = ids[s.vendor];
			const workflow = await rest.call('GET', `/workflows/${id}`);
			const staticBytes = Buffer.byteLength(JSON.stringify(workflow.staticData || {}));
			const executions = (await rest.executions(id)).length;
			await rest.setActive(id, false);
			const [baseline, ...polls] = s.polls;
			out[s.vendor] = { baseline, polls: polls.slice(0, reps), staticBytes, executions };
			log(`poll ${s.vendor}: baseline ${baseline.toFixed(0)} ms, no-change polls ${polls.map((p) => p.toFixed(0)).join(' ')} ms, static data ${staticBytes} bytes, ${executions} executions`);
		}
	} finally {
		await n8n.stop();
	}
	return out;
}

module.exports = { pollBench, TRIGGERS };
