/**
 * What `npm start` shows of n8n's console. n8n itself runs at N8N_LOG_LEVEL=warn (start.js)
 * with its calls to n8n's online services switched off (n8nEnv in n8n-local.js), so what
 * is left are warnings and errors, the nodes' own log lines among them. Two of n8n's warnings
 * come on every start of a local instance and say nothing about this package; this filter
 * drops exactly those, and the blank lines n8n pads its warnings with:
 *
 *   - "Failed to start Python task runner in internal mode ...": the Python Code node's
 *     runner needs a virtual environment the npm install of n8n does not create; no
 *     workflow here uses it.
 *   - the deprecation notice for N8N_RUNNERS_MODE: task runners in internal mode, n8n's
 *     default, are deprecated for production set-ups (its header goes with it when it is
 *     the only notice; any other deprecation is shown with the header).
 *
 * Node built-ins only.
 */
'use strict';

const { Transform } = require('node:stream');

const DROP = [/^Failed to start Python task runner in internal mode\b/, /^ - N8N_RUNNERS_MODE -> /];
const DEPRECATIONS_HEADER = /^There (are deprecations|is a deprecation) related to your n8n setup/;
const DEPRECATION_ITEM = /^ - /;

/**
 * A line filter with state (a deprecation header waits for its first kept item):
 * feed(line) gives the lines to show for it (none, one, or a held header and the line).
 */
function lineFilter() {
	let heldHeader = null;
	let inDeprecations = false;
	return function feed(line) {
		if (line.trim() === '') return [];
		if (DEPRECATIONS_HEADER.test(line)) {
			heldHeader = line;
			inDeprecations = true;
			return [];
		}
		if (inDeprecations && !DEPRECATION_ITEM.test(line)) {
			inDeprecations = false;
			heldHeader = null;
		}
		if (DROP.some((re) => re.test(line))) return [];
		if (heldHeader) {
			const out = [heldHeader, line];
			heldHeader = null;
			return out;
		}
		return [line];
	};
}

/** The lines of text to show, for a whole text (tests, logs). */
function filterText(text) {
	const feed = lineFilter();
	return text.split('\n').flatMap(feed);
}

/** A stream that passes n8n's console output through the line filter. */
function createFilterStream() {
	const feed = lineFilter();
	let rest = '';
	return new Transform({
		transform(chunk, _enc, done) {
			const lines = (rest + chunk.toString('utf8')).split('\n');
			rest = lines.pop();
			const out = lines.flatMap(feed);
			done(null, out.length ? `${out.join('\n')}\n` : '');
		},
		flush(done) {
			const out = rest ? feed(rest) : [];
			done(null, out.length ? `${out.join('\n')}\n` : '');
		},
	});
}

module.exports = { filterText, createFilterStream, lineFilter };
