/**
 * Proves the e2e harness with n8n's built-in nodes only (our nodes are not needed):
 * Manual Trigger -> HTTP Request (the stand-in's Recrubo API, all pages) -> Code.
 */
'use strict';

function workflow(standinUrl, apiKey, { paginate = true } = {}) {
	return {
		name: 'e2e smoke: built-in nodes against the stand-in',
		nodes: [
			{ id: 'a1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'a2',
				name: 'Fetch users',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					url: `${standinUrl}/recrubo/public/v2/users`,
					sendHeaders: true,
					headerParameters: { parameters: [{ name: 'Authorization', value: apiKey }] },
					sendQuery: true,
					queryParameters: { parameters: [{ name: 'page[size]', value: '20' }] },
					options: {
						// Recrubo answers application/vnd.api+json, which is not auto-detected as JSON
						response: { response: { responseFormat: 'json' } },
						...(paginate && {
							pagination: {
								pagination: {
									parameters: { parameters: [{ name: 'page[number]', value: '={{ $pageCount + 1 }}' }] },
									paginationCompleteWhen: 'other',
									completeExpression: '={{ $response.body.meta.currentPage >= $response.body.meta.maxPage }}',
								},
							},
						}),
					},
				},
			},
			{
				id: 'a3',
				name: 'Flatten',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [440, 0],
				parameters: {
					jsCode: 'return $input.all().flatMap((page) => page.json.data.map((u) => ({ json: { id: u.id, ...u.attributes } })));',
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Fetch users', type: 'main', index: 0 }]] },
			'Fetch users': { main: [[{ node: 'Flatten', type: 'main', index: 0 }]] },
		},
	};
}

module.exports = [
	{
		name: 'built-in nodes page through the stand-in and a Code node flattens the pages',
		async run(e2e, assert) {
			await fetch(`${e2e.standin.url}/__reset?users=250`, { method: 'POST' });
			const res = await e2e.executeWorkflow(workflow(e2e.standin.url, 'recrubo-api-key'));
			assert.equal(res.error, null, JSON.stringify(res.error));
			const pages = res.items['Fetch users'];
			const users = res.items.Flatten;
			assert.equal(pages.length, 13); // 250 users, 20 a page
			assert.equal(users.length, 250);
			assert.equal(new Set(users.map((u) => u.id)).size, 250);
			assert.equal(typeof users[0].email, 'string');
			process.stderr.write(`[e2e]   n8n execute took ${(res.ms / 1000).toFixed(1)} s (import ${(res.importMs / 1000).toFixed(1)} s)\n`);
		},
	},
	{
		name: 'a vendor error reaches the result as the run error',
		async run(e2e, assert) {
			// (without pagination: n8n's HTTP Request paginator hands a 401 page on instead of failing)
			const res = await e2e.executeWorkflow(workflow(e2e.standin.url, 'wrong-key', { paginate: false }));
			assert.ok(res.error, 'expected an error');
			assert.match(JSON.stringify(res.error), /401|access denied|Authorization failed/i);
			assert.ok(res.nodeErrors['Fetch users'], 'the failing node carries the error');
		},
	},
];
