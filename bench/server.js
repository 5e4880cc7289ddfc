/**
 * The benchmark's server process: the vendor stand-in (test/standin/server.js) plus a few
 * `/__bench/*` routes that the benchmark workflows call from inside n8n, so that one n8n
 * process can run many measured workflows one after another:
 *
 *   GET /__bench/begin?label=L[&names=vendor:N]  a workflow starts: resets n8n's peak-RSS mark
 *                                                (/proc/<pid>/clear_refs), notes the stand-in's
 *                                                counters; with `names`, answers
 *                                                { names: [...] } (N user keys of one vendor)
 *   GET /__bench/begin?...&sync=vendor            answers { users: [...] }: the input of a "sync" run,
 *                                                one item per user of the vendor, 1% of them changed
 *                                                (bench/syncInput.js)
 *   GET /__bench/end?label=L                     a workflow ends: reads n8n's peak RSS, the stand-in's
 *                                                counters since begin and the most requests each
 *                                                vendor had in flight at once
 *
 * Run as a child of bench/run.js (IPC): the parent sends { pid } (the n8n process to watch)
 * and { results: true } (answered with everything recorded since the last ask).
 * A separate process from the benchmark driver, so that the raw fetch loop, like n8n,
 * talks to a server that does not share its event loop.
 */
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const { createStandin, uuidFrom } = require('../test/standin/server');
const { syncInput } = require('./syncInput');

const standin = createStandin({ users: Number(process.env.BENCH_USERS || 10000), latencyMs: 0 });
let watchedPid = 0;
const open = new Map();
let results = [];

function procStatus(pid) {
	try {
		const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (key) => {
			const m = new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
			return m ? Number(m[1]) * 1024 : undefined;
		};
		return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
	} catch {
		return {};
	}
}

function resetPeak(pid) {
	try {
		// "5" resets the peak resident set size (VmHWM) of the process (Linux >= 4.0)
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

let connections = 0;

function counters() {
	const s = standin.stats();
	const out = { total: s.total, connections };
	for (const [vendor, v] of Object.entries(s.vendors)) {
		out[vendor] = { requests: v.requests, logins: v.logins, tokens: v.tokens, authFailures: v.authFailures };
	}
	return out;
}

function diff(a, b) {
	const out = { total: b.total - a.total, connections: b.connections - a.connections };
	for (const vendor of Object.keys(b)) {
		if (vendor === 'total' || vendor === 'connections') continue;
		const d = {};
		for (const k of Object.keys(b[vendor])) d[k] = b[vendor][k] - a[vendor][k];
		if (d.requests || d.logins || d.tokens || d.authFailures) out[vendor] = d;
	}
	return out;
}

/** The keys a `get` takes for the first n users of a vendor, as the stand-in generates them. */
async function userKeys(vendor, n) {
	if (vendor === 'hcss') return Array.from({ length: n }, (_, i) => uuidFrom(`hcss:${i}`));
	if (vendor === 'recrubo') return Array.from({ length: n }, (_, i) => uuidFrom(`recrubo:${i}`));
	if (vendor === 'formsOnFire') return Array.from({ length: n }, (_, i) => uuidFrom(`fof:${i}`));
	if (vendor === 'highQ') return Array.from({ length: n }, (_, i) => String(i + 1));
	if (vendor === 'pcRecruiter') {
		// user names are derived from the data: ask the stand-in for them, as a client would
		const login = await self('POST', '/pcr/rest/api/access-token', standin.config.credentials.pcRecruiter);
		const list = await self('GET', `/pcr/rest/api/users?Page=1&ResultsPerPage=${Math.min(n, 500)}`, undefined, {
			authorization: `BEARER ${login.SessionId}`,
		});
		const names = list.Results.map((u) => u.UserName);
		for (let page = 2; names.length < n; page++) {
			const more = await self('GET', `/pcr/rest/api/users?Page=${page}&ResultsPerPage=500`, undefined, {
				authorization: `BEARER ${login.SessionId}`,
			});
			if (!more.Results.length) break;
			names.push(...more.Results.map((u) => u.UserName));
		}
		await self('DELETE', '/pcr/rest/api/access-token', undefined, { authorization: `BEARER ${login.SessionId}` });
		return names.slice(0, n);
	}
	throw new Error(`unknown vendor ${vendor}`);
}

let port = 0;
function self(method, path, body, headers = {}) {
	const form = method === 'POST-FORM';
	return fetch(`http://127.0.0.1:${port}${path}`, {
		method: form ? 'POST' : method,
		headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', accept: 'application/json', ...headers },
		body: body === undefined ? undefined : form ? new URLSearchParams(body).toString() : JSON.stringify(body),
	}).then((r) => (r.status === 204 ? {} : r.json()));
}

/** Starts a new peak: each vendor's most-at-once becomes what it has in flight now. */
function resetPeaks() {
	for (const v of Object.values(standin.stats().vendors)) v.peakInFlight = v.inFlight;
}

function peaks() {
	return Object.fromEntries(Object.entries(standin.stats().vendors).map(([vendor, v]) => [vendor, v.peakInFlight]));
}

async function bench(req, res, url) {
	const label = url.searchParams.get('label') || '';
	const send = (obj) => {
		const buf = Buffer.from(JSON.stringify(obj));
		res.writeHead(200, { 'content-type': 'application/json', 'content-length': buf.length });
		res.end(buf);
	};
	if (url.pathname === '/__bench/begin') {
		// what the workflow needs comes first, so that its requests are not counted
		const names = url.searchParams.get('names');
		let body = { ok: true };
		if (names) {
			const [vendor, n] = names.split(':');
			body = { names: await userKeys(vendor, Number(n)) };
		}
		const sync = url.searchParams.get('sync');
		if (sync) body = { users: await syncInput(self, standin.config.credentials, sync, `r${label.replace(/[^a-z0-9]/gi, '').slice(-12)}`, url.searchParams.get('leavers') === '1') };
		// every session and token goes stale: the run must log in again, once
		if (url.searchParams.get('expire') === '1') await self('POST', '/__expire');
		const peakReset = watchedPid ? resetPeak(watchedPid) : false;
		resetPeaks();
		open.set(label, { t: Date.now(), counters: counters(), rssBefore: procStatus(watchedPid).rss, peakReset });
		return send(body);
	}
	if (url.pathname === '/__bench/end') {
		const begin = open.get(label);
		open.delete(label);
		const st = procStatus(watchedPid);
		results.push({
			label,
			wallMs: begin ? Date.now() - begin.t : undefined,
			rssBefore: begin && begin.rssBefore,
			rssAfter: st.rss,
			peakRss: begin && begin.peakReset ? st.hwm : undefined,
			standin: begin ? diff(begin.counters, counters()) : undefined,
			inFlight: peaks(),
		});
		return send({ ok: true });
	}
	res.writeHead(404);
	res.end();
}

const server = http.createServer((req, res) => {
	const url = new URL(req.url, 'http://127.0.0.1');
	const p = url.pathname.startsWith('/__bench/') ? bench(req, res, url) : standin.handle(req, res);
	p.catch((err) => {
		process.stderr.write(`bench server: ${err && err.stack}\n`);
		if (!res.headersSent) res.writeHead(500);
		res.end();
	});
});
server.keepAliveTimeout = 30_000;
// TCP connections opened by clients: how many requests each connection carried
server.on('connection', () => connections++);

process.on('message', (msg) => {
	if (msg && msg.pid !== undefined) watchedPid = msg.pid;
	if (msg && msg.results) {
		process.send({ results });
		results = [];
	}
	if (msg && msg.users !== undefined) {
		standin.reset(msg.users);
		process.send({ usersReset: msg.users });
	}
	if (msg && msg.latency !== undefined) {
		// how long every vendor request takes to answer (the sync section: a vendor over a network)
		standin.config.latencyMs = msg.latency;
		process.send({ latencySet: msg.latency });
	}
	if (msg && msg.stop) server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));

server.listen(Number(process.env.BENCH_PORT || 0), '127.0.0.1', () => {
	port = server.address().port;
	process.send({ url: `http://127.0.0.1:${port}` });
});
