/**
 * What each per-vendor package holds, read from the build output (dist/) rather than from a
 * list kept by hand, so new files (a trigger node, an api/ layer, a new shared module) are
 * picked up as they land:
 *
 * - a vendor is a folder of dist/nodes/ that holds at least one `*.node.js`; every
 *   `*.node.js` in it is one of its nodes (the node, its trigger, ...);
 * - its credentials are the types its nodes name in `description.credentials`, plus what
 *   those extend, matched to the classes in dist/credentials/ by their `name` (types that
 *   are not ours, such as n8n's own `oAuth2Api`, come with n8n);
 * - its code is what those entry files require, followed with esbuild (its metafile lists
 *   every module reached). The files are copied as tsc wrote them (xml.js is already a
 *   bundle), so a node and its trigger share one copy of the shared core. Anything reached
 *   outside dist/, or any module left external other than n8n-workflow, is an error: the
 *   package must not need it at run time;
 * - assets: each node's codex (`<file>.node.json`), every `file:` icon of its nodes and
 *   credentials, and the license notices beside any bundled module.
 *
 * Node built-ins only, plus esbuild (a devDependency the build already uses).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const ROOT_PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
/** What the built code may require from outside the package (n8n provides it). */
const ALLOWED_EXTERNALS = new Set(Object.keys(ROOT_PACKAGE.peerDependencies || {}));
const NOTICE_FILES = ['THIRD_PARTY_LICENSES.txt'];

/** All files under dir (absolute paths), recursively. */
function walk(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? walk(p) : [p];
	});
}

/** The class a built node or credential file exports, found the way n8n finds it (by file name). */
function loadClass(file) {
	const className = path.basename(file).split('.')[0];
	const Cls = require(file)[className];
	if (typeof Cls !== 'function') throw new Error(`${path.relative(ROOT, file)} does not export class ${className}`);
	return new Cls();
}

/** The files a `file:` icon (string or { light, dark }) names, relative to the file that declares it. */
function iconFiles(icon, ownerFile) {
	const refs = typeof icon === 'string' ? [icon] : icon && typeof icon === 'object' ? Object.values(icon) : [];
	return refs.filter((r) => typeof r === 'string' && r.startsWith('file:')).map((r) => path.resolve(path.dirname(ownerFile), r.slice(5)));
}

/** dist/credentials/*.credentials.js by credential type name. */
function credentialIndex(dist) {
	const index = new Map();
	for (const file of walk(path.join(dist, 'credentials')).filter((f) => f.endsWith('.credentials.js'))) {
		const cred = loadClass(file);
		index.set(cred.name, { file, cred });
	}
	return index;
}

/** The npm name of a vendor's package: `n8n-nodes-` and its display name in kebab case. */
function packageNameFor(displayName) {
	return `n8n-nodes-${displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

/** GitHub's anchor for a heading. */
function slug(heading) {
	return heading.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

/** Follows requires from the entry files; returns the dist files reached. */
async function reachedFiles(entries, dist) {
	const esbuild = require('esbuild');
	const result = await esbuild.build({
		entryPoints: entries,
		bundle: true,
		write: false,
		outdir: path.join(dist, '.pack-vendors-unused'),
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: [...ALLOWED_EXTERNALS],
		metafile: true,
		logLevel: 'silent',
		absWorkingDir: ROOT,
	});
	const files = [];
	const problems = [];
	for (const [input, info] of Object.entries(result.metafile.inputs)) {
		const abs = path.resolve(ROOT, input);
		if (!abs.startsWith(dist + path.sep)) problems.push(`${input} is outside dist/ (it would be a runtime dependency)`);
		else files.push(abs);
		for (const imp of info.imports || []) {
			if (imp.external && !ALLOWED_EXTERNALS.has(imp.path)) problems.push(`${input} requires '${imp.path}', which the package cannot require (only ${[...ALLOWED_EXTERNALS].join(', ')})`);
		}
	}
	if (problems.length) throw new Error(`per-vendor packages:\n  ${problems.join('\n  ')}`);
	return files;
}

/**
 * One entry per vendor: { folder, displayName, packageName, anchor, description, nodes:
 * [{ name, file }], credentials: [{ name, file }], files: [absolute dist paths] }.
 */
async function plan({ dist = DIST } = {}) {
	const nodesDir = path.join(dist, 'nodes');
	if (!fs.existsSync(nodesDir)) throw new Error(`${path.relative(ROOT, nodesDir)} is missing: run npm run build first`);
	const credentials = credentialIndex(dist);
	const vendors = [];
	for (const folder of fs.readdirSync(nodesDir).sort()) {
		const nodeFiles = walk(path.join(nodesDir, folder)).filter((f) => f.endsWith('.node.js')).sort();
		if (!nodeFiles.length) continue; // shared code, not a vendor
		const nodes = nodeFiles.map((file) => ({ file, description: loadClass(file).description }));
		// the vendor's name is its main node's (<Folder>.node.js), not its trigger's
		const main = nodes.find((n) => path.basename(n.file) === `${folder}.node.js`) || nodes.find((n) => !/Trigger$/.test(n.description.name)) || nodes[0];
		const credNames = new Set();
		const pending = nodes.flatMap((n) => (n.description.credentials || []).map((c) => c.name));
		while (pending.length) {
			const name = pending.shift();
			if (credNames.has(name) || !credentials.has(name)) continue;
			credNames.add(name);
			pending.push(...(credentials.get(name).cred.extends || []));
		}
		const creds = [...credNames].sort().map((name) => ({ name, file: credentials.get(name).file }));
		const entries = [...nodes.map((n) => n.file), ...creds.map((c) => c.file)];
		const files = new Set(await reachedFiles(entries, dist));
		for (const n of nodes) {
			if (fs.existsSync(`${n.file}on`)) files.add(`${n.file}on`); // codex: X.node.json
			for (const icon of iconFiles(n.description.icon, n.file)) files.add(icon);
		}
		for (const c of creds) for (const icon of iconFiles(credentials.get(c.name).cred.icon, c.file)) files.add(icon);
		for (const dir of new Set([...files].map((f) => path.dirname(f)))) {
			for (const notice of NOTICE_FILES) if (fs.existsSync(path.join(dir, notice))) files.add(path.join(dir, notice));
		}
		const missing = [...files].filter((f) => !fs.existsSync(f));
		if (missing.length) throw new Error(`${folder}: files its nodes or credentials name are missing: ${missing.map((f) => path.relative(ROOT, f)).join(', ')}`);
		vendors.push({
			folder,
			displayName: main.description.displayName,
			packageName: packageNameFor(main.description.displayName),
			anchor: slug(main.description.displayName),
			description: main.description.description,
			nodes: nodes.map((n) => ({ name: n.description.name, displayName: n.description.displayName, file: n.file })),
			credentials: creds,
			files: [...files].sort(),
		});
	}
	return vendors;
}

module.exports = { plan, packageNameFor, slug, loadClass, ROOT, DIST, ROOT_PACKAGE };
