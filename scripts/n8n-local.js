/**
 * What `npm start` and the e2e tests share: build and pack this package, install it into an
 * n8n user folder the way n8n installs a community package, import credentials and
 * workflows with n8n's own CLI, and start or run n8n (the one scripts/n8n-runtime.js
 * installs: n8n on Node 24, SQLite).
 *
 * Node built-ins only.
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const runtime = require('./n8n-runtime');

const ROOT = path.resolve(__dirname, '..');
const PACKAGE_JSON = require(path.join(ROOT, 'package.json'));
const PACKAGE_NAME = PACKAGE_JSON.name;

/** The origin test/e2e/credentials.json is written for; rewritten to the stand-in's real one. */
const CREDENTIALS_ORIGIN = 'http://127.0.0.1:4010';

const OWNER = {
	email: process.env.N8N_LOCAL_OWNER_EMAIL || 'owner@example.com',
	password: process.env.N8N_LOCAL_OWNER_PASSWORD || 'UserSync-local-1',
};

function log(msg) {
	process.stderr.write(`[n8n-local] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
	if (r.error) throw r.error;
	if (r.status !== 0 && !opts.allowFail) {
		throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}\n${`${r.stdout || ''}${r.stderr || ''}`.slice(-6000)}`);
	}
	return r;
}

async function timed(label, fn) {
	const t0 = Date.now();
	const out = await fn();
	log(`${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	return out;
}

// ---------------------------------------------------------------------------------------
// build, pack, install

/**
 * `npm run build` when there is something to build. On a branch without nodes/ or
 * credentials/ yet there is not: the build is skipped (with a note), and the tarball holds
 * just the manifest. A build that fails where there are sources is an error.
 */
function build({ skip = false, quiet = false } = {}) {
	if (skip) return log('build skipped (--no-build)');
	const hasSources = ['nodes', 'credentials'].some((d) => fs.existsSync(path.join(ROOT, d)));
	if (!hasSources) return log('build skipped: no nodes/ or credentials/ yet');
	if (!PACKAGE_JSON.scripts || !PACKAGE_JSON.scripts.build) return log('build skipped: no "build" script');
	// quiet: the build's output is shown only when it fails (in the error)
	run('npm', ['run', 'build'], { cwd: ROOT, stdio: quiet ? 'pipe' : 'inherit' });
}

/** `npm pack` into dir; returns the tarball path. */
function pack(dir) {
	fs.mkdirSync(dir, { recursive: true });
	const r = run('npm', ['pack', '--json', '--pack-destination', dir, '--loglevel=error'], { cwd: ROOT });
	const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
	const file = path.join(dir, info[0].filename);
	log(`packed ${info[0].filename}: ${info[0].entryCount} files, ${(info[0].size / 1024).toFixed(1)} KiB`);
	return file;
}

/**
 * Installs a tarball as n8n's community-packages service does (2.41: CommunityPackagesService
 * .downloadPackage): unpack into <userFolder>/.n8n/nodes/node_modules/<name>, drop dev, peer
 * and optional dependencies from its package.json, `npm install` the rest with scripts off,
 * and record it in nodes/package.json. n8n then finds it by scanning nodes/node_modules.
 */
function installPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	// the tarball's own name: this package, or one of the per-vendor ones (npm run pack:vendors)
	const { name } = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json']).stdout);
	const pkgDir = path.join(nodesDir, 'node_modules', name);
	fs.rmSync(pkgDir, { recursive: true, force: true });
	fs.mkdirSync(pkgDir, { recursive: true });
	run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
	const pjPath = path.join(pkgDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pj } = JSON.parse(fs.readFileSync(pjPath, 'utf8')); // eslint-disable-line no-unused-vars
	fs.writeFileSync(pjPath, JSON.stringify(pj, null, 2));
	if (pj.dependencies && Object.keys(pj.dependencies).length) {
		run(
			'npm',
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--omit=dev', '--loglevel=error'],
			{ cwd: pkgDir },
		);
	}
	const ledgerPath = path.join(nodesDir, 'package.json');
	let ledger = { name: 'installed-nodes', private: true, dependencies: {} };
	try {
		ledger = JSON.parse(fs.readFileSync(ledgerPath, 'utf8'));
		ledger.dependencies = ledger.dependencies || {};
	} catch {
		/* first install */
	}
	ledger.dependencies[name] = pj.version;
	fs.writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2));
	return pkgDir;
}

// ---------------------------------------------------------------------------------------
// n8n environment and CLI

/** A TCP port free on 127.0.0.1 right now. */
function freePort() {
	const net = require('node:net');
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function bcryptHash(password) {
	const p = runtime.paths();
	const r = run(p.nodeBin, ['-e', 'process.stdout.write(require("bcryptjs").hashSync(process.argv[1], 10))', password], { cwd: p.n8nDir });
	return r.stdout.trim();
}

let ownerHash;

/** The environment every n8n command here runs with. */
function n8nEnv(userFolder, extra = {}) {
	const p = runtime.paths();
	if (!ownerHash) ownerHash = bcryptHash(OWNER.password);
	const env = runtime.node24Env(p, {
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_PORT: '5678',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		// a fixed key, so credentials imported once stay readable
		N8N_ENCRYPTION_KEY: 'n8n-nodes-user-sync-local-only',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// a local instance that stays off n8n's online services (telemetry, version checks,
		// templates, banners, the list of verified community nodes, the MCP server registry):
		// offline, each call would only log fetch errors
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		// set explicitly (n8n's future defaults), so n8n does not warn that they will change
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(256 * 1024 * 1024),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '1000',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		// the owner exists from the first start: no setup screen
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerHash,
		N8N_INSTANCE_OWNER_FIRST_NAME: 'Local',
		N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
		...extra,
	});
	for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
	return env;
}

/**
 * Runs `n8n <args>` to completion; resolves to { status, stdout, stderr, ms }. Asynchronous
 * on purpose: a stand-in server in this same process must keep answering meanwhile.
 */
function n8nCli(userFolder, args, { env = {}, allowFail = false, timeoutMs = 300_000 } = {}) {
	const p = runtime.paths();
	const t0 = Date.now();
	// every n8n process opens a task-runner broker (default port 5679): give each its own port
	const brokerPort = env.N8N_RUNNERS_BROKER_PORT ? Promise.resolve(env.N8N_RUNNERS_BROKER_PORT) : freePort();
	return brokerPort.then((bp) => new Promise((resolve, reject) => {
		const child = spawn(p.nodeBin, [p.n8nBin, ...args], {
			env: n8nEnv(userFolder, { N8N_RUNNERS_BROKER_PORT: String(bp), ...env }),
			cwd: userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const out = [];
		const err = [];
		child.stdout.on('data', (c) => out.push(c));
		child.stderr.on('data', (c) => err.push(c));
		const timer = setTimeout(() => {
			child.kill('SIGTERM');
			setTimeout(() => child.kill('SIGKILL'), 5000).unref();
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const r = { status: code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - t0 };
			if (code !== 0 && !allowFail) {
				return reject(new Error(`n8n ${args.join(' ')} exited with ${code ?? signal}\n${`${r.stdout}${r.stderr}`.slice(-6000)}`));
			}
			resolve(r);
		});
	}));
}

/** test/e2e/credentials.json with its origin replaced by the stand-in's. */
function credentialsFor(origin, file = path.join(ROOT, 'test', 'e2e', 'credentials.json')) {
	const text = fs.readFileSync(file, 'utf8').split(CREDENTIALS_ORIGIN).join(origin.replace(/\/$/, ''));
	return JSON.parse(text);
}

async function importCredentials(userFolder, credentials) {
	const file = path.join(userFolder, 'import-credentials.json');
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
	try {
		return await n8nCli(userFolder, ['import:credentials', `--input=${file}`]);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/** A stable 16-character workflow id from a file name (so re-imports update, not duplicate). */
function stableId(seed) {
	return crypto.createHash('sha256').update(seed).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
}

/** Imports workflow objects (each given an id when it has none); returns their ids. */
async function importWorkflows(userFolder, workflows) {
	if (!workflows.length) return [];
	const dir = fs.mkdtempSync(path.join(userFolder, 'import-workflows-'));
	const ids = [];
	try {
		workflows.forEach((wf, i) => {
			const w = { active: false, settings: {}, connections: {}, ...wf };
			if (!w.id) w.id = stableId(`${w.name || 'workflow'}:${i}`);
			ids.push(w.id);
			fs.writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}.json`), JSON.stringify(w, null, 2));
		});
		await n8nCli(userFolder, ['import:workflow', '--separate', `--input=${dir}`]);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	return ids;
}

/** Every examples/*.json, with a stable id from its file name where it has none. */
function readExamples(dir = path.join(ROOT, 'examples')) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const wf = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
			if (!wf.id) wf.id = stableId(`examples/${f}`);
			return wf;
		});
}

/**
 * The workflow with every node's credential pointed at the demo credential of the same type
 * (credentials: what credentialsFor() returns). The examples name placeholder credentials
 * ("Recrubo account", id "1"), which n8n cannot match on import; these are what npm start
 * imports, so a newcomer can run each example as it opens.
 */
function withDemoCredentials(workflow, credentials) {
	const byType = new Map(credentials.map((c) => [c.type, { id: c.id, name: c.name }]));
	return {
		...workflow,
		nodes: (workflow.nodes || []).map((node) => {
			if (!node.credentials) return node;
			const creds = {};
			for (const [type, ref] of Object.entries(node.credentials)) creds[type] = byType.get(type) || ref;
			return { ...node, credentials: creds };
		}),
	};
}

/** Lines of an n8n log that say something about loading a package (ours by default), or failing to load any. */
function packageLoadProblems(logText, packageName = PACKAGE_NAME) {
	return logText
		.split('\n')
		// (stack frames and JSON string lines belong to an execution's result, e.g. an expected error)
		.filter((l) => !/^\s*(at |")/.test(l))
		.filter((l) => (l.includes(packageName) || /Failed to load|could not be loaded|Unknown credential name|is already loaded/i.test(l)) && /warn|error|fail|unknown|could not/i.test(l));
}

/**
 * Starts `n8n start`; resolves once /healthz/readiness answers.
 * stdio: 'log' (to <userFolder>/n8n-start.log), 'inherit', or a function given the child
 * right away to read its piped stdout and stderr. nodeArgs go to Node before n8n's script
 * (e.g. `--require` a probe). Returns { url, child, stop(), logFile, startupMs }.
 */
async function startN8n(userFolder, { port = 5678, env = {}, stdio = 'log', nodeArgs = [], timeoutMs = 180_000 } = {}) {
	const p = runtime.paths();
	const brokerPort = env.N8N_RUNNERS_BROKER_PORT || String(await freePort());
	const logFile = path.join(userFolder, 'n8n-start.log');
	const out = stdio === 'inherit' ? 'inherit' : typeof stdio === 'function' ? 'pipe' : fs.openSync(logFile, 'w');
	const t0 = Date.now();
	const child = spawn(p.nodeBin, [...nodeArgs, p.n8nBin, 'start'], {
		env: n8nEnv(userFolder, { N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: brokerPort, ...env }),
		cwd: userFolder,
		stdio: ['ignore', out, out],
	});
	if (typeof stdio === 'function') stdio(child);
	const url = `http://localhost:${port}`;
	let exited = null;
	child.on('exit', (code, signal) => (exited = { code, signal }));
	const stop = () =>
		new Promise((resolve) => {
			if (exited) return resolve(exited);
			child.once('exit', (code, signal) => resolve({ code, signal }));
			child.kill('SIGTERM');
			setTimeout(() => exited || child.kill('SIGKILL'), 20_000).unref();
		});
	return new Promise((resolve, reject) => {
		const poll = async () => {
			if (exited) return reject(new Error(`n8n exited during startup (${JSON.stringify(exited)}); see ${logFile}`));
			if (Date.now() - t0 > timeoutMs) {
				await stop();
				return reject(new Error(`n8n not ready after ${timeoutMs} ms; see ${logFile}`));
			}
			try {
				const res = await fetch(`http://127.0.0.1:${port}/healthz/readiness`);
				if (res.ok) return resolve({ url, child, stop, logFile, startupMs: Date.now() - t0 });
			} catch {
				/* not listening yet */
			}
			setTimeout(poll, 250);
		};
		poll();
	});
}

function tmpUserFolder(prefix = 'n8n-e2e-') {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

module.exports = {
	ROOT,
	PACKAGE_NAME,
	OWNER,
	CREDENTIALS_ORIGIN,
	build,
	pack,
	installPackage,
	n8nEnv,
	n8nCli,
	credentialsFor,
	importCredentials,
	importWorkflows,
	readExamples,
	withDemoCredentials,
	stableId,
	packageLoadProblems,
	startN8n,
	tmpUserFolder,
	freePort,
	run,
	timed,
	log,
};
