#!/usr/bin/env node
/**
 * `npm run bench`: our nodes inside a real n8n (scripts/n8n-runtime.js: n8n 2.41.1 on
 * Node 24) against the local stand-in (test/standin/server.js), compared with a raw
 * keep-alive fetch loop and with the HTTP Request node + Split Out. Prints a table and
 * writes bench/RESULTS.md. Not part of `npm test`.
 *
 *   node bench/run.js [--reps 5] [--big-reps 3] [--many-reps 3] [--many 1000]
 *                     [--sync-reps 1] [--sync-latency 20] [--sync-users 10000]
 *                     [--sections 1,2,3,4,5,6] [--only pcRecruiter,hcss] [--no-build] [--no-write] [--quick]
 *   node bench/run.js --render      rewrite bench/RESULTS.md from the last run's bench/out/results.json
 *
 * Sections: 1 Return All of 10,000 users (ours, raw, HTTP Request + Split Out); 2 scale
 * (1,000 / 10,000 / 100,000 users, time per user, n8n RSS); 3 XML against JSON (and xml2js
 * against our parser on one document); 4 many items (1,000 `get`s: requests per second, login
 * requests counted by the stand-in); 5 one poll of a directory trigger over 10,000 users with
 * no change, against the Return All of section 1 (bench/poll.js: in `n8n start`, timed by
 * n8n's own poll histogram); 6 "sync" (bench/sync.js: Create or Update of a directory of
 * 10,000 with 1% changed, per Look Up Users mode, beside the HTTP Request node's per-item
 * lookup). BENCH_CPU_PROF=1 writes a CPU profile of each n8n process to bench/out/profiles/.
 *
 * How a figure is taken: every measured workflow is imported up front, and each phase runs
 * its workflows one after another in ONE n8n process (`n8n executeBatch`, which saves each
 * run's data as a snapshot), so n8n's ~5 s start-up is paid once per phase, not per run.
 * The node's time is `executionTime` of that node in n8n's run data: n8n's own clock around
 * the node, no start-up and no other node in it. The raw loop runs in this process (on the
 * same Node 24), against the same stand-in, before and after each phase. The stand-in runs
 * in its own process (bench/server.js), as it does for n8n. Repetitions are interleaved
 * (rep 1 of every variant, then rep 2, ...) so that noise on this shared machine spreads
 * over all of them; medians are quoted.
 */
'use strict';

const { fork, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const runtime = require('../scripts/n8n-runtime');
const local = require('../scripts/n8n-local');
const { VENDORS, frame, httpGet, oursWorkflow, httpWorkflow, manyGetsWorkflow, manyHttpWorkflow } = require('./workflows');
const { pollBench } = require('./poll');
const { syncWorkflows, summariseSync, renderSync } = require('./sync');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(__dirname, 'out');

function arg(name, dflt) {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : dflt;
}
const QUICK = process.argv.includes('--quick');
const REPS = Number(arg('--reps', QUICK ? 2 : 5));
const BIG_REPS = Number(arg('--big-reps', QUICK ? 1 : 3));
const MANY_REPS = Number(arg('--many-reps', QUICK ? 1 : 3));
const SYNC_REPS = Number(arg('--sync-reps', 1));
// how long the stand-in takes to answer each request in the sync section (ms)
const SYNC_LATENCY = Number(arg('--sync-latency', 20));
const SYNC_USERS = Number(arg('--sync-users', 10000));
// section 6 is also called "sync"
const SECTIONS = new Set(String(arg('--sections', '1,2,3,4,5,6')).split(',').map((s) => (s.trim() === 'sync' ? 6 : Number(s))));
const RAW_REPS = QUICK ? 3 : 7;
const MANY = Number(arg('--many', 1000));

function log(msg) {
	process.stderr.write(`[bench] ${msg}\n`);
}

// --------------------------------------------------------------------------- statistics

function median(xs) {
	const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
	if (!v.length) return NaN;
	const m = v.length >> 1;
	return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1048576).toFixed(0)} MB` : 'n/a');

// --------------------------------------------------------------------------- raw loops

async function getJson(url, headers = {}) {
	const res = await fetch(url, { headers });
	if (!res.ok) throw new Error(`raw: ${url} answered ${res.status}`);
	return res.json();
}

/** What a client must do once before paging (log in, get a token), outside the timing. */
async function rawAuth(base, vendor, creds) {
	if (vendor === 'pcRecruiter') {
		const c = creds.pcRecruiterApi;
		const res = await fetch(`${base}/pcr/rest/api/access-token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({ Username: c.username, Password: c.password, DatabaseId: c.databaseId, ApiKey: c.apiKey, AppId: c.appId }),
		});
		return { authorization: `BEARER ${(await res.json()).SessionId}`, 'accept-encoding': 'gzip' };
	}
	if (vendor === 'hcss') {
		const c = creds.hcssOAuth2Api;
		const res = await fetch(c.accessTokenUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret, scope: c.scope }),
		});
		return { authorization: `Bearer ${(await res.json()).access_token}` };
	}
	if (vendor === 'recrubo') return { authorization: creds.recruboApi.apiKey, accept: 'application/vnd.api+json' };
	if (vendor === 'highQ') return { authorization: `Bearer ${creds.highQPublisherApi.accessToken}` };
	return {};
}

/** Every page of the list, the way our pager asks for them; the users collected into one array. */
async function rawList(base, vendor, creds, headers) {
	const users = [];
	const t0 = performance.now();
	if (vendor === 'pcRecruiter') {
		for (let page = 1; ; page++) {
			const b = await getJson(`${base}/pcr/rest/api/users?ResultsPerPage=500&Page=${page}`, headers);
			for (const u of b.Results) users.push(u);
			if (!b.Results.length || users.length >= b.TotalRecords) break;
		}
	} else if (vendor === 'recrubo') {
		for (let page = 1; ; page++) {
			const b = await getJson(`${base}/recrubo/public/v2/users?page%5Bnumber%5D=${page}&page%5Bsize%5D=200`, headers);
			for (const u of b.data) users.push({ id: u.id, ...u.attributes });
			if (!b.data.length || b.meta.currentPage >= b.meta.maxPage) break;
		}
	} else if (vendor === 'highQ') {
		for (let offset = 0; ; offset += 200) {
			const b = await getJson(`${base}/highq/acme/api/2/users?fields=all&offset=${offset}&limit=200`, headers);
			for (const u of b.users.user) users.push(u);
			if (b.users.user.length < 200) break;
		}
	} else if (vendor === 'hcss') {
		for (let page = 0; ; page++) {
			const b = await getJson(`${base}/hcss/users/api/v1/Users?page=${page}&pageSize=1000`, headers);
			for (const u of b.items) users.push(u);
			if (!b.items.length || users.length >= b.totalRecords) break;
		}
	} else if (vendor === 'formsOnFire') {
		const c = creds.formsOnFireApi;
		for (let page = 0; ; page++) {
			const b = await getJson(
				`${base}/fof/api/v2/user/search?Email=example.com&format=json&PageNo=${page}&PageSize=250&CompanyId=${c.companyId}&IntegrationKey=${c.integrationKey}`,
				headers,
			);
			for (const u of b.Users) users.push(u);
			if (!b.Users.length || users.length >= b.TotalRows) break;
		}
	}
	return { ms: performance.now() - t0, users: users.length };
}

function getUrl(base, vendor, key) {
	if (vendor === 'pcRecruiter') return `${base}/pcr/rest/api/users/${encodeURIComponent(key)}`;
	if (vendor === 'hcss') return `${base}/hcss/users/api/v1/Users/${encodeURIComponent(key)}`;
	throw new Error(vendor);
}

/** n `get`s: one after another (a keep-alive loop), or all at once (as n8n starts a node's items). */
async function rawGets(base, vendor, headers, keys, concurrent) {
	const t0 = performance.now();
	if (concurrent) await Promise.all(keys.map((k) => getJson(getUrl(base, vendor, k), headers)));
	else for (const k of keys) await getJson(getUrl(base, vendor, k), headers);
	return performance.now() - t0;
}

// --------------------------------------------------------------------------- n8n

function startServer(users) {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'server.js'), [], { env: { ...process.env, BENCH_USERS: String(users) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		const ask = (msg, key) =>
			new Promise((res) => {
				const on = (m) => {
					if (m && m[key] !== undefined) {
						child.off('message', on);
						res(m[key]);
					}
				};
				child.on('message', on);
				child.send(msg);
			});
		child.once('message', (m) => resolve({ child, url: m.url, ask, stop: () => child.send({ stop: true }) }));
		child.once('error', reject);
	});
}

/** Runs workflows (by id, in id order) in one `n8n executeBatch` process; returns their snapshots. */
async function executeBatch(userFolder, server, wfs, phase) {
	const p = runtime.paths();
	const dir = path.join(userFolder, `snap-${phase}`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const idsFile = path.join(userFolder, `ids-${phase}.txt`);
	fs.writeFileSync(idsFile, wfs.map((w) => w.id).join(','));
	const output = path.join(userFolder, `batch-${phase}.json`);
	const env = local.n8nEnv(userFolder, { N8N_RUNNERS_BROKER_PORT: String(await local.freePort()), N8N_LOG_LEVEL: 'warn' });
	const t0 = Date.now();
	const preload = ['--require', path.join(__dirname, 'raise-timeout.js')];
	const child = spawn(p.nodeBin, [...preload, ...(process.env.BENCH_CPU_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${path.join(OUT, 'profiles')}`] : []), p.n8nBin, 'executeBatch', `--ids=${idsFile}`, `--snapshot=${dir}`, `--output=${output}`, '--retries=0', '--concurrency=1'], {
		env,
		cwd: userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	server.child.send({ pid: child.pid });
	const logs = [];
	child.stdout.on('data', (c) => logs.push(c));
	child.stderr.on('data', (c) => logs.push(c));
	const code = await new Promise((r) => child.on('close', (c) => r(c)));
	const ms = Date.now() - t0;
	fs.writeFileSync(path.join(userFolder, `batch-${phase}.log`), Buffer.concat(logs));
	if (!fs.existsSync(output)) throw new Error(`executeBatch (${phase}) exited with ${code} and no results; see ${path.join(userFolder, `batch-${phase}.log`)}`);
	const summary = JSON.parse(fs.readFileSync(output, 'utf8'));
	const marks = await server.ask({ results: true }, 'results');
	const byLabel = Object.fromEntries(marks.map((m) => [m.label, m]));
	const out = {};
	for (const wf of wfs) {
		const file = path.join(dir, `${wf.id}-snapshot.json`);
		const exec = summary.executions.find((e) => e.workflowId === wf.id);
		const r = { label: wf.label, error: exec && exec.error, mark: byLabel[wf.label] };
		if (fs.existsSync(file)) {
			const snap = JSON.parse(fs.readFileSync(file, 'utf8'));
			const runData = snap.data.resultData.runData;
			r.times = Object.fromEntries(Object.entries(runData).map(([name, tasks]) => [name, tasks[0].executionTime]));
			const count = runData.Count && runData.Count[0].data && runData.Count[0].data.main[0][0];
			r.count = count ? Object.values(count.json)[0] : undefined;
			if (snap.data.resultData.error) r.error = snap.data.resultData.error.message;
		}
		if (r.error) log(`${wf.label}: ${r.error}`);
		out[wf.label] = r;
	}
	log(`phase ${phase}: ${wfs.length} workflows in ${(ms / 1000).toFixed(1)} s (exit ${code})`);
	return out;
}

// --------------------------------------------------------------------------- XML parsers

async function xmlParsers(base, creds) {
	const headers = await rawAuth(base, 'pcRecruiter', creds);
	delete headers['accept-encoding'];
	const xmlText = await (await fetch(`${base}/pcr/rest/api/users`, { headers: { ...headers, accept: 'application/xml' } })).text();
	const jsonText = await (await fetch(`${base}/pcr/rest/api/users`, { headers: { ...headers, accept: 'application/json' } })).text();
	const { parseXml } = require(path.join(ROOT, 'dist', 'nodes', 'shared', 'xml.js'));
	const { PCR_XML } = require(path.join(ROOT, 'dist', 'nodes', 'PcRecruiter', 'api', 'readers.js'));
	const xml2js = require('xml2js');
	const time = async (fn) => {
		const xs = [];
		for (let i = 0; i < RAW_REPS; i++) {
			const t0 = performance.now();
			await fn();
			xs.push(performance.now() - t0);
		}
		return median(xs);
	};
	const ours = parseXml(xmlText, PCR_XML);
	const root = ours.data && Object.values(ours.data)[0];
	const users = root && Array.isArray(root.Results) ? root.Results.length : 0;
	return {
		users,
		xmlBytes: Buffer.byteLength(xmlText),
		jsonBytes: Buffer.byteLength(jsonText),
		jsonParse: await time(() => JSON.parse(jsonText)),
		ours: await time(() => parseXml(xmlText, PCR_XML)),
		// the options n8n's own XML node uses
		xml2js: await time(() => new xml2js.Parser({ mergeAttrs: true, explicitArray: false }).parseStringPromise(xmlText)),
	};
}

// --------------------------------------------------------------------------- main

async function main() {
	const t0 = Date.now();
	const load0 = os.loadavg();
	fs.mkdirSync(OUT, { recursive: true });
	const userFolder = path.join(OUT, 'n8n');
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	local.build({ skip: process.argv.includes('--no-build') });
	local.installPackage(userFolder, local.pack(path.join(userFolder, 'pack')));

	const server = await startServer(10000);
	const base = server.url;
	log(`stand-in and bench routes on ${base}`);
	const credList = local.credentialsFor(base);
	const credData = Object.fromEntries(credList.map((c) => [c.type, c.data]));
	const creds = Object.fromEntries(credList.map((c) => [c.type, c]));
	// never-used copies for the many-items runs: each starts with no session or token
	const fresh = { pcRecruiter: [], hcss: [] };
	for (const [vendor, type] of [['pcRecruiter', 'pcRecruiterApi'], ['hcss', 'hcssOAuth2Api']]) {
		for (let r = 0; r <= Math.max(REPS, MANY_REPS); r++) {
			const c = { ...creds[type], id: `BenchFresh${vendor.slice(0, 3)}${String(r).padStart(3, '0')}`, name: `${creds[type].name} fresh ${r}` };
			fresh[vendor].push(c);
			credList.push(c);
		}
	}
	await local.importCredentials(userFolder, credList);

	const only = arg('--only');
	const vendors = Object.keys(VENDORS).filter((v) => !only || only.split(',').includes(v));
	const xmlVendors = vendors.filter((v) => VENDORS[v].xml);
	const phases = [];
	const add = (phase, list) => phases.push({ phase, ...list });
	// phase "10k": sections 1 and 3 (and the 10k point of section 2, the Return All of section 5)
	if (SECTIONS.has(1) || SECTIONS.has(2) || SECTIONS.has(3) || SECTIONS.has(5)) {
		const wfs = [];
		// rep 0 warms n8n up (JIT, first credential use) and is left out of the figures
		for (let r = 0; r <= REPS; r++) {
			const p = r === 0 ? 'warm:10k' : '10k';
			for (const v of vendors) {
				wfs.push({ ...oursWorkflow({ benchUrl: base, creds, vendor: v, label: `${p}|ours|${v}|${r}` }), label: `${p}|ours|${v}|${r}` });
				if (SECTIONS.has(1)) wfs.push({ ...httpWorkflow({ benchUrl: base, creds, vendor: v, label: `${p}|http|${v}|${r}` }), label: `${p}|http|${v}|${r}` });
				if (SECTIONS.has(3) && VENDORS[v].xml) wfs.push({ ...oursWorkflow({ benchUrl: base, creds, vendor: v, xml: true, label: `${p}|xml|${v}|${r}` }), label: `${p}|xml|${v}|${r}` });
			}
		}
		add('10k', { users: 10000, wfs, raw: true });
	}
	if (SECTIONS.has(2)) {
		// each size in its own n8n process: the phase's peak RSS against the process's RSS before its first run
		for (const [phase, users, reps] of [['1k', 1000, REPS], ['s10k', 10000, REPS], ['100k', 100000, BIG_REPS]]) {
			const wfs = [];
			for (let r = 0; r <= reps; r++) {
				const p = r === 0 ? `warm:${phase}` : phase;
				for (const v of vendors) wfs.push({ ...oursWorkflow({ benchUrl: base, creds, vendor: v, label: `${p}|ours|${v}|${r}` }), label: `${p}|ours|${v}|${r}` });
			}
			add(phase, { users, wfs, raw: true });
		}
	}
	const manyVendors = ['pcRecruiter', 'hcss'].filter((v) => vendors.includes(v));
	if (SECTIONS.has(4)) {
		const wfs = [];
		for (let r = 0; r <= MANY_REPS + 1; r++) {
			for (const v of manyVendors) {
				// first: a warm-up (timing left out; its logins count); last: a credential used
				// before, whose session/token expires just before the run
				const expire = r === MANY_REPS + 1;
				const label = expire ? `many|expired|${v}|0` : r === 0 ? `warm:many|ours|${v}|0` : `many|ours|${v}|${r}`;
				wfs.push({ ...manyGetsWorkflow({ benchUrl: base, creds, vendor: v, label, n: MANY, credential: fresh[v][expire ? MANY_REPS : r], expire }), label });
				if (!expire) {
					const hl = `${r === 0 ? 'warm:many' : 'many'}|http|${v}|${r}`;
					wfs.push({ ...manyHttpWorkflow({ benchUrl: base, creds, vendor: v, label: hl, n: MANY }), label: hl });
				}
			}
		}
		add('many', { users: 10000, wfs });
	}
	if (SECTIONS.has(6)) add('sync', { users: SYNC_USERS, latency: SYNC_LATENCY, wfs: syncWorkflows({ frame, httpGet, benchUrl: base, creds, vendors, reps: SYNC_REPS }) });
	// ids must sort in run order: import everything at once
	const all = phases.flatMap((p) => p.wfs);
	const ordered = [...all].sort((a, b) => (a.id < b.id ? -1 : 1));
	await local.importWorkflows(userFolder, all.map(({ label, ...wf }) => wf)); // eslint-disable-line no-unused-vars
	log(`imported ${all.length} workflows`);

	const results = { runs: {}, raw: {}, rawGets: {}, loads: [] };
	for (const ph of phases) {
		await server.ask({ users: ph.users }, 'usersReset');
		await server.ask({ latency: ph.latency ?? 0 }, 'latencySet');
		results.loads.push({ phase: ph.phase, before: os.loadavg() });
		const rawRound = async () => {
			for (const v of vendors) {
				const headers = await rawAuth(base, v, credData);
				for (let i = 0; i < RAW_REPS; i++) {
					const r = await rawList(base, v, credData, headers);
					(results.raw[`${ph.phase}|${v}`] ||= []).push(r.ms);
					if (r.users !== ph.users) log(`raw ${v}: ${r.users} users, expected ${ph.users}`);
				}
			}
		};
		if (ph.raw) {
			for (const v of vendors) await rawList(base, v, credData, await rawAuth(base, v, credData)); // warm the stand-in
			await rawRound();
		}
		if (ph.phase === 'many') {
			for (const v of manyVendors) {
				const headers = await rawAuth(base, v, credData);
				const keys = JSON.parse(await (await fetch(`${base}/__bench/begin?label=keys&names=${v}:${MANY}`)).text()).names;
				await fetch(`${base}/__bench/end?label=keys`);
				await rawGets(base, v, headers, keys.slice(0, 50), false); // warm
				for (let i = 0; i < RAW_REPS; i++) {
					(results.rawGets[`${v}|seq`] ||= []).push(await rawGets(base, v, headers, keys, false));
					(results.rawGets[`${v}|all`] ||= []).push(await rawGets(base, v, headers, keys, true));
				}
			}
			await server.ask({ results: true }, 'results');
		}
		const ids = ph.wfs.map((w) => w.id);
		const wfs = ordered.filter((w) => ids.includes(w.id));
		Object.assign(results.runs, await executeBatch(userFolder, server, wfs, ph.phase));
		if (ph.raw) await rawRound();
		results.loads[results.loads.length - 1].after = os.loadavg();
	}
	// what follows measures the stand-in without an answer delay (only the sync phase has one)
	await server.ask({ latency: 0 }, 'latencySet');
	if (SECTIONS.has(3)) {
		await server.ask({ users: 10000 }, 'usersReset');
		results.xml = await xmlParsers(base, credData);
	}
	if (SECTIONS.has(5)) {
		await server.ask({ users: 10000 }, 'usersReset');
		results.loads.push({ phase: 'poll', before: os.loadavg() });
		results.poll = await pollBench({ userFolder, vendors, credentials: creds, reps: REPS, credentialOf: (v) => VENDORS[v].credential, log });
		results.loads[results.loads.length - 1].after = os.loadavg();
	}
	server.stop();

	const report = summarise(results, vendors, xmlVendors);
	const meta = {
		date: new Date().toISOString(),
		machine: `${os.cpus()[0].model}, ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}`,
		node: process.version,
		n8n: runtime.N8N_VERSION,
		load0,
		load1: os.loadavg(),
		loads: results.loads,
		minutes: (Date.now() - t0) / 60000,
		reps: REPS,
		syncReps: SYNC_REPS,
		syncLatency: SYNC_LATENCY,
		syncUsers: SYNC_USERS,
		bigReps: BIG_REPS,
		manyReps: MANY_REPS,
		rawReps: RAW_REPS,
	};
	const md = render(report, meta);
	process.stdout.write(`${md}\n`);
	if (!process.argv.includes('--no-write')) fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), md);
	fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify({ meta, results }, null, 2));
}

// --------------------------------------------------------------------------- report

function runsOf(results, prefix) {
	return Object.values(results.runs).filter((r) => r.label.startsWith(prefix));
}

function summarise(results, vendors, xmlVendors) {
	const rep = { list: [], scale: [], xml: [], many: [], errors: [] };
	for (const r of Object.values(results.runs)) if (r.error) rep.errors.push(`${r.label}: ${r.error}`);
	const rawMedian = (phase, v) => median(results.raw[`${phase}|${v}`] || []);
	for (const v of vendors) {
		const ours = runsOf(results, `10k|ours|${v}|`);
		const http = runsOf(results, `10k|http|${v}|`);
		const o = median(ours.map((r) => r.times && r.times.Ours));
		const h = median(http.map((r) => r.times && r.times['HTTP Request'] + r.times['Split Out']));
		const raw = rawMedian('10k', v);
		rep.list.push({
			vendor: v,
			paging: VENDORS[v].paging,
			ours: o,
			raw,
			http: h,
			oursRaw: o / raw,
			oursHttp: o / h,
			httpRaw: h / raw,
			counts: [...new Set(ours.map((r) => r.count))].join('/'),
			httpCounts: [...new Set(http.map((r) => r.count))].join('/'),
			requests: median(ours.map((r) => r.mark && r.mark.standin && r.mark.standin.total)),
			httpRequests: median(http.map((r) => r.mark && r.mark.standin && r.mark.standin.total)),
			connections: median(ours.map((r) => r.mark && r.mark.standin && r.mark.standin.connections)),
			httpConnections: median(http.map((r) => r.mark && r.mark.standin && r.mark.standin.connections)),
			n: ours.filter((r) => r.times).length,
		});
		const sizes = [];
		for (const [phase, users] of [['1k', 1000], ['s10k', 10000], ['100k', 100000]]) {
			const runs = runsOf(results, `${phase}|ours|${v}|`);
			if (!runs.length) continue;
			const ms = median(runs.map((r) => r.times && r.times.Ours));
			sizes.push({
				phase,
				users,
				ms,
				usPerUser: (ms * 1000) / users,
				raw: rawMedian(phase, v),
				peakRss: median(runs.map((r) => r.mark && r.mark.peakRss)),
				counts: [...new Set(runs.map((r) => r.count))].join('/'),
				n: runs.filter((r) => r.times).length,
			});
		}
		const at = (p) => sizes.find((s) => s.phase === p);
		if (sizes.length) rep.scale.push({ vendor: v, sizes, ratio: at('100k') && at('s10k') ? at('100k').usPerUser / at('s10k').usPerUser : NaN });
		if (xmlVendors.includes(v)) {
			const xml = median(runsOf(results, `10k|xml|${v}|`).map((r) => r.times && r.times.Ours));
			if (Number.isFinite(xml)) rep.xml.push({ vendor: v, json: o, xml, ratio: xml / o, counts: [...new Set(runsOf(results, `10k|xml|${v}|`).map((r) => r.count))].join('/') });
		}
	}
	for (const v of ['pcRecruiter', 'hcss']) {
		const runs = runsOf(results, `many|ours|${v}|`);
		if (!runs.length) continue;
		if (!runs.length) continue;
		const ms = median(runs.map((r) => r.times && r.times.Ours));
		const seq = median(results.rawGets[`${v}|seq`] || []);
		const all = median(results.rawGets[`${v}|all`] || []);
		const logins = (r) => {
			const s = r.mark && r.mark.standin && r.mark.standin[v === 'hcss' ? 'hcss' : 'pcRecruiter'];
			return s ? (v === 'hcss' ? s.tokens : s.logins) : undefined;
		};
		const expired = runsOf(results, `many|expired|${v}|`)[0];
		const warm = runsOf(results, `warm:many|ours|${v}|`)[0];
		rep.many.push({
			vendor: v,
			ms,
			rps: (MANY * 1000) / ms,
			rawSeqRps: (MANY * 1000) / seq,
			rawAllRps: (MANY * 1000) / all,
			logins: [warm, ...runs].filter(Boolean).map(logins),
			requests: [warm, ...runs].filter(Boolean).map((r) => r.mark && r.mark.standin && r.mark.standin.total),
			counts: [...new Set(runs.map((r) => r.count))].join('/'),
			expired: expired && {
				logins: logins(expired),
				requests: expired.mark && expired.mark.standin && expired.mark.standin.total,
				authFailures: expired.mark && expired.mark.standin && Object.values(expired.mark.standin).reduce((n, s) => n + (s.authFailures || 0), 0),
				count: expired.count,
				ms: expired.times && expired.times.Ours,
				error: expired.error,
			},
		});
	}
	rep.memory = [];
	for (const [phase, users] of [['1k', 1000], ['s10k', 10000], ['100k', 100000]]) {
		const all = Object.values(results.runs).filter((r) => r.label.startsWith(`${phase}|`) || r.label.startsWith(`warm:${phase}|`));
		if (!all.length) continue;
		const first = all.find((r) => r.label.startsWith(`warm:${phase}|`)) || all[0];
		const peak = Math.max(...all.map((r) => (r.mark && r.mark.peakRss) || 0));
		rep.memory.push({ phase, users, before: first.mark && first.mark.rssBefore, peak, perUser: first.mark ? (peak - first.mark.rssBefore) / users : NaN });
	}
	for (const v of ['pcRecruiter', 'hcss']) {
		const m = rep.many.find((x) => x.vendor === v);
		if (!m) continue;
		m.http = median(runsOf(results, `many|http|${v}|`).map((r) => r.times && r.times['HTTP Request']));
		m.httpRps = (MANY * 1000) / m.http;
	}
	rep.xmlParsers = results.xml;
	rep.poll = Object.entries(results.poll || {}).map(([vendor, p]) => {
		const returnAll = (rep.list.find((r) => r.vendor === vendor) || {}).ours;
		const poll = median(p.polls);
		return { vendor, returnAll, poll, ratio: poll / returnAll, baseline: p.baseline, staticBytes: p.staticBytes, executions: p.executions, n: p.polls.length };
	});
	rep.sync = summariseSync(results, vendors);
	return rep;
}

const ok = (cond) => (cond ? 'met' : 'MISSED');

function render(rep, meta) {
	const L = [];
	L.push('# Benchmark results');
	L.push('');
	L.push('Written by `npm run bench` (bench/run.js); numbers from one run of it. Re-run to refresh.');
	L.push('');
	L.push(`- Date: ${meta.date} (${meta.minutes.toFixed(1)} minutes)`);
	L.push(`- Machine: ${meta.machine}; shared with other jobs`);
	L.push(`- Load average (1/5/15 min): ${meta.load0.map((x) => x.toFixed(2)).join(' / ')} at the start, ${meta.load1.map((x) => x.toFixed(2)).join(' / ')} at the end; per phase: ${meta.loads.map((l) => `${l.phase} ${l.before[0].toFixed(2)}→${l.after ? l.after[0].toFixed(2) : '?'}`).join(', ')}`);
	L.push(`- n8n ${meta.n8n} on Node ${meta.node} (SQLite, regular mode); our package packed and installed as a community package`);
	L.push(`- Runs: ${meta.reps} per variant (${meta.bigReps} at 100,000 users, ${meta.manyReps} for many items), after one warm-up run of each that is left out; raw loops ${meta.rawReps}× before and after each phase; medians`);
	L.push('- Node time: `executionTime` of the node in n8n\'s run data. HTTP Request time: HTTP Request + Split Out. Raw: a keep-alive `fetch` loop on the same Node 24 over the same pages, parsing each page and collecting the users into one array (login/token fetched once, outside the timing)');
	L.push('');
	if (rep.list.length) {
		L.push('## 1. Return All, 10,000 users');
		L.push('');
		L.push('| node | paging | ours ms | raw ms | HTTP Request + Split Out ms | ours/raw (≤ 1.5) | ours/HTTP (≤ 0.8) | HTTP/raw | requests ours/HTTP | new TCP connections ours/HTTP | items ours/HTTP |');
		L.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
		for (const r of rep.list) {
			L.push(`| ${VENDORS[r.vendor].label} | ${r.paging} | ${fmt(r.ours)} | ${fmt(r.raw)} | ${fmt(r.http)} | ${fmt(r.oursRaw, 2)} ${ok(r.oursRaw <= 1.5)} | ${fmt(r.oursHttp, 2)} ${ok(r.oursHttp <= 0.8)} | ${fmt(r.httpRaw, 2)} | ${fmt(r.requests)}/${fmt(r.httpRequests)} | ${fmt(r.connections)}/${fmt(r.httpConnections)} | ${r.counts} / ${r.httpCounts} |`);
		}
		L.push('');
	}
	if (rep.scale.length) {
		L.push('## 2. Scale: Return All at 1,000, 10,000 and 100,000 users');
		L.push('');
		L.push('| node | users | ours ms | µs per user | raw ms | raw µs per user | items | runs |');
		L.push('|---|---:|---:|---:|---:|---:|---:|---:|');
		for (const s of rep.scale) {
			for (const z of s.sizes) {
				L.push(`| ${VENDORS[s.vendor].label} | ${z.users.toLocaleString('en')} | ${fmt(z.ms)} | ${fmt(z.usPerUser, 1)} | ${fmt(z.raw)} | ${fmt((z.raw * 1000) / z.users, 1)} | ${z.counts} | ${z.n} |`);
			}
		}
		L.push('');
		if (rep.memory.length) {
			L.push('n8n memory, one n8n process per size running all five nodes (warm-up included): RSS before its first run, the highest RSS seen during any run, and the growth per user of the largest list:');
			L.push('');
			L.push('| users per run | RSS before | peak RSS | peak − before | per user |');
			L.push('|---:|---:|---:|---:|---:|');
			for (const m of rep.memory) L.push(`| ${m.users.toLocaleString('en')} | ${mb(m.before)} | ${mb(m.peak)} | ${mb(m.peak - m.before)} | ${fmt(m.perUser / 1024, 1)} KiB |`);
			L.push('');
		}
		L.push('Per-user cost at 100,000 against 10,000 (target ≤ 1.3×): ' + rep.scale.map((s) => `${VENDORS[s.vendor].label} ${fmt(s.ratio, 2)}× ${ok(s.ratio <= 1.3)}`).join('; '));
		L.push('');
	}
	if (rep.xml.length || rep.xmlParsers) {
		L.push('## 3. XML against JSON, 10,000 users');
		L.push('');
		if (rep.xml.length) {
			L.push('| node | JSON ms | XML ms | XML/JSON (≤ 4) | items (XML) |');
			L.push('|---|---:|---:|---:|---:|');
			for (const x of rep.xml) L.push(`| ${VENDORS[x.vendor].label} | ${fmt(x.json)} | ${fmt(x.xml)} | ${fmt(x.ratio, 2)} ${ok(x.ratio <= 4)} | ${x.counts} |`);
			L.push('');
		}
		const p = rep.xmlParsers;
		if (p) {
			L.push(`Parsers on one document (PCRecruiter \`GET /users\`, ${p.users.toLocaleString('en')} users: XML ${(p.xmlBytes / 1048576).toFixed(1)} MB, JSON ${(p.jsonBytes / 1048576).toFixed(1)} MB), median of ${meta.rawReps}, Node ${meta.node}:`);
			L.push('');
			L.push('| parser | ms | vs JSON.parse |');
			L.push('|---|---:|---:|');
			L.push(`| JSON.parse (the JSON document) | ${fmt(p.jsonParse, 1)} | 1.0 |`);
			L.push(`| ours: parseXml (nodes/shared/xml.ts): our reader of plain documents, then normalise | ${fmt(p.ours, 1)} | ${fmt(p.ours / p.jsonParse, 1)} |`);
			L.push(`| xml2js, as n8n's XML node runs it (mergeAttrs, explicitArray: false) | ${fmt(p.xml2js, 1)} | ${fmt(p.xml2js / p.jsonParse, 1)} |`);
			L.push('');
		}
	}
	if (rep.many.length) {
		L.push(`## 4. Many items: ${MANY.toLocaleString('en')} input items, one \`get\` each`);
		L.push('');
		L.push('| node | ours ms | ours req/s | HTTP Request req/s | raw req/s (sequential keep-alive) | raw req/s (all at once) | ours / raw sequential | login requests per run (fresh credential each; first = first run in the process) | requests per run | items |');
		L.push('|---|---:|---:|---:|---:|---:|---:|---|---|---:|');
		for (const m of rep.many) {
			L.push(`| ${VENDORS[m.vendor].label} | ${fmt(m.ms)} | ${fmt(m.rps)} | ${fmt(m.httpRps)} | ${fmt(m.rawSeqRps)} | ${fmt(m.rawAllRps)} | ${fmt(m.rps / m.rawSeqRps, 2)} | ${m.logins.join(', ')} ${ok(m.logins[0] === 1 && m.logins.every((x) => x <= 1))} | ${m.requests.join(', ')} | ${m.counts} |`);
		}
		L.push('');
		for (const m of rep.many) {
			if (!m.expired) continue;
			const e = m.expired;
			L.push(`- ${VENDORS[m.vendor].label}, session/token expired just before the run (every request answers 401 once): ${e.logins} ${m.vendor === 'hcss' ? 'token' : 'login'} request(s) ${ok(e.logins === 1)}, ${e.requests} requests, ${e.authFailures} refused, ${e.count} items, ${fmt(e.ms)} ms${e.error ? `, error: ${e.error}` : ''}`);
		}
		L.push('');
	}
	if (rep.poll && rep.poll.length) {
		L.push('## 5. Directory trigger: one poll of 10,000 users with no change');
		L.push('');
		L.push('n8n\'s own clock around `poll()` (its `poll_trigger_duration_seconds` histogram), in `n8n start`: the first poll at activation records the baseline; each later poll, on n8n\'s schedule (once a minute, the four triggers 15 s apart), lists the same 10,000 users and compares them with the snapshot. Return All: section 1\'s node time for the same users.');
		L.push('');
		L.push('| trigger | Return All ms | poll, no change ms | poll / Return All | first poll (baseline) ms | static data (snapshot) | per user | executions started | polls |');
		L.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
		for (const p of rep.poll) {
			L.push(`| ${VENDORS[p.vendor].label} Trigger | ${fmt(p.returnAll)} | ${fmt(p.poll)} | ${fmt(p.ratio, 2)} | ${fmt(p.baseline)} | ${(p.staticBytes / 1024).toFixed(0)} KiB | ${fmt(p.staticBytes / 10000, 1)} bytes | ${p.executions} | ${p.n} |`);
		}
		L.push('');
	}
	L.push(...renderSync(rep.sync, meta));
	L.push('## Notes');
	L.push('');
	L.push('- Every figure is a median over interleaved runs on a 2-CPU machine that other jobs were using at the same time (see the load averages above): ratios move by ±20% between runs of this benchmark. Compare figures within one RESULTS.md, not across them.');
	L.push('- What is left of the gap to the raw loop is mostly n8n\'s own cost per request: n8n opens a new TCP connection for every request (the raw loop keeps one alive), builds new HTTP agents and its checks for each, and hands the answer over as bytes. Get Many is a whole-input operation: it reads the credential once per list and skips n8n\'s RoutingNode, which evaluated the node\'s base-URL expression twice per item in the isolated-vm expression sandbox (about 18 ms of a run when it was routed). HighQ\'s list says nothing of its length, so its 51 pages go one after another; the others fetch up to Max Requests at Once pages at a time. Our nodes ask for the largest page each API accepts, so a Return All makes as few requests as the API allows.');
	L.push('- Memory: n8n keeps a node\'s whole output in its run data, so the peak grows with the list; the table shows the process RSS, which includes memory V8 has not returned to the system.');
	L.push('');
	if (rep.errors.length) {
		L.push('## Errors');
		L.push('');
		for (const e of rep.errors) L.push(`- ${e}`);
		L.push('');
	}
	return L.join('\n');
}

// --------------------------------------------------------------------------- entry

if (require.main === module) {
	const p = runtime.paths();
	if (Number(process.versions.node.split('.')[0]) < 24) {
		// the raw loops and parsers run on the same Node as n8n
		(async () => {
			await runtime.install();
			const child = spawn(p.nodeBin, [__filename, ...process.argv.slice(2)], { stdio: 'inherit', env: runtime.node24Env(p, { NODE_PATH: path.join(ROOT, 'node_modules') }) });
			child.on('close', (code) => process.exit(code ?? 1));
		})().catch((err) => {
			log(err && err.stack);
			process.exit(1);
		});
	} else {
		const run = process.argv.includes('--render')
			? async () => {
					// re-render bench/RESULTS.md from the last run's bench/out/results.json
					const { meta, results } = JSON.parse(fs.readFileSync(path.join(OUT, 'results.json'), 'utf8'));
					const vendors = Object.keys(VENDORS);
					const md = render(summarise(results, vendors, vendors.filter((v) => VENDORS[v].xml)), meta);
					process.stdout.write(`${md}\n`);
					fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), md);
				}
			: main;
		run().then(
			() => process.exit(0),
			(err) => {
				log(err && err.stack);
				process.exit(1);
			},
		);
	}
}

module.exports = { median, summarise, render };
