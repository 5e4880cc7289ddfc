/**
 * Loaded into an n8n process with `node --require <this file> n8n ...`: records, for every
 * module inside an installed community package (`.../.n8n/nodes/node_modules/...`), where
 * its `require('n8n-workflow')` (and `n8n-core`) resolved to, one JSON line per resolution
 * ({ from, request, resolved }) appended to the file named by N8N_RESOLVE_PROBE_FILE.
 *
 * A community package must get these peers from n8n's own installation: that is how n8n
 * installs it (n8n puts its own node_modules on NODE_PATH). A copy found on the way up from
 * the user folder (e.g. a clone's node_modules when the user folder sits inside the clone)
 * would be used instead, and would hide a peer-dependency mismatch.
 */
'use strict';

const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const out = process.env.N8N_RESOLVE_PROBE_FILE;
const PEERS = new Set(['n8n-workflow', 'n8n-core']);
const INSTALLED = `${path.sep}.n8n${path.sep}nodes${path.sep}node_modules${path.sep}`;

if (out) {
	const resolve = Module._resolveFilename;
	Module._resolveFilename = function probe(request, parent, ...rest) {
		const resolved = resolve.call(this, request, parent, ...rest);
		if (PEERS.has(request) && parent && parent.filename && parent.filename.includes(INSTALLED)) {
			fs.appendFileSync(out, `${JSON.stringify({ from: parent.filename, request, resolved })}\n`);
		}
		return resolved;
	};
}
