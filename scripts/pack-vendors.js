#!/usr/bin/env node
/**
 * `npm run pack:vendors`: one installable n8n community package per vendor, from the same
 * build as n8n-nodes-user-sync (which stays as it is), written to dist-vendors/ (git-ignored):
 *
 *   node scripts/pack-vendors.js               build, then pack every vendor
 *   node scripts/pack-vendors.js --no-build    pack dist/ as it is
 *   node scripts/pack-vendors.js --out DIR     write the tarballs to DIR instead
 *
 * What goes into each package is read from dist/ (scripts/vendor-packages/plan.js); its
 * package.json, README and examples come from ours (scripts/vendor-packages/manifest.js).
 * Every tarball is then unpacked again and linted with eslint.config.mjs, the rules of n8n's
 * verification scanner, on every file it holds: one error fails the run. The outcome, one
 * line per package, goes to stdout and to <out>/packages.json.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { plan, ROOT } = require('./vendor-packages/plan');
const manifest = require('./vendor-packages/manifest');

const OUT = path.join(ROOT, 'dist-vendors');

function log(msg) {
	process.stderr.write(`[pack-vendors] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
	if (r.error) throw r.error;
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}\n${`${r.stdout || ''}${r.stderr || ''}`.slice(-4000)}`);
	return r;
}

function writeFile(file, text) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, text);
}

/** Lays out one vendor's package in dir. */
function stage(vendor, dir) {
	for (const file of vendor.files) {
		const to = path.join(dir, path.relative(ROOT, file));
		fs.mkdirSync(path.dirname(to), { recursive: true });
		fs.copyFileSync(file, to);
	}
	const examples = manifest.examples(vendor);
	for (const e of examples) writeFile(path.join(dir, 'examples', e.file), `${JSON.stringify(e.workflow, null, 2)}\n`);
	writeFile(path.join(dir, 'package.json'), `${JSON.stringify(manifest.packageJson(vendor), null, 2)}\n`);
	writeFile(path.join(dir, 'README.md'), manifest.readme(vendor, examples));
	fs.copyFileSync(path.join(ROOT, 'LICENSE'), path.join(dir, 'LICENSE'));
	return examples;
}

/**
 * n8n's scanner rules (eslint.config.mjs) on every file of a package folder, the folder as
 * the base path (so `package.json` in the config means the package's own). Resolves to
 * { errors, warnings, text } (text: the problems, formatted).
 */
async function lintPackage(dir) {
	const { ESLint } = require('eslint');
	const eslint = new ESLint({ cwd: dir, overrideConfigFile: path.join(ROOT, 'eslint.config.mjs') });
	const results = await eslint.lintFiles(['.']);
	const errors = results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const linted = results.length;
	const text = errors || warnings ? (await eslint.loadFormatter('stylish')).format(results) : '';
	return { errors, warnings, linted, text };
}

/** Packs every vendor; resolves to one record per package (see the header). */
async function packVendors({ build = true, outDir = OUT, lint = true } = {}) {
	if (build) run('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	const vendors = await plan();
	fs.mkdirSync(outDir, { recursive: true });
	// what an earlier run wrote there (a folder given with --out may hold other things)
	for (const f of fs.readdirSync(outDir)) {
		if (f === 'packages.json' || (f.startsWith('n8n-nodes-') && f.endsWith('.tgz'))) fs.rmSync(path.join(outDir, f));
	}
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-vendors-'));
	const records = [];
	try {
		for (const vendor of vendors) {
			const dir = path.join(work, vendor.packageName);
			const examples = stage(vendor, dir);
			const packed = run('npm', ['pack', '--json', '--pack-destination', outDir, '--loglevel=error'], { cwd: dir });
			const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0];
			const tarball = path.join(outDir, info.filename);
			const record = {
				name: vendor.packageName,
				folder: vendor.folder,
				version: info.version,
				tarball: path.relative(ROOT, tarball),
				nodes: vendor.nodes.map((n) => n.name),
				credentials: vendor.credentials.map((c) => c.name),
				examples: examples.map((e) => `examples/${e.file}`),
				files: info.entryCount,
				size: info.size,
				unpackedSize: info.unpackedSize,
			};
			if (lint) {
				// lint what the tarball holds, not the staging folder
				const check = path.join(work, `${vendor.packageName}.check`);
				fs.mkdirSync(check);
				run('tar', ['-xzf', tarball, '-C', check, '--strip-components=1']);
				const result = await lintPackage(check);
				record.lint = { errors: result.errors, warnings: result.warnings, filesLinted: result.linted };
				if (result.text) log(`${vendor.packageName}: scanner rules${result.text}`);
			}
			records.push(record);
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	fs.writeFileSync(path.join(outDir, 'packages.json'), `${JSON.stringify(records, null, 2)}\n`);
	return records;
}

function summary(r) {
	const lint = r.lint ? `scanner rules: ${r.lint.errors} errors, ${r.lint.warnings} warnings (${r.lint.filesLinted} files)` : 'not linted';
	return `${r.tarball}: ${r.files} files, ${(r.size / 1024).toFixed(1)} KiB (${(r.unpackedSize / 1024).toFixed(1)} KiB unpacked); nodes ${r.nodes.join(', ')}; credentials ${r.credentials.join(', ')}; ${lint}`;
}

module.exports = { packVendors, lintPackage, summary, OUT };

if (require.main === module) {
	const args = process.argv.slice(2);
	const outIndex = args.indexOf('--out');
	packVendors({ build: !args.includes('--no-build'), outDir: outIndex >= 0 ? path.resolve(args[outIndex + 1]) : OUT }).then(
		(records) => {
			for (const r of records) process.stdout.write(`${summary(r)}\n`);
			const failed = records.filter((r) => r.lint && r.lint.errors > 0);
			if (failed.length) {
				log(`scanner rule errors in ${failed.map((r) => r.name).join(', ')}`);
				process.exit(1);
			}
		},
		(err) => {
			log(err && err.stack);
			process.exit(1);
		},
	);
}
