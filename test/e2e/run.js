#!/usr/bin/env node
/**
 * End-to-end: our package inside a real n8n (SQLite, installed by scripts/n8n-runtime.js:
 * 2.41 on Node 24, or with N8N_VERSION=1 1.123 on Node 22), talking to the vendor stand-in
 * (test/standin/server.js).
 *
 *   node test/e2e/run.js                 run every test/e2e/specs/*.spec.js
 *   node test/e2e/run.js some.spec.js    run the given spec files
 *   node test/e2e/run.js --workflow wf.json   import and execute one workflow, print its items
 *
 * A spec is a CommonJS module exporting `{ name, run: async (e2e, assert) => {} }` (or an
 * array of them). `e2e.executeWorkflow(workflowJson)` imports the workflow into n8n and runs
 * it with `n8n execute --id <id> --rawOutput` (`e2e.executeWorkflows([...])` imports several at
 * once and runs each), and resolves to
 *   { items: { [nodeName]: json[] }, outputs: { [nodeName]: json[][] }, errors: { [nodeName]: (error|null)[] },
 *     error, nodeErrors, run, ms }
 * (`errors` lines up with `items`: the error an item carries when its node failed under On Error -> Continue)
 * `e2e.standin` is the running stand-in ({ url, standin, credentials() }); `e2e.credentials`
 * maps each credential type to `{ id, name }` for a node's `credentials` field.
 *
 * Ends with the line `N passed, N failed`.
 */
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const runtime = require('../../scripts/n8n-runtime');
const local = require('../../scripts/n8n-local');
const preflight = require('../../scripts/preflight');
const { start: startStandin } = require('../standin/server');

function log(msg) {
	process.stderr.write(`[e2e] ${msg}\n`);
}

/** Finds the IRun JSON that `n8n execute` printed (through its logger, among other lines). */
function extractRun(stdout) {
	const lines = stdout.split('\n');
	const starts = [];
	lines.forEach((l, i) => l === '{' && starts.push(i));
	for (const s of starts.reverse()) {
		for (let e = lines.length - 1; e > s; e--) {
			if (lines[e] !== '}') continue;
			try {
				const obj = JSON.parse(lines.slice(s, e + 1).join('\n'));
				if (obj && obj.data && obj.data.resultData) return obj;
			} catch {
				/* try a shorter span */
			}
		}
	}
	return null;
}

/** Items per node from an IRun: the first output of each node's last run, and all outputs. */
function itemsOf(run) {
	const items = {};
	const outputs = {};
	const nodeErrors = {};
	const errors = {};
	const runData = (run && run.data && run.data.resultData && run.data.resultData.runData) || {};
	for (const [node, tasks] of Object.entries(runData)) {
		const last = tasks[tasks.length - 1];
		const main = (last && last.data && last.data.main) || [];
		outputs[node] = main.map((branch) => (branch || []).map((it) => it.json));
		items[node] = outputs[node][0] || [];
		// an item that failed under On Error -> Continue carries { json: {}, error }
		errors[node] = ((main[0] || [])).map((it) => (it && it.error) || null);
		if (last && last.error) nodeErrors[node] = last.error;
	}
	return { items, outputs, nodeErrors, errors };
}

class E2E {
	/**
	 * Installs n8n (cached), builds and installs our package into a fresh user folder, starts
	 * the stand-in and imports the demo credentials. With `tarball` (and `packageName`), that
	 * package is installed instead, alone, and only the demo credentials of `credentialTypes`.
	 */
	static async setup({ users = 250, build = true, keep = !!process.env.E2E_KEEP, tarball, packageName = local.PACKAGE_NAME, credentialTypes } = {}) {
		const e2e = new E2E();
		e2e.keep = keep;
		e2e.packageName = packageName;
		const t0 = Date.now();
		preflight.devDependencies({ command: `node ${path.relative(local.ROOT, process.argv[1] || 'test/e2e/run.js')}` });
		await local.timed('n8n runtime', () => runtime.install());
		e2e.userFolder = local.tmpUserFolder();
		log(`user folder ${e2e.userFolder}`);
		await local.timed(`${tarball ? '' : 'build + pack + '}install ${packageName}`, () => {
			if (!tarball) local.build({ skip: !build });
			local.installPackage(e2e.userFolder, tarball || local.pack(path.join(e2e.userFolder, 'pack')));
		});
		e2e.standin = await startStandin({ port: 0, users });
		log(`stand-in on ${e2e.standin.url}`);
		const creds = local.credentialsFor(e2e.standin.url).filter((c) => !credentialTypes || credentialTypes.includes(c.type));
		// the first n8n command also loads our package: its log counts for packageLoadProblems()
		const imported = await local.timed('import credentials', () => local.importCredentials(e2e.userFolder, creds));
		e2e.logs = [`${imported.stdout}\n${imported.stderr}`];
		e2e.credentials = Object.fromEntries(creds.map((c) => [c.type, { id: c.id, name: c.name }]));
		e2e.setupMs = Date.now() - t0;
		return e2e;
	}

	/** Imports a workflow (object or path) and executes it; see the header for the result. */
	async executeWorkflow(workflow, options = {}) {
		const [res] = await this.executeWorkflows([workflow], options);
		return res;
	}

	/**
	 * Imports several workflows with one `n8n import:workflow` (about 3 s saved per workflow),
	 * then executes each with its own `n8n execute` (an n8n process boot each, about 4-5 s).
	 */
	async executeWorkflows(workflows, { env = {} } = {}) {
		const wfs = workflows.map((workflow) => {
			const wf = typeof workflow === 'string' ? JSON.parse(fs.readFileSync(workflow, 'utf8')) : { ...workflow };
			if (!wf.name) wf.name = 'e2e workflow';
			if (!wf.id) wf.id = local.stableId(`${wf.name}:${Date.now()}:${Math.random()}`);
			return wf;
		});
		const t0 = Date.now();
		await local.importWorkflows(this.userFolder, wfs);
		const importMs = Date.now() - t0;
		const results = [];
		for (const wf of wfs) {
			const t1 = Date.now();
			const r = await local.n8nCli(this.userFolder, ['execute', `--id=${wf.id}`, '--rawOutput'], { env, allowFail: true });
			const ms = Date.now() - t1; // the whole `n8n execute` process: boot, run, exit
			const output = `${r.stdout}\n${r.stderr}`;
			this.logs.push(output);
			const run = extractRun(r.stdout);
			const { items, outputs, nodeErrors, errors } = itemsOf(run);
			let error = (run && run.data.resultData.error) || null;
			if (!run && r.status !== 0) error = { message: `n8n execute exited with ${r.status}`, output: output.slice(-4000) };
			// A run that printed no run data is a failure of the harness or of n8n, never "no items".
			else if (!run) error = { message: `n8n execute exited with 0 but printed no run data (${r.stdout.length} bytes of output)`, output: output.slice(-4000) };
			results.push({ id: wf.id, items, outputs, errors, error, nodeErrors, run, status: r.status, ms, importMs, output });
		}
		return results;
	}

	/** Log lines that warn about loading the package (from every command run so far). */
	packageLoadProblems() {
		return local.packageLoadProblems(this.logs.join('\n'), this.packageName);
	}

	async teardown() {
		if (this.standin) await this.standin.close();
		if (this.userFolder && !this.keep) fs.rmSync(this.userFolder, { recursive: true, force: true });
		else if (this.userFolder) log(`kept ${this.userFolder}`);
	}
}

async function runSpecs(files) {
	const specs = [];
	for (const f of files) {
		const mod = require(path.resolve(f));
		for (const s of Array.isArray(mod) ? mod : [mod]) specs.push({ file: f, ...s });
	}
	const e2e = await E2E.setup();
	let passed = 0;
	let failed = 0;
	try {
		for (const spec of specs) {
			const t0 = Date.now();
			try {
				await spec.run(e2e, assert);
				passed++;
				log(`PASS ${spec.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
			} catch (err) {
				failed++;
				log(`FAIL ${spec.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n${err && err.stack}`);
			}
		}
		const problems = e2e.packageLoadProblems();
		if (problems.length) {
			failed++;
			log(`FAIL n8n warned while loading ${local.PACKAGE_NAME}:\n  ${problems.join('\n  ')}`);
		}
	} finally {
		await e2e.teardown();
	}
	process.stdout.write(`${passed} passed, ${failed} failed\n`);
	return failed === 0;
}

module.exports = { E2E, extractRun, itemsOf };

if (require.main === module) {
	const args = process.argv.slice(2);
	(async () => {
		const wi = args.indexOf('--workflow');
		if (wi >= 0) {
			const e2e = await E2E.setup();
			try {
				const res = await e2e.executeWorkflow(args[wi + 1]);
				process.stdout.write(JSON.stringify({ items: res.items, error: res.error, nodeErrors: res.nodeErrors, ms: res.ms }, null, 2) + '\n');
				return !res.error;
			} finally {
				await e2e.teardown();
			}
		}
		const specDir = path.join(__dirname, 'specs');
		const files = args.length ? args : fs.readdirSync(specDir).filter((f) => f.endsWith('.spec.js')).sort().map((f) => path.join(specDir, f));
		return runSpecs(files);
	})().then(
		(ok) => process.exit(ok ? 0 : 1),
		(err) => {
			log(err && err.stack);
			process.exit(1);
		},
	);
}
