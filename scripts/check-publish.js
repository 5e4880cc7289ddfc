#!/usr/bin/env node
/**
 * `npm run check:publish` (run by .ci/run): what the release workflow will do, short of
 * publishing.
 *
 * 1. .github/workflows/publish.yml, parsed: runs on version tags only, may request the OIDC
 *    token (id-token: write), builds and tests first, and publishes each of the six packages
 *    (n8n-nodes-user-sync and every per-vendor package pack:vendors makes) once, with
 *    --provenance --access public (scripts/vendor-packages/workflow-check.js).
 * 2. The six tarballs: the per-vendor ones from pack:vendors (scanner rules on each; dist/ is
 *    built first when missing) and the bundle's from `npm pack`; `npm publish --dry-run` on
 *    each must name the right package and version and warn about nothing but the missing login.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const YAML = require('yaml');
const { packVendors, summary } = require('./pack-vendors');
const { checkWorkflow } = require('./vendor-packages/workflow-check');
const { ROOT, DIST, ROOT_PACKAGE } = require('./vendor-packages/plan');

const WORKFLOW = path.join(ROOT, '.github', 'workflows', 'publish.yml');

function log(msg) {
	process.stderr.write(`[check-publish] ${msg}\n`);
}

function npm(args, cwd) {
	const r = spawnSync('npm', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (r.error) throw r.error;
	return r;
}

/** `npm publish --dry-run` of a tarball; returns the problems. */
function dryRun(tarball, { name, version }, cwd) {
	const r = npm(['publish', '--dry-run', tarball, '--access', 'public'], cwd);
	const out = `${r.stdout}\n${r.stderr}`;
	const problems = [];
	if (r.status !== 0) problems.push(`exited with ${r.status}: ${out.slice(-2000)}`);
	if (!out.split('\n').some((l) => l.trim() === `+ ${name}@${version}`)) problems.push(`did not announce + ${name}@${version}`);
	const warnings = out.split('\n').filter((l) => /^npm warn/i.test(l) && !/requires you to be logged in/i.test(l));
	if (warnings.length) problems.push(`warned: ${warnings.join(' | ')}`);
	return problems;
}

async function main() {
	const problems = [];
	const records = await packVendors({ build: !fs.existsSync(DIST) });
	for (const r of records) log(summary(r));
	for (const r of records.filter((x) => x.lint.errors > 0)) problems.push(`${r.name}: ${r.lint.errors} scanner rule errors`);

	const doc = YAML.parse(fs.readFileSync(WORKFLOW, 'utf8'));
	const found = checkWorkflow(doc, { bundle: ROOT_PACKAGE.name, vendors: records.map((r) => r.name), version: ROOT_PACKAGE.version });
	for (const p of found) problems.push(`${path.relative(ROOT, WORKFLOW)}: ${p}`);
	log(`${path.relative(ROOT, WORKFLOW)}: ${found.length ? `${found.length} problems` : `tag trigger, id-token: write, and --provenance --access public for ${records.length + 1} packages`}`);

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'check-publish-'));
	try {
		const packed = npm(['pack', '--json', '--pack-destination', work, '--loglevel=error'], ROOT);
		if (packed.status !== 0) throw new Error(`npm pack: ${packed.stderr}`);
		const bundleFile = path.join(work, JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0].filename);
		const tarballs = [{ name: ROOT_PACKAGE.name, version: ROOT_PACKAGE.version, file: bundleFile }, ...records.map((r) => ({ name: r.name, version: r.version, file: path.resolve(ROOT, r.tarball) }))];
		for (const t of tarballs) {
			const p = dryRun(t.file, t, work);
			log(`npm publish --dry-run ${path.basename(t.file)}: ${p.length ? p.join('; ') : 'ok'}`);
			problems.push(...p.map((x) => `${t.name}: npm publish --dry-run ${x}`));
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	if (problems.length) throw new Error(`publishing would fail:\n  ${problems.join('\n  ')}`);
	process.stdout.write(`check:publish: workflow ok, ${records.length + 1} packages pass npm publish --dry-run\n`);
}

main().catch((err) => {
	log(err && err.message);
	process.exit(1);
});
