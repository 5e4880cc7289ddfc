/**
 * What goes into each per-vendor package is found in the build output, not listed by hand
 * (scripts/vendor-packages/plan.js): here on a made-up dist/ with a vendor that has a node,
 * a trigger and an api/ layer, shared modules of which it uses one, and credentials of its
 * own, extended and built in.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const { plan, packageNameFor } = require('../../scripts/vendor-packages/plan');

let dist: string;

function write(rel: string, text: string) {
	const file = path.join(dist, rel);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, text);
}

const nodeClass = (cls: string, name: string, displayName: string, credentials: string[], icon: string, body = '') =>
	`${body}\nclass ${cls} { constructor() { this.description = { name: '${name}', displayName: '${displayName}', description: 'Users of ${displayName}', icon: ${icon}, credentials: ${JSON.stringify(credentials.map((c) => ({ name: c })))} }; } }\nexports.${cls} = ${cls};\n`;
const credClass = (cls: string, name: string, ext: string[] = [], icon = 'undefined') =>
	`class ${cls} { constructor() { this.name = '${name}'; this.extends = ${JSON.stringify(ext)}; this.icon = ${icon}; } }\nexports.${cls} = ${cls};\n`;

beforeEach(() => {
	dist = fs.mkdtempSync(path.join(os.tmpdir(), 'vendor-plan-'));
	write('nodes/shared/used.js', "exports.x = require('./deeper');\n");
	write('nodes/shared/deeper.js', 'exports.y = 1;\n');
	write('nodes/shared/unused.js', 'exports.z = 1;\n');
	write('nodes/shared/THIRD_PARTY_LICENSES.txt', 'notices\n');
	write('nodes/FooBar/api/read.js', "exports.read = require('../../shared/used').x;\n");
	write('nodes/FooBar/FooBar.node.js', nodeClass('FooBar', 'fooBar', 'Foo Bar', ['fooBarApi'], "{ light: 'file:fooBar.svg', dark: 'file:fooBar.dark.svg' }", "require('./api/read');"));
	write('nodes/FooBar/FooBar.node.json', '{}');
	write('nodes/FooBar/FooBarTrigger.node.js', nodeClass('FooBarTrigger', 'fooBarTrigger', 'Foo Bar Trigger', ['fooBarApi', 'oAuth2Api'], "'file:fooBar.svg'", "require('./api/read');"));
	write('nodes/FooBar/fooBar.svg', '<svg/>');
	write('nodes/FooBar/fooBar.dark.svg', '<svg/>');
	write('nodes/Other/Other.node.js', nodeClass('Other', 'other', 'Other', ['otherApi'], "'file:other.svg'", "require('../shared/unused');"));
	write('nodes/Other/other.svg', '<svg/>');
	write('credentials/FooBarApi.credentials.js', credClass('FooBarApi', 'fooBarApi', ['fooBaseApi', 'oAuth2Api'], "'file:../icons/fooBar.svg'"));
	write('credentials/FooBaseApi.credentials.js', credClass('FooBaseApi', 'fooBaseApi'));
	write('credentials/OtherApi.credentials.js', credClass('OtherApi', 'otherApi'));
	write('icons/fooBar.svg', '<svg/>');
});

afterEach(() => fs.rmSync(dist, { recursive: true, force: true }));

const rel = (files: string[]) => files.map((f) => path.relative(dist, f)).sort();

describe('per-vendor package plan', () => {
	it('takes every node of the vendor folder, the credentials they name and extend, and only the code they require', async () => {
		const vendors = await plan({ dist });
		expect(vendors.map((v: { packageName: string }) => v.packageName)).toEqual(['n8n-nodes-foo-bar', 'n8n-nodes-other']);
		const foo = vendors[0];
		expect(foo).toMatchObject({ folder: 'FooBar', displayName: 'Foo Bar', anchor: 'foo-bar', description: 'Users of Foo Bar' });
		expect(foo.nodes.map((n: { name: string }) => n.name)).toEqual(['fooBar', 'fooBarTrigger']);
		// n8n's own oAuth2Api is not ours to ship
		expect(foo.credentials.map((c: { name: string }) => c.name)).toEqual(['fooBarApi', 'fooBaseApi']);
		expect(rel(foo.files)).toEqual([
			'credentials/FooBarApi.credentials.js',
			'credentials/FooBaseApi.credentials.js',
			'icons/fooBar.svg',
			'nodes/FooBar/FooBar.node.js',
			'nodes/FooBar/FooBar.node.json',
			'nodes/FooBar/FooBarTrigger.node.js',
			'nodes/FooBar/api/read.js',
			'nodes/FooBar/fooBar.dark.svg',
			'nodes/FooBar/fooBar.svg',
			'nodes/shared/THIRD_PARTY_LICENSES.txt',
			'nodes/shared/deeper.js',
			'nodes/shared/used.js',
		]);
		expect(rel(vendors[1].files)).toEqual(['credentials/OtherApi.credentials.js', 'nodes/Other/Other.node.js', 'nodes/Other/other.svg', 'nodes/shared/THIRD_PARTY_LICENSES.txt', 'nodes/shared/unused.js']);
	});

	it('refuses code that requires anything but n8n-workflow from outside the package', async () => {
		write('nodes/FooBar/api/read.js', "require('node:fs'); exports.read = 1;\n");
		await expect(plan({ dist })).rejects.toThrow(/nodes\/FooBar\/api\/read\.js requires 'node:fs', which the package cannot require \(only n8n-workflow\)/);
	});

	it('refuses a package whose icon is missing', async () => {
		fs.rmSync(path.join(dist, 'icons/fooBar.svg'));
		await expect(plan({ dist })).rejects.toThrow('FooBar: files its nodes or credentials name are missing');
	});

	it('names packages n8n-nodes-<vendor display name>', () => {
		expect(packageNameFor('PCRecruiter')).toBe('n8n-nodes-pcrecruiter');
		expect(packageNameFor('HighQ Publisher')).toBe('n8n-nodes-highq-publisher');
		expect(packageNameFor('Forms On Fire')).toBe('n8n-nodes-forms-on-fire');
	});
});
