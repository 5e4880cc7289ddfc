/**
 * What the e2e specs ask a running `n8n start` (local.startN8n) as the editor would.
 */
'use strict';

const local = require('../../../scripts/n8n-local');

/** Logs in as the owner; resolves to the Cookie header for later requests. */
async function login(url) {
	const res = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: local.OWNER.email, password: local.OWNER.password }),
	});
	if (!res.ok) throw new Error(`login: HTTP ${res.status} ${await res.text()}`);
	return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

module.exports = { login };
