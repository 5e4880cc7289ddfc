/**
 * Rate limiting inside a real n8n: a vendor answers 429 with a short Retry-After (the
 * stand-in's POST /__throttle, in each vendor's own error format), and each node tries again
 * until it gets an answer: four requests for three 429s, and the items as without them. When
 * the 429s outlast the retries, the run fails with the vendor's own message and says so.
 */
'use strict';

const { ours, flow, errorText } = require('../lib/flow');
const standin = require('../lib/standin');

const LOGIN = /access-token|\/token$|authorise/;

async function throttle(e2e, query) {
	const res = await fetch(`${e2e.standin.url}/__throttle?${query}`, { method: 'POST' });
	if (!res.ok) throw new Error(`POST /__throttle: HTTP ${res.status}`);
}

/**
 * The statuses the stand-in answered n8n's requests to a vendor with, logins left out, and a
 * 401 too: a PCRecruiter session an earlier spec left in the credential died with /__reset, so
 * the first request that gets past the 429s is refused once and n8n logs in again.
 */
async function statuses(e2e, vendor) {
	return (await standin.requests(e2e, vendor)).filter((r) => !LOGIN.test(r.route) && r.status !== 401).map((r) => r.status);
}

module.exports = [
	{
		name: 'a 429 with a short Retry-After is tried again on every vendor: four requests, then the items',
		async run(e2e, assert) {
			await standin.reset(e2e, 50);
			const c = e2e.credentials;
			const nodes = {
				pcRecruiter: ours('pcRecruiter', 'PCRecruiter', { resource: 'user', operation: 'getAll', returnAll: false, limit: 5 }, { credentials: { pcRecruiterApi: c.pcRecruiterApi } }),
				recrubo: ours('recrubo', 'Recrubo', { resource: 'user', operation: 'getAll', returnAll: false, limit: 5 }, { credentials: { recruboApi: c.recruboApi } }),
				highQ: ours('highQPublisher', 'HighQ Publisher', { authentication: 'accessToken', resource: 'user', operation: 'getAll', returnAll: false, limit: 5 }, { credentials: { highQPublisherApi: c.highQPublisherApi } }),
				hcss: ours('hcss', 'HCSS', { resource: 'user', operation: 'getAll', returnAll: false, limit: 5 }, { credentials: { hcssOAuth2Api: c.hcssOAuth2Api } }),
				formsOnFire: ours('formsOnFire', 'Forms On Fire', { resource: 'user', operation: 'getAll', returnAll: false, limit: 5, filters: { email: 'example.com' } }, { credentials: { formsOnFireApi: c.formsOnFireApi } }),
			};
			const wf = flow('e2e rate limited: every vendor', Object.values(nodes).map((n) => [n]));
			await throttle(e2e, 'count=3&retryAfter=1');
			const res = await e2e.executeWorkflow(wf);
			assert.equal(res.error, null, errorText(res.error));
			for (const [vendor, node] of Object.entries(nodes)) {
				assert.deepEqual(await statuses(e2e, vendor), [429, 429, 429, 200], `${vendor}: three 429s, then the answer`);
				assert.equal(res.items[node.name].length, 5, `${vendor}: the items`);
			}
		},
	},
	{
		name: "a 429 that outlasts the retries fails the run with the vendor's message (HighQ: XML)",
		async run(e2e, assert) {
			await standin.reset(e2e, 50);
			const node = ours('highQPublisher', 'Busy HighQ', { authentication: 'accessToken', resource: 'user', operation: 'get', userId: '8' }, { credentials: { highQPublisherApi: e2e.credentials.highQPublisherApi } });
			await throttle(e2e, 'vendor=highQ&count=4&retryAfter=1');
			const res = await e2e.executeWorkflow(flow('e2e rate limited: HighQ stays busy', [[node]]));
			assert.ok(res.error, 'the run failed');
			assert.match(errorText(res.error), /Too many requests: try again later\./);
			assert.match(errorText(res.error), /Still rate limited after 3 retries/);
			assert.match(errorText(res.error), /HTTP status: 429/);
			assert.deepEqual(await statuses(e2e, 'highQ'), [429, 429, 429, 429]);
		},
	},
];
