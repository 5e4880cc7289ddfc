/**
 * Progress for the long first run: a live line while a slow command runs, so a person sees
 * it moving. On a terminal the line is redrawn in place every second; in a log or a pipe a
 * line is written every minute. Node built-ins only.
 */
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** "45 s", "3 min 05 s" */
function duration(ms) {
	const s = Math.round(ms / 1000);
	if (s < 60) return `${s} s`;
	return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/**
 * Calls status(elapsedMs) and shows `${prefix}${status}` every second on a TTY (one line,
 * redrawn), every `logEveryMs` elsewhere. Returns stop(), which clears the live line.
 */
function ticker(prefix, status, { stream = process.stderr, logEveryMs = 60_000 } = {}) {
	const t0 = Date.now();
	const tty = !!stream.isTTY;
	let width = 0;
	const draw = () => {
		const line = `${prefix}${status(Date.now() - t0)}`;
		if (tty) {
			stream.write(`\r${line.padEnd(width)}`);
			width = line.length;
		} else {
			stream.write(`${line}\n`);
		}
	};
	const timer = setInterval(draw, tty ? 1000 : logEveryMs);
	timer.unref();
	return function stop() {
		clearInterval(timer);
		if (tty && width) stream.write(`\r${' '.repeat(width)}\r`);
	};
}

/**
 * Runs a command with its output captured (shown only when it fails) and a live line
 * `${prefix}<elapsed>[, <progress()>]`. Resolves to { stdout, stderr, ms }.
 */
function runWithProgress(cmd, args, { prefix, progress, cwd, env } = {}) {
	return new Promise((resolve, reject) => {
		const t0 = Date.now();
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const out = [];
		const err = [];
		child.stdout.on('data', (c) => out.push(c));
		child.stderr.on('data', (c) => err.push(c));
		const stop = ticker(prefix, (ms) => {
			let extra = '';
			try {
				extra = progress ? progress() : '';
			} catch {
				/* the count is a nicety: never fail the install over it */
			}
			return `${duration(ms)}${extra ? `, ${extra}` : ''}`;
		});
		child.on('error', (e) => {
			stop();
			reject(e);
		});
		child.on('close', (code, signal) => {
			stop();
			const stdout = Buffer.concat(out).toString('utf8');
			const stderr = Buffer.concat(err).toString('utf8');
			if (code !== 0) {
				return reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}\n${`${stdout}${stderr}`.slice(-4000)}`));
			}
			resolve({ stdout, stderr, ms: Date.now() - t0 });
		});
	});
}

/** 'glibc' or 'musl', as npm reads a package's `libc` field. */
function libc() {
	return process.platform === 'linux' && !process.report.getReport().header.glibcVersionRuntime ? 'musl' : 'glibc';
}

/**
 * For an `npm install` into dir over its package-lock.json: a function giving "N of about M
 * packages in place", M being the lock's packages for this platform (to two significant
 * digits: npm leaves out some nested copies the lock lists, about 6% of n8n's) and N those
 * whose package.json is on disk yet. The lock is read on the first call (npm rewrites it
 * when it is done).
 */
function lockProgress(dir) {
	let wanted;
	return () => {
		if (!wanted) {
			const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
			const lc = libc();
			const fits = (list, value) => !Array.isArray(list) || list.includes(value) || (list.some((x) => x.startsWith('!')) && !list.includes(`!${value}`));
			wanted = Object.entries(lock.packages || {})
				.filter(([key, entry]) => key.startsWith('node_modules/') && !entry.link)
				.filter(([, entry]) => fits(entry.os, process.platform) && fits(entry.cpu, process.arch) && fits(entry.libc, lc))
				.map(([key]) => path.join(dir, key, 'package.json'));
		}
		const done = wanted.filter((f) => fs.existsSync(f)).length;
		return `${done} of about ${Number(wanted.length.toPrecision(2))} packages in place`;
	};
}

module.exports = { duration, ticker, runWithProgress, lockProgress };
