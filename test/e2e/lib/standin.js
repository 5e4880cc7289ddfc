/**
 * The e2e specs' view of the running stand-in: reset it to N users, read what it was asked,
 * ask it directly (with the demo credentials) for what a node should have returned, and
 * change its users behind the API's back.
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

/** A vendor's users in the stand-in's own shape (vendor: pcRecruiter, recrubo, highQ, hcss, formsOnFire). */
function users(e2e, vendor) {
	return call(e2e, `/__users?vendor=${vendor}`);
}

/** Changes a vendor's users behind the API: `{ add: [user], update: [{ id, set }], remove: [id] }`. */
function changeUsers(e2e, vendor, changes) {
	return call(e2e, '/__users', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ vendor, ...changes }) });
}

module.exports = { reset, requests, stats, vendorGet, users, changeUsers };
