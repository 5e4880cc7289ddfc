/**
 * The per-vendor packages (`npm run pack:vendors`), each installed alone into a fresh n8n
 * user folder the way n8n installs a community package: the examples it ships (node types
 * renamed to the vendor package) run against the stand-in and bring users back; `n8n start`
 * logs no warning about it, and the editor lists exactly its nodes (each with its AI tool
 * variant), its credential types and its icons. The tarballs are packed from the dist/ this
 * run's setup built, into the run's user folder.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const local = require('../../../scripts/n8n-local');
const { packVendors } = require('../../../scripts/pack-vendors');
const { E2E } = require('../run');
const { login } = require('../lib/editor');
const { errorText } = require('../lib/flow');

let packed;
/** Packs every vendor once per run (scanner rules included); resolves to pack-vendors' records. */
function packOnce(e2e) {
	if (!packed) packed = packVendors({ build: false, outDir: path.join(e2e.userFolder, 'vendor-packages') });
	return packed;
}

/** The examples the installed package ships, wired to the demo credentials. */
function shippedExamples(v, record) {
	const dir = path.join(v.userFolder, '.n8n', 'nodes', 'node_modules', record.name, 'examples');
	const credentials = local.credentialsFor(v.standin.url);
	return record.examples.map((file) => local.withDemoCredentials(JSON.parse(fs.readFileSync(path.join(dir, path.basename(file)), 'utf8')), credentials));
}

/** Runs the package's examples; returns the problems found. */
async function runExamples(v, record, assert) {
	const examples = shippedExamples(v, record);
	assert.ok(examples.length >= 1, `${record.name} ships an example`);
	const results = await v.executeWorkflows(examples);
	const problems = [];
	examples.forEach((wf, i) => {
		const res = results[i];
		const foreign = wf.nodes.filter((n) => !n.type.startsWith('n8n-nodes-base.') && !n.type.startsWith(`${record.name}.`));
		if (foreign.length) problems.push(`${wf.name}: nodes of another package: ${foreign.map((n) => n.type).join(', ')}`);
		const ours = wf.nodes.filter((n) => n.type.startsWith(`${record.name}.`) && !n.disabled).map((n) => n.name);
		process.stderr.write(`[e2e]   ${record.name} ${wf.name}: ${ours.map((n) => `${n}: ${res.items[n] ? res.items[n].length : 'not run'}`).join(', ')}${res.error ? ` ERROR ${errorText(res.error)}` : ''}\n`);
		if (res.error) problems.push(`${wf.name}: ${errorText(res.error)}`);
		const empty = ours.filter((n) => !res.items[n] || res.items[n].length === 0);
		if (!ours.length) problems.push(`${wf.name}: none of ${record.name}'s nodes is enabled`);
		if (empty.length) problems.push(`${wf.name}: no items from ${empty.join(', ')}`);
	});
	return problems;
}

/** `n8n start`: what the editor gets for the package (node types, credential types, icons). */
async function checkEditor(v, record, assert) {
	const port = await local.freePort();
	const n8n = await local.startN8n(v.userFolder, { port });
	const base = `http://127.0.0.1:${port}`;
	try {
		const cookie = await login(base);
		const get = async (p) => {
			const res = await fetch(`${base}${p}`, { headers: { Cookie: cookie } });
			assert.equal(res.status, 200, `GET ${p}: HTTP ${res.status}`);
			return res;
		};
		const nodeTypes = await (await get('/types/nodes.json')).json();
		const community = nodeTypes.filter((t) => !/^(n8n-nodes-base|@n8n\/)/.test(t.name)).map((t) => t.name).sort();
		// n8n adds a `<node>Tool` variant for each node that is usableAsTool: not for a trigger
		const want = record.nodes.flatMap((n) => [`${record.name}.${n}`, ...(n.endsWith('Trigger') ? [] : [`${record.name}.${n}Tool`])]).sort();
		assert.deepEqual(community, want, 'the editor lists the package\'s nodes and their tool variants, and no other community node');
		const credTypes = (await (await get('/types/credentials.json')).json()).map((c) => c.name);
		for (const c of record.credentials) assert.ok(credTypes.includes(c), `credential type ${c}`);
		const icons = nodeTypes
			.filter((t) => t.name.startsWith(`${record.name}.`) && t.iconUrl)
			.flatMap((t) => (typeof t.iconUrl === 'string' ? [t.iconUrl] : Object.values(t.iconUrl)));
		assert.ok(icons.length >= record.nodes.length, `${record.name}: icons of its nodes`);
		for (const icon of new Set(icons)) {
			const res = await get(`/${icon}`);
			assert.match(res.headers.get('content-type') || '', /svg|png/, `${icon} is an image`);
		}
	} finally {
		await n8n.stop();
		v.logs.push(fs.existsSync(n8n.logFile) ? fs.readFileSync(n8n.logFile, 'utf8') : '');
	}
}

/** The vendors, as the packer finds them: folders of nodes/ that hold a `*.node.ts`. */
function vendorFolders(dir = path.join(local.ROOT, 'nodes')) {
	const hasNode = (d) => fs.readdirSync(d, { withFileTypes: true }).some((e) => (e.isDirectory() ? hasNode(path.join(d, e.name)) : e.name.endsWith('.node.ts')));
	return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && hasNode(path.join(dir, e.name))).map((e) => e.name).sort();
}

function vendorSpec(folder) {
	return {
		name: `the package of nodes/${folder} installed alone: scanner rules clean, loads without warnings, runs its examples`,
		async run(e2e, assert) {
			const records = await packOnce(e2e);
			const record = records.find((r) => r.folder === folder);
			assert.ok(record, `pack:vendors made a package of nodes/${folder} (it made ${records.map((r) => r.name).join(', ')})`);
			process.stderr.write(`[e2e]   ${record.name}: ${record.files} files, ${(record.size / 1024).toFixed(1)} KiB; scanner rules ${record.lint.errors} errors, ${record.lint.warnings} warnings\n`);
			assert.equal(record.lint.errors, 0, `${record.name}: scanner rule errors`);
			const tarball = path.resolve(local.ROOT, record.tarball);
			const v = await E2E.setup({ tarball, packageName: record.name, credentialTypes: record.credentials });
			try {
				const problems = await runExamples(v, record, assert);
				assert.deepEqual(problems, []);
				await checkEditor(v, record, assert);
				assert.deepEqual(v.packageLoadProblems(), [], `n8n warned while loading ${record.name}`);
			} finally {
				await v.teardown();
			}
		},
	};
}

module.exports = vendorFolders().map(vendorSpec);
