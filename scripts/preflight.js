/**
 * Checks that run before anything slow, so a missing piece is named in the first seconds
 * instead of minutes later deep inside npm or node-gyp output:
 *
 *   devDependencies()  this clone's own node_modules (`npm ci`), which the build needs
 *   buildTools()       python3, make and a C/C++ compiler, which the n8n install needs to
 *                      build sqlite3's native addon with node-gyp
 *
 * Each throws a PreflightError whose message says what to run. Node built-ins only: this
 * must work before `npm ci`.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** Says what to do; its stack is just that (a trace would only bury it). */
class PreflightError extends Error {
	constructor(message) {
		super(message);
		this.name = 'PreflightError';
		this.stack = message;
	}
}

/** The tools `npm run build` calls; all come from this package's devDependencies. */
const BUILD_BINS = ['rimraf', 'tsc', 'gulp'];

/**
 * Throws unless `npm ci` has run in this clone (node_modules with the build's tools).
 * `command` names what to run afterwards in the hint ("npm start").
 */
function devDependencies({ root = ROOT, command = 'npm start' } = {}) {
	const bin = path.join(root, 'node_modules', '.bin');
	const missing = BUILD_BINS.filter((b) => !fs.existsSync(path.join(bin, b)));
	if (missing.length === 0) return;
	const what = fs.existsSync(path.join(root, 'node_modules'))
		? `node_modules is incomplete (no ${missing.join(', ')})`
		: 'node_modules is missing';
	throw new PreflightError(
		`${what}: run \`npm ci\` first (about 1 minute; it installs this package's build tools), then \`${command}\`.`,
	);
}

/** The file an executable name resolves to on PATH, or undefined. */
function onPath(name, envPath = process.env.PATH || '') {
	if (name.includes('/')) return fs.existsSync(name) ? name : undefined;
	for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
		const file = path.join(dir, name);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			if (fs.statSync(file).isFile()) return file;
		} catch {
			/* not here */
		}
	}
	return undefined;
}

/**
 * What node-gyp needs to build sqlite3 on Linux, each as [what is checked, Debian package].
 * node-gyp honours PYTHON, CC and CXX; the make it generates compiles C with cc and C++ with
 * g++ by default (Debian's g++ package brings both).
 */
function buildToolChecks(env = process.env) {
	const first = (s) => String(s).trim().split(/\s+/)[0];
	return [
		{ tool: env.PYTHON || env.npm_config_python || 'python3', pkg: 'python3' },
		{ tool: 'make', pkg: 'make' },
		{ tool: env.CC ? first(env.CC) : 'cc', pkg: 'g++' },
		{ tool: env.CXX ? first(env.CXX) : 'g++', pkg: 'g++' },
	];
}

/** The Debian packages missing for the n8n install ([] when all tools are there). */
function missingBuildTools(env = process.env) {
	const pkgs = buildToolChecks(env)
		.filter((c) => !onPath(c.tool, env.PATH))
		.map((c) => c.pkg);
	return [...new Set(pkgs)];
}

/** Throws, naming what to install, when a tool the n8n install needs is missing. */
function buildTools(env = process.env) {
	const missing = missingBuildTools(env);
	if (missing.length === 0) return;
	throw new PreflightError(
		[
			`the n8n install builds its SQLite driver with node-gyp, which needs python3, make and g++; missing: ${missing.join(', ')}.`,
			'  Install them, then run this again:',
			'    Debian/Ubuntu:  apt-get install -y python3 make g++   (with sudo unless you are root)',
			'    Fedora/RHEL:    dnf install -y python3 make gcc-c++',
			'    Alpine:         apk add python3 make g++',
		].join('\n'),
	);
}

module.exports = { PreflightError, devDependencies, buildTools, missingBuildTools, onPath };
