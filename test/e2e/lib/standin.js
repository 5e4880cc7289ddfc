/**
 * The e2e specs' view of the running stand-in: reset it to N users, read what it was asked,
 * and ask it directly (with the demo credentials) for what a node should have returned.
 */
'use strict';

async function call(e2e, path, init) {
	const res = await fetch(`${e2e.standin.url}${path}`, init);
	const text = await res.text();
	if (!res.ok) throw new Error(`stand-in ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
	return text ? JSON.parse(text) : null;
}

/** Fresh data: `users` seeded users per vendor, request log and counters cleared. */
function reset(e2e, users) {
	return call(e2e, `/__reset?users=${users}`, { method: 'POST' });
}

/** Marks the specs' own requests, so that requests() can leave them out. */
const DIRECT = 'x-e2e-direct';

/** The requests n8n sent to the stand-in (of its last 500), optionally for one vendor. */
async function requests(e2e, vendor) {
	const all = await call(e2e, `/__requests${vendor ? `?vendor=${vendor}` : ''}`);
	return all.filter((r) => !r.headers[DIRECT]);
}

/** Counters per vendor and route since the last reset. */
function stats(e2e) {
	return call(e2e, '/__stats');
}

/** A GET on the stand-in as a vendor client would send it; resolves to the parsed JSON body. */
async function vendorGet(e2e, path, headers = {}) {
	const res = await fetch(`${e2e.standin.url}${path}`, { headers: { Accept: 'application/json', ...headers, [DIRECT]: '1' } });
	const text = await res.text();
	if (!res.ok) throw new Error(`stand-in GET ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
	return JSON.parse(text);
}

module.exports = { reset, requests, stats, vendorGet };
