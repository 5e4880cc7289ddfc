const fs = require('fs');
const path = require('path');
const { src, dest, parallel } = require('gulp');

/** build:icons: copies node, credential and package icons into dist/ beside the built files. */
function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'icons/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

/**
 * build:bundle: fast-xml-parser is bundled into dist/ so the published package has no
 * runtime dependencies (n8n's verification scanner rejects them). tsc emits
 * `require("fast-xml-parser")` in dist/nodes/shared/xml.js; esbuild rewrites that one
 * file into a self-contained module, keeping n8n-workflow external.
 */
async function buildBundle() {
	const esbuild = require('esbuild');
	const file = path.join('dist', 'nodes', 'shared', 'xml.js');
	const result = await esbuild.build({
		entryPoints: [file],
		outfile: file,
		allowOverwrite: true,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['n8n-workflow'],
		legalComments: 'inline',
		sourcemap: false,
		logLevel: 'warning',
		metafile: true,
		banner: {
			js: '/*! Contains fast-xml-parser and its dependencies (MIT); see THIRD_PARTY_LICENSES.txt in this folder. */',
		},
	});
	// Keep the license notice of every package the bundle took in.
	const packages = new Set();
	for (const input of Object.keys(result.metafile.inputs)) {
		const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
		if (match) packages.add(match[1]);
	}
	const notices = [...packages].sort().map((name) => {
		const dir = path.join('node_modules', name);
		const licenseFile = fs.readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
		const { version, license } = require(path.join(process.cwd(), dir, 'package.json'));
		const text = licenseFile ? fs.readFileSync(path.join(dir, licenseFile), 'utf8') : `License: ${license}`;
		return `${name}@${version} (${license})\n\n${text.trim()}\n`;
	});
	fs.writeFileSync(path.join(path.dirname(file), 'THIRD_PARTY_LICENSES.txt'), notices.join('\n----\n\n'));
}

exports['build:icons'] = buildIcons;
exports['build:bundle'] = buildBundle;
exports.build = parallel(buildIcons, buildBundle);
