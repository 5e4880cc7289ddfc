/**
 * What `npm start` promises a newcomer: every examples/*.json, imported the way npm start
 * imports it (the demo credentials put in), runs against the stand-in as it is, without
 * errors, and its nodes of ours bring users back. An example that starts with one of our
 * polling triggers runs when it is activated, on n8n's schedule: triggers.spec.js runs it so.
 */
'use strict';

const local = require('../../../scripts/n8n-local');
const standin = require('../lib/standin');
const { errorText } = require('../lib/flow');

module.exports = [
	{
		name: 'every example workflow runs against the stand-in as npm start imports it',
		async run(e2e, assert) {
			await standin.reset(e2e, 250);
			const credentials = local.credentialsFor(e2e.standin.url);
			const polled = (wf) => wf.nodes.some((n) => n.type.startsWith(`${local.PACKAGE_NAME}.`) && n.type.endsWith('Trigger'));
			const examples = local.readExamples().filter((wf) => !polled(wf)).map((wf) => local.withDemoCredentials(wf, credentials));
			assert.ok(examples.length >= 5, 'one example per vendor');
			const results = await e2e.executeWorkflows(examples);
			const problems = [];
			examples.forEach((wf, i) => {
				const res = results[i];
				// (a disabled node, e.g. one waiting for dropdown choices, only passes its input on)
				const ourNodes = wf.nodes.filter((n) => n.type.startsWith(`${local.PACKAGE_NAME}.`) && !n.disabled).map((n) => n.name);
				const counts = ourNodes.map((n) => `${n}: ${res.items[n] ? res.items[n].length : 'not run'}`);
				process.stderr.write(`[e2e]   ${wf.name}: ${counts.join(', ')}${res.error ? ` ERROR ${errorText(res.error)}` : ''}\n`);
				if (res.error) problems.push(`${wf.name}: ${errorText(res.error)}`);
				const empty = ourNodes.filter((n) => !res.items[n] || res.items[n].length === 0);
				if (empty.length) problems.push(`${wf.name}: no items from ${empty.join(', ')}`);
			});
			assert.deepEqual(problems, []);
		},
	},
];
