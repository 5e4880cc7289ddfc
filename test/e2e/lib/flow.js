/**
 * Builds n8n workflow JSON for the e2e specs: a Manual Trigger and chains of nodes hanging off
 * it. Every chain is its own branch from the trigger, so one `n8n execute` (about 4-5 s, most
 * of it n8n booting) runs many operations; inside a chain each node gets the previous node's
 * items, which is how create -> get -> update -> get round trips are written.
 *
 *   flow('Recrubo: everything', [
 *     [recrubo('Create', { operation: 'create', ... }), recrubo('Get created', { operation: 'get', userId: '={{ $json.id }}' })],
 *     [recrubo('List all', { operation: 'getAll', returnAll: true })],
 *   ])
 *
 * Node names must be unique across the whole workflow.
 */
'use strict';

const { PACKAGE_NAME } = require('../../../scripts/n8n-local');

/**
 * One of our nodes. `opts.credentials` maps credential type -> { id, name } (e2e.credentials
 * subset); `opts.onError: 'continueRegularOutput'` turns a failure into an item with `error`
 * (n8n's Settings -> On Error -> Continue); `opts.executeOnce` runs it for the first input item only.
 */
function ours(nodeName, name, parameters, { credentials, onError, executeOnce, alwaysOutputData } = {}) {
	return {
		name,
		type: `${PACKAGE_NAME}.${nodeName}`,
		typeVersion: 1,
		parameters,
		...(credentials ? { credentials } : {}),
		...(onError ? { onError } : {}),
		...(executeOnce ? { executeOnce: true } : {}),
		...(alwaysOutputData ? { alwaysOutputData: true } : {}),
	};
}

/** A Code node (JavaScript, run once for all items). */
function code(name, jsCode, { executeOnce } = {}) {
	return { name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode }, ...(executeOnce ? { executeOnce: true } : {}) };
}

/** The workflow: a Manual Trigger named Start, each chain a branch from it, laid out top to bottom. */
function flow(name, chains) {
	const nodes = [{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	const connections = {};
	const seen = new Set(['Start']);
	chains.forEach((chain, row) => {
		let prev = 'Start';
		chain.forEach((node, col) => {
			if (seen.has(node.name)) throw new Error(`flow(${name}): duplicate node name ${node.name}`);
			seen.add(node.name);
			nodes.push({ id: `n${row}_${col}`, position: [240 * (col + 1), 200 * row], ...node });
			(connections[prev] = connections[prev] || { main: [[]] }).main[0].push({ node: node.name, type: 'main', index: 0 });
			prev = node.name;
		});
	});
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** The message and description an error item (On Error -> Continue) or a run error carries. */
function errorText(err) {
	if (!err) return '';
	if (typeof err === 'string') return err;
	return [err.message, err.description, err.error && err.error.message, err.error && err.error.description]
		.filter((s) => typeof s === 'string')
		.join(' | ');
}

module.exports = { ours, code, flow, errorText };
