#!/usr/bin/env node
/**
 * `npm start`: this package inside a real n8n at http://localhost:5678, wired to the vendor
 * stand-in, with the demo credentials and every examples/*.json workflow imported.
 *
 *   npm start                 build, pack, install, import, start (Ctrl-C stops everything)
 *   npm start -- --no-build   use dist/ as it is
 *   npm start -- --fresh      wipe .n8n-local first (new database)
 *
 * Env: N8N_PORT (5678), STANDIN_PORT (4010), STANDIN_USERS (250), N8N_LOCAL_OWNER_EMAIL /
 * N8N_LOCAL_OWNER_PASSWORD (owner@example.com / UserSync-local-1: the owner exists from the
 * first start, there is no setup screen).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const runtime = require('./n8n-runtime');
const local = require('./n8n-local');
const { start: startStandin } = require('../test/standin/server');

const args = process.argv.slice(2);
const USER_FOLDER = path.join(local.ROOT, '.n8n-local');
const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const STANDIN_PORT = Number(process.env.STANDIN_PORT || 4010);

async function main() {
	const t0 = Date.now();
	if (args.includes('--fresh')) fs.rmSync(USER_FOLDER, { recursive: true, force: true });
	fs.mkdirSync(USER_FOLDER, { recursive: true });

	await local.timed('n8n runtime', () => runtime.install());
	await local.timed('build + pack + install package', () => {
		local.build({ skip: args.includes('--no-build') });
		const packDir = path.join(USER_FOLDER, 'pack');
		fs.rmSync(packDir, { recursive: true, force: true });
		const tarball = local.pack(packDir);
		local.installPackage(USER_FOLDER, tarball);
	});

	const standin = await startStandin({ port: STANDIN_PORT });
	local.log(`stand-in on ${standin.url}`);

	const credentials = local.credentialsFor(standin.url);
	await local.timed('import credentials', () => local.importCredentials(USER_FOLDER, credentials));
	const examples = local.readExamples().map((wf) => local.withDemoCredentials(wf, credentials));
	if (examples.length) {
		await local.timed(`import ${examples.length} example workflow(s)`, () => local.importWorkflows(USER_FOLDER, examples));
	} else {
		local.log('no examples/*.json to import');
	}

	const n8n = await local.startN8n(USER_FOLDER, { port: N8N_PORT, stdio: 'inherit' });
	local.log(`n8n ready in ${(n8n.startupMs / 1000).toFixed(1)} s (all steps ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
	process.stdout.write(
		[
			'',
			`  n8n:       ${n8n.url}   (log in as ${local.OWNER.email} / ${local.OWNER.password})`,
			`  stand-in:  ${standin.url}   (GET / lists its routes, GET /__stats counts requests)`,
			`  data:      ${path.relative(process.cwd(), USER_FOLDER) || USER_FOLDER}`,
			'  Ctrl-C stops both.',
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
			local.log(`n8n exited (${code})`);
			stop(code || 1);
		}
	});
}

main().catch((err) => {
	local.log(`FAILED: ${err && err.stack}`);
	process.exit(1);
});
