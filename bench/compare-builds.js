#!/usr/bin/env node
/**
 * node bench/compare-builds.js DIR_A DIR_B [--reps 9] [--gets] [--server-process] [--latency MS]
 *
 * DIR_A and DIR_B are two checkouts of this repository with `npm run build` done in each (e.g. a
 * `git worktree` of the commit before a change, and this one). Return All of 10,000 users on every
 * node, or with --gets 1,000 `get`s on PCRecruiter and HCSS; see compare-builds.ts. With --server-process the
 * stand-in runs in its own process (as in `npm run bench`), so that pages fetched at once can overlap with it;
 * --latency MS makes it answer each request MS later (a vendor across a network).
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const dirs = args.filter((a) => !a.startsWith('--') && !/^\d+$/.test(a)).map((d) => path.resolve(d));
if (dirs.length !== 2) {
	process.stderr.write('usage: node bench/compare-builds.js DIR_A DIR_B [--reps 9] [--gets] [--server-process] [--latency MS]\n');
	process.exit(2);
}
const repsAt = args.indexOf('--reps');
const out = path.join(ROOT, 'bench', 'out', 'compare-builds.js');
const esbuild = spawnSync(process.execPath, [require.resolve('esbuild/bin/esbuild'), path.join(__dirname, 'compare-builds.ts'), '--bundle', '--platform=node', '--format=cjs', `--outfile=${out}`, '--external:n8n-core', '--external:n8n-workflow', '--log-level=error'], { stdio: 'inherit' });
if (esbuild.status !== 0) process.exit(esbuild.status ?? 1);
/**
 * --server-process: the stand-in in a process of its own, as in `npm run bench`, so that the
 * node's own work and the server's overlap as they would against a real vendor (which is what
 * makes pages fetched at once show); --latency MS: each answer MS later, as across a network.
 */
async function standin() {
	const latency = args.includes('--latency') ? Number(args[args.indexOf('--latency') + 1]) : 0;
	if (!args.includes('--server-process')) return { env: { LATENCY_MS: String(latency) }, stop: () => undefined };
	const server = path.join(ROOT, 'test', 'standin', 'server.js');
	const code = `require(${JSON.stringify(server)}).start({ port: 0, users: 10000, latencyMs: ${latency} }).then((s) => process.send({ url: s.url, credentials: s.credentials() }))`;
	const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const ready = await new Promise((resolve) => child.once('message', resolve));
	return { env: { STANDIN_URL: ready.url, STANDIN_CREDENTIALS: JSON.stringify(ready.credentials) }, stop: () => child.kill() };
}

standin().then((server) => {
	const run = spawnSync(process.execPath, [out], {
		stdio: 'inherit',
		cwd: ROOT,
		env: { ...process.env, ...server.env, A_DIR: dirs[0], B_DIR: dirs[1], REPS: repsAt >= 0 ? args[repsAt + 1] : '9', GETS: args.includes('--gets') ? '1' : '' },
	});
	server.stop();
	process.exit(run.status ?? 1);
});
