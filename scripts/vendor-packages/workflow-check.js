/**
 * The essentials of .github/workflows/publish.yml, checked on the parsed YAML:
 *
 * - it runs only on pushed tags, and the tag of the current version (v<version>) is one;
 * - the OIDC token may be requested (`id-token: write`, for the workflow or the job);
 * - in the job that publishes, `npm ci`, `npm test` and `npm run pack:vendors` come before
 *   the first `npm publish`, and so does setting VERSION (which the tarball names use);
 * - every expected package has exactly one `npm publish ... --provenance --access public`: the
 *   bundle as the checkout itself (no path), a vendor package as
 *   `dist-vendors/<name>-$VERSION.tgz` (pack-vendors' file name);
 * - nothing else is published.
 *
 * checkWorkflow(doc, { bundle, vendors, version }) returns the problems found (strings).
 */
'use strict';

/** A GitHub Actions filter pattern (*, **, +, ?, [..]) as a RegExp. */
function filterPattern(glob) {
	let re = '';
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i];
		if (c === '*') {
			if (glob[i + 1] === '*') {
				re += '.*';
				i++;
			} else re += '[^/]*';
		} else if (c === '+' || c === '?') re += c;
		else if (c === '[') {
			const end = glob.indexOf(']', i);
			re += glob.slice(i, end + 1);
			i = end;
		} else re += c.replace(/[.^$(){}|\\]/g, '\\$&');
	}
	return new RegExp(`^${re}$`);
}

/** Each `npm publish` command in a step's run script, as its words (quotes removed). */
function publishCommands(run) {
	const out = [];
	for (const line of String(run || '').split('\n')) {
		for (const m of line.matchAll(/npm\s+publish\b([^;&|\n]*)/g)) {
			out.push(m[1].trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/^["']|["']$/g, '')));
		}
	}
	return out;
}

function hasIdTokenWrite(permissions) {
	return !!permissions && typeof permissions === 'object' && permissions['id-token'] === 'write';
}

function checkWorkflow(doc, { bundle, vendors, version }) {
	const problems = [];
	if (!doc || typeof doc !== 'object') return ['the workflow is not a YAML mapping'];
	const on = doc.on;
	const push = on && typeof on === 'object' ? on.push : null;
	const tags = push && Array.isArray(push.tags) ? push.tags : [];
	if (!tags.length) problems.push('on.push.tags: the workflow must run on version tags');
	const triggers = on && typeof on === 'object' ? Object.keys(on) : [String(on)];
	const others = triggers.filter((t) => t !== 'push');
	if (others.length) problems.push(`on: only tag pushes may publish, found ${others.join(', ')}`);
	if (push && (push.branches || push['branches-ignore'] || push.paths)) problems.push('on.push: tags only, no branches or paths');
	if (tags.length && !tags.some((t) => filterPattern(String(t)).test(`v${version}`))) problems.push(`on.push.tags: the tag v${version} would not run it (${tags.join(', ')})`);

	const jobs = doc.jobs && typeof doc.jobs === 'object' ? Object.entries(doc.jobs) : [];
	const seen = new Map();
	for (const [jobName, job] of jobs) {
		const steps = Array.isArray(job && job.steps) ? job.steps : [];
		const firstPublish = steps.findIndex((s) => publishCommands(s.run).length);
		if (firstPublish < 0) continue;
		if (!hasIdTokenWrite(job.permissions) && !(job.permissions === undefined && hasIdTokenWrite(doc.permissions))) {
			problems.push(`jobs.${jobName}: publishes without permissions id-token: write`);
		}
		const before = steps.slice(0, firstPublish).map((s) => String(s.run || '')).join('\n');
		for (const [what, re] of [['npm ci', /\bnpm ci\b/], ['npm test', /\bnpm (run )?test\b/], ['npm run pack:vendors', /\bnpm run pack:vendors\b/]]) {
			if (!re.test(before)) problems.push(`jobs.${jobName}: ${what} must run before the first npm publish`);
		}
		const versionSet = /\bVERSION=.*>>\s*"?\$\{?GITHUB_ENV\b/.test(before) || !!(job.env && job.env.VERSION) || !!(doc.env && doc.env.VERSION);
		if (!versionSet) problems.push(`jobs.${jobName}: VERSION (the tarballs' version) is not set before the first npm publish`);
		steps.forEach((step, i) => {
			for (const words of publishCommands(step.run)) {
				const where = `jobs.${jobName}.steps[${i}] (${step.name || 'unnamed'})`;
				if (!words.includes('--provenance')) problems.push(`${where}: npm publish without --provenance`);
				const access = words.indexOf('--access');
				if (!(words.includes('--access=public') || (access >= 0 && words[access + 1] === 'public'))) problems.push(`${where}: npm publish without --access public`);
				if (words.includes('--dry-run')) problems.push(`${where}: npm publish --dry-run publishes nothing`);
				const paths = words.filter((w, j) => !w.startsWith('-') && words[j - 1] !== '--access' && words[j - 1] !== '--tag');
				let name = null;
				if (!paths.length && !step['working-directory']) name = bundle;
				else if (paths.length === 1) {
					const m = /^dist-vendors\/(.+)-\$\{?VERSION\}?\.tgz$/.exec(paths[0]);
					name = m && vendors.includes(m[1]) ? m[1] : null;
				}
				if (!name) problems.push(`${where}: publishes something that is not one of the packages: ${words.join(' ') || '(the checkout)'}`);
				else seen.set(name, (seen.get(name) || 0) + 1);
			}
		});
	}
	for (const name of [bundle, ...vendors]) {
		const n = seen.get(name) || 0;
		if (n !== 1) problems.push(`${name}: published ${n} times (want once)`);
	}
	return problems;
}

module.exports = { checkWorkflow, filterPattern, publishCommands };
