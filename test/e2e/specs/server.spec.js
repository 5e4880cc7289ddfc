/**
 * `n8n start` with our package installed: it starts, logs no warning about the package, and
 * the editor's node types (GET /types/nodes.json, what the editor's nodes panel reads) hold
 * each of our five nodes, its operations, and its AI tool variant (`<name>Tool`, which n8n
 * derives from `usableAsTool: true`, with an ai_tool output and no main input); HCSS's
 * dropdowns load through n8n's own dynamic-options endpoint.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const local = require('../../../scripts/n8n-local');
const { login } = require('../lib/editor');
const runtime = require('../../../scripts/n8n-runtime');
const { userFolder: startUserFolder } = require('../../../scripts/start');

const PROBE = path.join(local.ROOT, 'scripts', 'resolve-probe.js');

const NODES = {
	pcRecruiter: { displayName: 'PCRecruiter', resources: { user: ['get', 'getAll'], team: ['getAll'], emailAlias: ['getAll'] } },
	recrubo: { displayName: 'Recrubo', resources: { user: ['create', 'delete', 'get', 'getAll', 'update'] } },
	highQPublisher: { displayName: 'HighQ Publisher', resources: { user: ['archive', 'create', 'get', 'getAll', 'update'] } },
	hcss: { displayName: 'HCSS', resources: { user: ['create', 'delete', 'get', 'getAll', 'getByUserName', 'update'] } },
	formsOnFire: { displayName: 'Forms On Fire', resources: { user: ['create', 'delete', 'get', 'getAll'] } },
};

/** The operation values offered for a resource (the `operation` property shown for it). */
function operationsOf(description, resource) {
	return description.properties
		.filter((p) => p.name === 'operation' && (!p.displayOptions || !p.displayOptions.show || !p.displayOptions.show.resource || p.displayOptions.show.resource.includes(resource)))
		.flatMap((p) => p.options.map((o) => o.value));
}

module.exports = [
	{
		name: 'n8n start: our nodes load without warnings, and each has its AI tool variant',
		async run(e2e, assert) {
			const port = await local.freePort();
			// records where our installed package's require('n8n-workflow') resolves inside n8n
			const probeFile = path.join(e2e.userFolder, 'resolve-probe.jsonl');
			fs.rmSync(probeFile, { force: true });
			const n8n = await local.startN8n(e2e.userFolder, { port, nodeArgs: ['--require', PROBE], env: { N8N_RESOLVE_PROBE_FILE: probeFile } });
			let startLog = '';
			try {
				process.stderr.write(`[e2e]   n8n start ready in ${(n8n.startupMs / 1000).toFixed(1)} s\n`);
				const cookie = await login(`http://127.0.0.1:${port}`);
				const res = await fetch(`http://127.0.0.1:${port}/types/nodes.json`, { headers: { Cookie: cookie } });
				assert.equal(res.status, 200);
				const types = await res.json();
				const byName = new Map(types.map((t) => [t.name, t]));
				for (const [name, want] of Object.entries(NODES)) {
					const node = byName.get(`${local.PACKAGE_NAME}.${name}`);
					assert.ok(node, `${name} is a node type of the editor`);
					assert.equal(node.displayName, want.displayName);
					for (const [resource, ops] of Object.entries(want.resources)) {
						for (const op of ops) assert.ok(operationsOf(node, resource).includes(op), `${name}: ${resource} ${op}`);
					}
					const tool = byName.get(`${local.PACKAGE_NAME}.${name}Tool`);
					assert.ok(tool, `${name}Tool is registered (usableAsTool)`);
					assert.equal(tool.displayName, `${want.displayName} Tool`);
					assert.deepEqual(tool.outputs, ['ai_tool']);
					assert.deepEqual(tool.inputs, []);
					assert.ok(tool.properties.some((p) => p.name === 'toolDescription'), `${name}Tool has a tool description`);
					for (const [resource, ops] of Object.entries(want.resources)) {
						for (const op of ops) assert.ok(operationsOf(tool, resource).includes(op), `${name}Tool: ${resource} ${op}`);
					}
				}
				// HCSS's dropdowns (roles, business units) load from the API through the saved credential
				for (const [methodName, want] of [['getRoles', 'Foreman'], ['getBusinessUnits', 'North Division']]) {
					const r = await fetch(`http://127.0.0.1:${port}/rest/dynamic-node-parameters/options`, {
						method: 'POST',
						headers: { Cookie: cookie, 'Content-Type': 'application/json' },
						body: JSON.stringify({
							nodeTypeAndVersion: { name: `${local.PACKAGE_NAME}.hcss`, version: 1 },
							methodName,
							path: 'userRole',
							currentNodeParameters: { resource: 'user', operation: 'create' },
							credentials: { hcssOAuth2Api: e2e.credentials.hcssOAuth2Api },
						}),
					});
					assert.equal(r.status, 200, `${methodName}: HTTP ${r.status}`);
					const { data } = await r.json();
					assert.ok(data.some((o) => o.name === want && /^[0-9a-f-]{36}$/.test(o.value)), `${methodName} lists ${want}: ${JSON.stringify(data)}`);
				}
				const creds = await (await fetch(`http://127.0.0.1:${port}/types/credentials.json`, { headers: { Cookie: cookie } })).json();
				for (const c of ['pcRecruiterApi', 'recruboApi', 'highQPublisherApi', 'highQPublisherOAuth2Api', 'hcssOAuth2Api', 'formsOnFireApi']) {
					assert.ok(creds.some((t) => t.name === c), `credential type ${c}`);
				}
			} finally {
				await n8n.stop();
				startLog = fs.existsSync(n8n.logFile) ? fs.readFileSync(n8n.logFile, 'utf8') : '';
				e2e.logs.push(startLog); // packageLoadProblems() at the end of the run reads it too
			}
			assert.ok(startLog.length > 0, 'n8n start wrote a log');
			assert.deepEqual(local.packageLoadProblems(startLog), [], 'no warning about our package while n8n started');
			assert.doesNotMatch(startLog, /n8n-nodes-user-sync[^\n]*(warn|error|fail)/i);

			// as a community install: n8n-workflow comes from n8n's own installation, never from
			// this clone's node_modules (where a user folder inside the clone would find it first)
			const resolutions = fs.existsSync(probeFile) ? fs.readFileSync(probeFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
			assert.ok(resolutions.some((r) => r.request === 'n8n-workflow'), 'n8n loaded the installed package, and it required n8n-workflow');
			const n8nModules = path.join(runtime.paths().runtimeDir, 'node_modules') + path.sep;
			for (const r of resolutions) {
				assert.ok(r.resolved.startsWith(n8nModules), `${path.relative(e2e.userFolder, r.from)}: ${r.request} resolves from n8n's installation (${n8nModules}), not ${r.resolved}`);
				assert.ok(!r.resolved.startsWith(path.join(local.ROOT, 'node_modules') + path.sep), `${r.request} does not come from the clone's node_modules`);
			}
			// npm start's user folder is outside the clone too, so the demo loads the package the same way
			const demoFolder = path.relative(local.ROOT, startUserFolder());
			assert.ok(demoFolder.startsWith('..') || path.isAbsolute(demoFolder), `npm start's user folder ${startUserFolder()} is outside the clone`);
		},
	},
];
