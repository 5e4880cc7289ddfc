#!/usr/bin/env node
/**
 * `npm start`: this package inside a real n8n at http://localhost:5678, wired to the vendor
 * stand-in, with the demo credentials and every examples/*.json workflow imported.
 *
 *   npm ci; npm start         the first time (npm ci installs the build tools; the first
 *                             start installs n8n itself, about 6 minutes)
 *   npm start                 build, pack, install, import, start (Ctrl-C stops everything)
 *   npm start -- --no-build   use dist/ as it is
 *   npm start -- --fresh      start from a new n8n user folder (new database)
 *
 * The n8n user folder is outside the clone (under the user's cache folder, printed at the
 * start), so n8n loads the package exactly as it loads a community package: its peer
 * n8n-workflow comes from n8n's own installation, not from the clone's node_modules.
 *
 * Env: N8N_PORT (5678), STANDIN_PORT (4010), STANDIN_USERS (250), N8N_LOG_LEVEL (warn:
 * n8n's warnings and errors, the nodes' own log lines among them), N8N_LOCAL_OWNER_EMAIL /
 * N8N_LOCAL_OWNER_PASSWORD (owner@example.com / UserSync-local-1: the owner exists from the
 * first start, there is no setup screen).
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const preflight = require('./preflight');
const { duration } = require('./progress');

const ROOT = path.resolve(__dirname, '..');
const STEPS = 4;

function log(msg) {
	process.stderr.write(`[start] ${msg}\n`);
}

function isInside(dir, parent) {
	const rel = path.relative(parent, dir);
	return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * npm start's n8n user folder: <cache folder>/n8n-nodes-user-sync/<clone name>-<hash of its
 * path>, one per clone, never inside the clone (then under the temp folder instead).
 */
function userFolder(root = ROOT, env = process.env) {
	const home = os.homedir();
	const cache =
		env.XDG_CACHE_HOME ||
		(process.platform === 'darwin' ? path.join(home, 'Library', 'Caches') : process.platform === 'win32' ? env.LOCALAPPDATA : path.join(home, '.cache'));
	const id = crypto.createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 8);
	const name = path.join('n8n-nodes-user-sync', `${path.basename(root)}-${id}`);
	const folder = cache ? path.join(path.resolve(cache), name) : undefined;
	return folder && !isInside(folder, root) ? folder : path.join(os.tmpdir(), name);
}

async function main(args) {
	const t0 = Date.now();
	preflight.devDependencies({ command: 'npm start' }); // within a second, before any download
	const runtime = require('./n8n-runtime');
	const local = require('./n8n-local');
	const { start: startStandin } = require('../test/standin/server');
	const { createFilterStream } = require('./quiet-n8n');
	const N8N_PORT = Number(process.env.N8N_PORT || 5678);
	const STANDIN_PORT = Number(process.env.STANDIN_PORT || 4010);

	const folder = userFolder();
	if (args.includes('--fresh')) fs.rmSync(folder, { recursive: true, force: true });
	fs.mkdirSync(folder, { recursive: true });
	log(`n8n user folder: ${folder}${args.includes('--fresh') ? ' (new)' : '  (npm start -- --fresh starts it anew)'}`);
	if (fs.existsSync(path.join(ROOT, '.n8n-local'))) log('.n8n-local/ in this clone is no longer used (the user folder above replaces it): you may delete it');

	const times = [];
	/** Names step n with its expected duration; its time goes into the closing line as `short`. */
	const step = async (n, short, label, expected, fn) => {
		log(`${n}/${STEPS} ${label}${expected ? ` (about ${expected})` : ''}`);
		const t = Date.now();
		const out = await fn();
		times.push(`${short} ${duration(Date.now() - t)}`);
		return out;
	};

	await step(1, 'runtime', 'n8n runtime', runtime.isInstalled() ? '' : '6 min, the first time only', () => runtime.install());
	await step(2, 'package', 'build, pack and install the package', '20 s', () => {
		local.build({ skip: args.includes('--no-build'), quiet: true });
		const packDir = path.join(folder, 'pack');
		fs.rmSync(packDir, { recursive: true, force: true });
		local.installPackage(folder, local.pack(packDir));
	});

	const standin = await startStandin({ port: STANDIN_PORT });
	const credentials = local.credentialsFor(standin.url);
	const examples = local.readExamples().map((wf) => local.withDemoCredentials(wf, credentials));
	await step(3, 'imports', `import the demo credentials and ${examples.length} example workflows`, '15 s', async () => {
		await local.importCredentials(folder, credentials);
		if (examples.length) await local.importWorkflows(folder, examples);
	});

	const n8n = await step(4, 'n8n start', 'start n8n', '15 s', () =>
		local.startN8n(folder, {
			port: N8N_PORT,
			env: { N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn' },
			stdio: (child) => {
				child.stdout.pipe(createFilterStream()).pipe(process.stdout);
				child.stderr.pipe(createFilterStream()).pipe(process.stderr);
			},
		}),
	);
	process.stdout.write(
		[
			'',
			`  n8n:       ${n8n.url}   (log in as ${local.OWNER.email} / ${local.OWNER.password})`,
			`  examples:  ${examples.length} workflows (Overview), with demo credentials for the stand-in: open one, click Execute workflow`,
			`  stand-in:  ${standin.url}   (GET / lists its routes, GET /__stats counts requests)`,
			`  data:      ${folder}`,
			`  ready in ${duration(Date.now() - t0)} (${times.join(', ')}). Ctrl-C stops both.`,
			'',
		].join('\n') + '\n',
	);

	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		await n8n.stop();
		await standin.close();
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	n8n.child.on('exit', (code) => {
		if (!stopping) {
			log(`n8n exited (${code})`);
			stop(code || 1);
		}
	});
}

module.exports = { userFolder };

if (require.main === module) {
	main(process.argv.slice(2)).catch((err) => {
		if (err instanceof preflight.PreflightError) log(err.message);
		else log(`FAILED: ${err && err.stack}`);
		process.exit(1);
	});
}
