/**
 * What the e2e specs ask a running `n8n start` (local.startN8n) as the editor would.
 */
'use strict';

const local = require('../../../scripts/n8n-local');

/**
 * Logs in as the owner; resolves to the Cookie header for later requests. n8n 2.x has its owner
 * from the environment (N8N_INSTANCE_OWNER_*, see scripts/n8n-local.js); n8n 1.x has no such
 * settings, and its owner is set up here as its setup screen would. n8n 1.x also answers
 * /healthz/readiness a few seconds before its REST routes exist: a 404 is waited out.
 */
async function login(url) {
	const post = (route, body) =>
		fetch(`${url}/rest/${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	const deadline = Date.now() + 60_000;
	let res = await post('login', { emailOrLdapLoginId: local.OWNER.email, password: local.OWNER.password });
	while (res.status === 404 && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		res = await post('login', { emailOrLdapLoginId: local.OWNER.email, password: local.OWNER.password });
	}
	if (res.status === 401) {
		const settings = await (await fetch(`${url}/rest/settings`)).json();
		if (settings.data.userManagement.showSetupOnFirstLoad) {
			res = await post('owner/setup', { email: local.OWNER.email, firstName: 'Local', lastName: 'Owner', password: local.OWNER.password });
		}
	}
	if (!res.ok) throw new Error(`login: HTTP ${res.status} ${await res.text()}`);
	return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

module.exports = { login };
