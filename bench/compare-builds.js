#!/usr/bin/env node
/**
 * node bench/compare-builds.js DIR_A DIR_B [--reps 9] [--gets]
 *
 * DIR_A and DIR_B are two checkouts of this repository with `npm run build` done in each (e.g. a
 * `git worktree` of the commit before a change, and this one). Return All of 10,000 users on every
 * node, or with --gets 1,000 `get`s on PCRecruiter and HCSS; see compare-builds.ts.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const dirs = args.filter((a) => !a.startsWith('--') && !/^\d+$/.test(a)).map((d) => path.resolve(d));
if (dirs.length !== 2) {
	process.stderr.write('usage: node bench/compare-builds.js DIR_A DIR_B [--reps 9] [--gets]\n');
	process.exit(2);
}
const repsAt = args.indexOf('--reps');
const out = path.join(ROOT, 'bench', 'out', 'compare-builds.js');
const esbuild = spawnSync(process.execPath, [require.resolve('esbuild/bin/esbuild'), path.join(__dirname, 'compare-builds.ts'), '--bundle', '--platform=node', '--format=cjs', `--outfile=${out}`, '--external:n8n-core', '--external:n8n-workflow', '--log-level=error'], { stdio: 'inherit' });
if (esbuild.status !== 0) process.exit(esbuild.status ?? 1);
const run = spawnSync(process.execPath, [out], {
	stdio: 'inherit',
	cwd: ROOT,
	env: { ...process.env, A_DIR: dirs[0], B_DIR: dirs[1], REPS: repsAt >= 0 ? args[repsAt + 1] : '9', GETS: args.includes('--gets') ? '1' : '' },
});
process.exit(run.status ?? 1);
