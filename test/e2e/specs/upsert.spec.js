/**
 * Create or Update on HCSS and HighQ Publisher inside real n8n (Recrubo and Forms On Fire are
 * covered by sync.spec.js). One workflow, one `n8n execute`: each chain creates a new user,
 * sends the same values again (unchanged), then changes one field (updated); HighQ does the
 * second and third steps in XML.
 */
'use strict';

const BU = 'b86659fa-d8f1-4909-80b7-59950d3fdd46'; // the stand-in's "Main Office"
const ROLE = '2d1e4c1a-8f3b-4b8e-9d0a-7c5e2f1a3b4c'; // the stand-in's "Foreman"

function workflow(credentials, stamp) {
	const userName = `e2e.upsert.${stamp}@example.com`;
	const hcss = (name, x, extra = {}) => ({
		id: `hc-${name}`,
		name,
		type: 'n8n-nodes-user-sync.hcss',
		typeVersion: 1,
		position: [x, 0],
		credentials: { hcssOAuth2Api: credentials.hcssOAuth2Api },
		parameters: {
			resource: 'user',
			operation: 'upsert',
			userName,
			firstName: 'Upsert',
			lastName: 'Tester',
			contactMethod: 'Email',
			userRole: ROLE,
			additionalFields: { email: userName, homeBusinessUnit: BU, ...extra },
		},
	});
	const email = `e2e.upsert.${stamp}@highq.example.com`;
	const highq = (name, x, format, additionalFields = {}) => ({
		id: `hq-${name}`,
		name,
		type: 'n8n-nodes-user-sync.highQPublisher',
		typeVersion: 1,
		position: [x, 200],
		credentials: { highQPublisherApi: credentials.highQPublisherApi },
		parameters: {
			authentication: 'accessToken',
			resource: 'user',
			operation: 'upsert',
			email,
			firstName: 'Upsert',
			lastName: 'Tester',
			additionalFields: { jobTitle: 'Site lead', ...additionalFields },
			options: { format },
		},
	});
	const nodes = [
		{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		hcss('HCSS create', 200),
		hcss('HCSS again', 400),
		hcss('HCSS change', 600, { employeeCode: 'E-42' }),
		highq('HighQ create', 200, 'json'),
		highq('HighQ again (XML)', 400, 'xml'),
		highq('HighQ change (XML)', 600, 'xml', { city: 'Leeds' }),
	];
	const link = (to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		name: 'e2e: Create or Update on HCSS and HighQ',
		nodes,
		connections: {
			Start: { main: [[{ node: 'HCSS create', type: 'main', index: 0 }, { node: 'HighQ create', type: 'main', index: 0 }]] },
			'HCSS create': link('HCSS again'),
			'HCSS again': link('HCSS change'),
			'HighQ create': link('HighQ again (XML)'),
			'HighQ again (XML)': link('HighQ change (XML)'),
		},
		settings: { executionOrder: 'v1' },
		userName,
		email,
	};
}

module.exports = [
	{
		name: 'Create or Update on HCSS and HighQ: created, unchanged, updated',
		async run(e2e, assert) {
			const { userName, email, ...wf } = workflow(e2e.credentials, Date.now());
			const r = await e2e.executeWorkflow(wf);
			assert.equal(r.error, null, JSON.stringify(r.error));
			assert.deepEqual(r.nodeErrors, {});
			const one = (node) => {
				assert.equal(r.items[node].length, 1, `${node}: one item`);
				return r.items[node][0];
			};
			const created = one('HCSS create');
			assert.equal(created.action, 'created');
			assert.equal(created.userName, userName);
			assert.match(created.id, /^[0-9a-f-]{36}$/);
			assert.deepEqual({ ...one('HCSS again') }, { ...created, action: 'unchanged' });
			const changed = one('HCSS change');
			assert.equal(changed.action, 'updated');
			assert.equal(changed.id, created.id);
			assert.equal(changed.employeeCode, 'E-42');

			const hq = one('HighQ create');
			assert.equal(hq.action, 'created');
			assert.equal(hq.email, email);
			const again = one('HighQ again (XML)');
			assert.equal(again.action, 'unchanged');
			assert.equal(String(again.id), String(hq.id));
			assert.equal(again.jobtitle, 'Site lead');
			const hqChanged = one('HighQ change (XML)');
			assert.equal(hqChanged.action, 'updated');
			assert.equal(hqChanged.location.city, 'Leeds');
			assert.equal(hqChanged.jobtitle, 'Site lead', 'the merge kept the job title');
		},
	},
];
