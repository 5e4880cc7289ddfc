/**
 * Prints the hardening suite's closing summary after `jest` (and so `npm test`): the
 * figures each test/hardening file saved in .hardening-stats/, added up.
 */
const fs = require('fs');
const path = require('path');

const DIR = path.join(__dirname, '..', '..', '.hardening-stats');

class HardeningSummaryReporter {
	onRunStart() {
		fs.rmSync(DIR, { recursive: true, force: true });
	}

	onRunComplete() {
		if (!fs.existsSync(DIR)) return;
		const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));
		if (files.length === 0) return;
		const total = {};
		for (const file of files) {
			const stats = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
			for (const [key, value] of Object.entries(stats)) total[key] = (total[key] ?? 0) + value;
		}
		const n = (key) => total[key] ?? 0;
		const lines = [
			'',
			`Hardening summary (${files.length} files: ${files.map((f) => f.replace(/\.json$/, '')).sort().join(', ')})`,
			`  bad inputs tried:                  ${n('badInputs')}`,
			`  faults injected:                   ${n('faults')}`,
			`  hostile XML documents:             ${n('hostileXml')}`,
			`  lying pagers:                      ${n('lyingPagers')}`,
			`  crashes:                           ${n('crashes')}`,
			`  secrets leaked:                    ${n('secretsLeaked')} (in ${n('secretSearches')} serialised executions searched)`,
			`  requests sent for invalid input:   ${n('requestsForInvalidInput')}`,
			`  parameter errors n8n re-wrapped:   ${n('reWrapped')} (NodeOperationError -> NodeApiError by n8n-core's RoutingNode; message and description kept)`,
			`  refused by n8n before the node ran: ${n('refusedByN8n')} (a literal empty required parameter)`,
			'',
		];
		process.stdout.write(`${lines.join('\n')}\n`);
	}
}

module.exports = HardeningSummaryReporter;
