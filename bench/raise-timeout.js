/**
 * Preloaded into the benchmark's `n8n execute-batch` process (node --require): that command
 * gives up on a workflow after 3 minutes (ExecuteBatch.executionTimeout) and leaves it running
 * in the background, where its requests would be counted against the next workflow. A sync run
 * of 10,000 items one request each can take longer on a busy machine, so the limit is raised.
 */
'use strict';

const Module = require('node:module');

const LIMIT_MS = Number(process.env.BENCH_EXECUTION_TIMEOUT_MS || 30 * 60 * 1000);
const load = Module._load;
Module._load = function (request) {
	const loaded = load.apply(this, arguments);
	if (/commands[\\/]execute-batch\.js$/.test(request) && loaded && loaded.ExecuteBatch) loaded.ExecuteBatch.executionTimeout = LIMIT_MS;
	return loaded;
};
