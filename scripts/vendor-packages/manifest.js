/**
 * The package.json, README and example workflows of a per-vendor package, made from ours:
 * the manifest from package.json (its name, description and keywords changed, `n8n` listing
 * only the vendor's nodes and credentials, no `main`, no scripts, no devDependencies); the
 * README from the vendor's section of README.md (and, for a vendor with a trigger, the
 * Triggers section made about that trigger) with install notes around it; the examples
 * that use only the vendor's nodes, their node types renamed to the vendor package's.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { ROOT, ROOT_PACKAGE } = require('./plan');

/** https://github.com/owner/repo from package.json's repository. */
function repoUrl() {
	const url = typeof ROOT_PACKAGE.repository === 'string' ? ROOT_PACKAGE.repository : ROOT_PACKAGE.repository.url;
	return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

function distPath(vendorFile) {
	return path.relative(ROOT, vendorFile).split(path.sep).join('/');
}

function packageJson(vendor) {
	const { name, description, keywords, main, files, scripts, devDependencies, dependencies, n8n, ...rest } = ROOT_PACKAGE; // eslint-disable-line no-unused-vars
	const words = vendor.displayName.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
	return {
		name: vendor.packageName,
		version: ROOT_PACKAGE.version,
		description: `n8n community node for ${vendor.displayName}: ${vendor.description}`,
		keywords: [...new Set(['n8n-community-node-package', 'n8n', 'user-sync', words.join(''), ...words])],
		...rest,
		homepage: `${repoUrl()}#${vendor.anchor}`,
		files: ['dist', 'examples'],
		n8n: {
			...n8n,
			credentials: vendor.credentials.map((c) => distPath(c.file)),
			nodes: vendor.nodes.map((n) => distPath(n.file)),
		},
	};
}

/**
 * The examples/*.json whose nodes of ours are all this vendor's, with `<ours>.<node>` node
 * types renamed to `<vendor package>.<node>`. Returns [{ file, workflow }].
 */
function examples(vendor, dir = path.join(ROOT, 'examples')) {
	if (!fs.existsSync(dir)) return [];
	const prefix = `${ROOT_PACKAGE.name}.`;
	const own = new Set(vendor.nodes.flatMap((n) => [n.name, `${n.name}Tool`]));
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }))
		.filter(({ workflow }) => {
			const ours = (workflow.nodes || []).filter((n) => typeof n.type === 'string' && n.type.startsWith(prefix));
			return ours.length > 0 && ours.every((n) => own.has(n.type.slice(prefix.length)));
		})
		.map(({ file, workflow }) => ({
			file,
			workflow: {
				...workflow,
				nodes: workflow.nodes.map((n) => (n.type.startsWith(prefix) ? { ...n, type: `${vendor.packageName}.${n.type.slice(prefix.length)}` } : n)),
			},
		}));
}

/** README.md's `## <heading>` section, up to the next `## ` heading or `<!-- ` marker; undefined when there is none. */
function section(readme, heading) {
	const lines = readme.split('\n');
	const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
	if (start < 0) return undefined;
	let end = lines.findIndex((l, i) => i > start && (/^## /.test(l) || /^<!--/.test(l)));
	if (end < 0) end = lines.length;
	return lines.slice(start, end).join('\n').trim();
}

/** README.md's `## <displayName>` section. */
function vendorSection(vendor, readme) {
	const text = section(readme, vendor.displayName);
	if (text === undefined) throw new Error(`README.md has no "## ${vendor.displayName}" section for ${vendor.packageName}`);
	return text;
}

const TRIGGERS_HEADING = 'Triggers: joiners, movers and leavers';

/** The vendors of README.md's table of nodes (`| [Name](#anchor) | ...`), triggers left out. */
function vendorNames(readme) {
	const names = [...readme.matchAll(/^\| \[([^\]]+)\]\(#[^)]+\) \|/gm)].map((m) => m[1]);
	return names.filter((n) => !/ Trigger$/.test(n));
}

/** Whether `text` names the vendor: its name, or the first word of it (`HighQ` for HighQ Publisher). */
function names(text, vendorName) {
	const first = vendorName.split(' ')[0];
	return [vendorName, first].some((n) => new RegExp(`(^|[^A-Za-z])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z]|$)`).test(text));
}

/**
 * README.md's Triggers section for a vendor with a trigger node: the table row of its own
 * trigger only, and without the paragraphs whose first line is about another vendor (another
 * vendor's trigger, Forms On Fire having none). Undefined for a vendor without a trigger.
 */
function triggerSection(vendor, readme) {
	const trigger = vendor.nodes.find((n) => /Trigger$/.test(n.name));
	if (!trigger) return undefined;
	const text = section(readme, TRIGGERS_HEADING);
	if (text === undefined) throw new Error(`README.md has no "## ${TRIGGERS_HEADING}" section for ${vendor.packageName}`);
	const others = vendorNames(readme).filter((n) => n !== vendor.displayName);
	const aboutOther = (line) => !names(line, vendor.displayName) && others.some((n) => names(line, n));
	const blocks = text.split(/\n\n+/).map((block) => {
		if (!block.startsWith('| ')) return block;
		return block
			.split('\n')
			.filter((row, i) => i < 2 || row.startsWith(`| ${trigger.displayName} |`))
			.join('\n');
	});
	const kept = blocks.filter((block) => block.startsWith('| ') || !aboutOther(block.split('\n')[0]));
	kept[0] = `## ${trigger.displayName}: joiners, movers and leavers`;
	return kept.join('\n\n');
}

/**
 * Relative links made absolute (to the repository's README or files at this version),
 * except links to files the package itself ships.
 */
function absoluteLinks(markdown, shipped) {
	const base = repoUrl();
	return markdown.replace(/\]\((?!https?:|mailto:)([^)\s]+)\)/g, (all, target) => {
		if (target.startsWith('#')) return `](${base}${target})`;
		if (shipped.has(target)) return all;
		return `](${base}/blob/v${ROOT_PACKAGE.version}/${target})`;
	});
}

function readme(vendor, shippedExamples) {
	const bundle = ROOT_PACKAGE.name;
	const credTypes = vendor.credentials.map((c) => `\`${c.name}\``).join(', ');
	const several = vendor.nodes.length > 1;
	const nodePhrase = several ? `the ${vendor.displayName} nodes (${vendor.nodes.map((n) => n.displayName).join(', ')})` : `the ${vendor.displayName} node`;
	const credPhrase = `${several ? 'their' : 'its'} credential type${vendor.credentials.length > 1 ? 's' : ''} (${credTypes})`;
	const notices = vendor.files.filter((f) => f.endsWith('.txt')).map(distPath);
	const shipped = new Set(shippedExamples.map((e) => `examples/${e.file}`));
	const ours = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const triggers = triggerSection(vendor, ours);
	const section = absoluteLinks([vendorSection(vendor, ours), triggers].filter(Boolean).join('\n\n'), shipped);
	const exampleNote = shippedExamples.length
		? `\nThe example workflows named below are in this package's \`examples/\` folder, with their node types set for this package (\`${vendor.packageName}.<node>\`).\n`
		: '';
	return `# ${vendor.packageName}

n8n community node${several ? 's' : ''} for **${vendor.displayName}**: ${vendor.description}.

This package holds only ${nodePhrase} and ${credPhrase}, with the shared core
bundled in and no runtime dependencies. It is built from the same sources as
[\`${bundle}\`](${repoUrl()}#readme), which holds the nodes of every vendor it supports in one package.

## Install

In n8n (self-hosted): **Settings → Community Nodes → Install**, enter \`${vendor.packageName}\`, confirm.

Or with npm, in n8n's user folder, then restart n8n:

\`\`\`sh
cd ~/.n8n/nodes        # create it if it does not exist
npm install ${vendor.packageName}
\`\`\`

**Install this package or \`${bundle}\`, never both.** Both define the credential type${vendor.credentials.length > 1 ? 's' : ''} ${credTypes},
and credential type names are global in n8n, so the second package's credentials clash with the
first's. Workflows name a node by package (\`${vendor.packageName}.${vendor.nodes[0].name}\` here,
\`${bundle}.${vendor.nodes[0].name}\` in the bundle): moving from one package to the other keeps
saved credentials (same type names and fields) but means re-adding the nodes in each workflow.
${exampleNote}
${section}

## License

MIT (see LICENSE).${notices.length ? ` Notices of the code bundled in: ${notices.map((n) => `\`${n}\``).join(', ')}.` : ''}
`;
}

module.exports = { packageJson, readme, examples, vendorSection, triggerSection, absoluteLinks, repoUrl };
