/**
 * Redis and PostgreSQL from Debian's packages, started as child processes of the test on
 * loopback, with their data under a git-ignored folder. Installs the packages with apt-get
 * when they are missing and we are root (a fresh CI machine); otherwise says what to install.
 *
 * Node built-ins only.
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { freePort, run } = require('../../scripts/n8n-local');

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function log(msg) {
	process.stderr.write(`[queue] ${msg}\n`);
}


function onPath(cmd) {
	return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** The newest /usr/lib/postgresql/<v>/bin that has initdb, or null. */
function pgBinDir() {
	const base = '/usr/lib/postgresql';
	let versions = [];
	try {
		versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')));
	} catch {
		return null;
	}
	versions.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(base, versions[0], 'bin') : null;
}

/** redis-server and PostgreSQL, from apt when missing (root only). */
function ensurePackages() {
	const missing = [];
	if (!onPath('redis-server')) missing.push('redis-server');
	if (!pgBinDir()) missing.push('postgresql');
	if (!missing.length) return;
	if (!isRoot) {
		throw new Error(`missing Debian packages: ${missing.join(' ')} (run: sudo apt-get install -y ${missing.join(' ')})`);
	}
	log(`apt-get install ${missing.join(' ')}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	run('apt-get', ['update', '-qq'], { env, stdio: 'inherit' });
	run('apt-get', ['install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=600', '--no-install-recommends', ...missing], { env, stdio: 'inherit' });
	if (!onPath('redis-server') || !pgBinDir()) throw new Error('redis-server or PostgreSQL still missing after apt-get install');
}


async function waitFor(label, check, { timeoutMs = 60_000, intervalMs = 200, child } = {}) {
	const t0 = Date.now();
	for (;;) {
		if (child && child.exitCode !== null) throw new Error(`${label}: process exited with ${child.exitCode}`);
		try {
			if (await check()) return Date.now() - t0;
		} catch {
			/* not yet */
		}
		if (Date.now() - t0 > timeoutMs) throw new Error(`${label}: not ready after ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

/**
 * Spawns a process in its own process group (so a kill reaches its children too), output
 * to a log file. Returns { child, pid, logFile, kill(signal), exited: Promise }.
 */
function spawnLogged(cmd, args, { logFile, env, cwd } = {}) {
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(cmd, args, { env: env || process.env, cwd, stdio: ['ignore', fd, fd], detached: true });
	fs.closeSync(fd);
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	const kill = (signal = 'SIGTERM') => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		try {
			process.kill(-child.pid, signal);
		} catch {
			/* already gone */
		}
	};
	return { child, pid: child.pid, logFile, kill, exited };
}

/** Stops a spawnLogged process: signal, then SIGKILL to its group after graceMs. */
async function stopProcess(p, { signal = 'SIGTERM', graceMs = 20_000 } = {}) {
	if (!p) return;
	p.kill(signal);
	const timer = setTimeout(() => p.kill('SIGKILL'), graceMs);
	await p.exited;
	clearTimeout(timer);
	// children left in the group (e.g. a task runner) go too
	p.kill('SIGKILL');
}

// ---------------------------------------------------------------------------------------
// Redis

function redisPing(port) {
	return new Promise((resolve) => {
		const s = net.connect(port, '127.0.0.1');
		let buf = '';
		s.setTimeout(1000, () => s.destroy());
		s.on('connect', () => s.write('PING\r\n'));
		s.on('data', (d) => {
			buf += d;
			if (buf.includes('\r\n')) {
				s.end();
				resolve(buf.startsWith('+PONG'));
			}
		});
		s.on('error', () => resolve(false));
		s.on('close', () => resolve(buf.startsWith('+PONG')));
	});
}

async function startRedis(dir) {
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const p = spawnLogged('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'], {
		logFile: path.join(dir, 'redis.log'),
	});
	const ms = await waitFor('redis-server', () => redisPing(port), { child: p.child });
	log(`redis-server on 127.0.0.1:${port} (${ms} ms)`);
	return { port, stop: () => stopProcess(p, { graceMs: 5000 }), proc: p };
}

// ---------------------------------------------------------------------------------------
// PostgreSQL

/** Runs a PostgreSQL binary as the postgres user when we are root (postgres refuses root). */
function pgCommand(bin, args) {
	return isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/** Whether the postgres user can write in dir (and so reach it through every parent). */
function postgresCanUse(dir) {
	return run('runuser', ['-u', 'postgres', '--', 'test', '-w', dir], { allowFail: true }).status === 0;
}

/**
 * A fresh folder for PostgreSQL's data and socket, outside the checkout: as root, PostgreSQL
 * runs as the postgres user, which cannot enter a checkout under /root or a `mktemp -d`
 * folder (mode 700); and a socket path under a deep checkout can pass the 107-byte limit of
 * Unix sockets. So the folder is made under the system's temp folder (falling back to /tmp
 * and /var/tmp when TMPDIR is private), given to the postgres user, and removed by stop().
 */
function postgresHome() {
	const bases = [...new Set([os.tmpdir(), '/tmp', '/var/tmp'])];
	for (const base of bases) {
		let home;
		try {
			home = fs.mkdtempSync(path.join(base, 'n8n-queue-pg-'));
		} catch {
			continue;
		}
		if (!isRoot) return home;
		run('chown', ['postgres:postgres', home]);
		if (postgresCanUse(home)) return home;
		fs.rmSync(home, { recursive: true, force: true });
	}
	throw new Error(`the postgres user cannot reach a folder under ${bases.join(', ')}: make one of them world-searchable (chmod 1777)`);
}

/**
 * PostgreSQL on loopback: data and socket in a temp folder the postgres user can reach
 * (postgresHome), its log in dir with the other logs of the run.
 */
async function startPostgres(dir) {
	const bin = pgBinDir();
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const home = postgresHome();
	const data = path.join(home, 'data');
	const password = crypto.randomBytes(18).toString('base64url');
	const pwFile = path.join(home, 'pw');
	fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
	if (isRoot) run('chown', ['postgres:postgres', pwFile]);
	log(`postgres data in ${home}`);
	const [initCmd, initArgs] = pgCommand(path.join(bin, 'initdb'), [
		'-D', data, '-U', 'n8n', `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync',
	]);
	// (cwd: a folder the postgres user can enter, not the checkout)
	run(initCmd, initArgs, { cwd: home });
	fs.rmSync(pwFile, { force: true });
	const port = await freePort();
	const [cmd, args] = pgCommand(path.join(bin, 'postgres'), [
		'-D', data, '-p', String(port), '-k', home, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200',
	]);
	const p = spawnLogged(cmd, args, { logFile: path.join(dir, 'postgres.log'), cwd: home });
	const env = { ...process.env, PGPASSWORD: password };
	const psqlArgs = (db) => ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', db, '-v', 'ON_ERROR_STOP=1', '-X', '-q'];
	const ms = await waitFor('postgres', () => spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]).status === 0, { child: p.child });
	run(path.join(bin, 'psql'), [...psqlArgs('postgres'), '-c', 'CREATE DATABASE n8n'], { env });
	log(`postgres ${path.basename(path.dirname(bin))} on 127.0.0.1:${port} (${ms} ms)`);
	/** Runs SQL, returns psql's unaligned, tuples-only output. */
	const query = (sql) => run(path.join(bin, 'psql'), [...psqlArgs('n8n'), '-A', '-t', '-c', sql], { env }).stdout;
	const stop = async () => {
		const [sc, sa] = pgCommand(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']);
		spawnSync(sc, sa, { stdio: 'ignore', cwd: home });
		await stopProcess(p, { graceMs: 10_000 });
		fs.rmSync(home, { recursive: true, force: true });
	};
	return { port, password, database: 'n8n', user: 'n8n', query, stop, proc: p };
}

module.exports = { ensurePackages, startRedis, startPostgres, spawnLogged, stopProcess, waitFor, freePort, log, run, isRoot };
