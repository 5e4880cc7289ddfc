/**
 * What a per-vendor package says about itself (scripts/vendor-packages/manifest.js): its
 * package.json, its README (the vendor's section of ours, install notes, the warning against
 * installing it beside the bundle) and the examples it ships. Vendors here are made up from
 * the real README and examples, so no build is needed; the e2e suite installs the real ones.
 */
import * as path from 'path';

const manifest = require('../../scripts/vendor-packages/manifest');

const ROOT = path.resolve(__dirname, '..', '..');
const { version } = require('../../package.json');
const dist = (p: string) => path.join(ROOT, 'dist', p);

/** A vendor with a node and a (future) trigger, two credentials. */
const hcss = {
	folder: 'Hcss',
	displayName: 'HCSS',
	packageName: 'n8n-nodes-hcss',
	anchor: 'hcss',
	description: 'Create, read, update and delete users in HCSS Apps',
	nodes: [
		{ name: 'hcss', displayName: 'HCSS', file: dist('nodes/Hcss/Hcss.node.js') },
		{ name: 'hcssTrigger', displayName: 'HCSS Trigger', file: dist('nodes/Hcss/HcssTrigger.node.js') },
	],
	credentials: [
		{ name: 'hcssOAuth2Api', file: dist('credentials/HcssOAuth2Api.credentials.js') },
		{ name: 'hcssOtherApi', file: dist('credentials/HcssOtherApi.credentials.js') },
	],
	files: [dist('nodes/Hcss/Hcss.node.js'), dist('nodes/shared/THIRD_PARTY_LICENSES.txt')],
};

describe('per-vendor package manifest', () => {
	it('package.json: the vendor\'s name, its nodes and credentials only, no dependencies', () => {
		const pj = manifest.packageJson(hcss);
		expect(pj).toMatchObject({
			name: 'n8n-nodes-hcss',
			description: 'n8n community node for HCSS: Create, read, update and delete users in HCSS Apps',
			homepage: 'https://github.com/n8n-nodes-user-sync/n8n-nodes-user-sync#hcss',
			files: ['dist', 'examples'],
			peerDependencies: { 'n8n-workflow': '*' },
			n8n: {
				n8nNodesApiVersion: 1,
				nodes: ['dist/nodes/Hcss/Hcss.node.js', 'dist/nodes/Hcss/HcssTrigger.node.js'],
				credentials: ['dist/credentials/HcssOAuth2Api.credentials.js', 'dist/credentials/HcssOtherApi.credentials.js'],
			},
		});
		expect(pj.keywords).toEqual(expect.arrayContaining(['n8n-community-node-package', 'hcss']));
		for (const key of ['dependencies', 'devDependencies', 'scripts', 'main']) expect(pj).not.toHaveProperty(key);
	});

	it('ships the examples that use only its nodes, renamed to its package', () => {
		const examples = manifest.examples(hcss);
		expect(examples.map((e: { file: string }) => e.file)).toEqual(['hcss.json']); // not the three-vendor sync example
		const types = examples[0].workflow.nodes.map((n: { type: string }) => n.type);
		expect(types).toContain('n8n-nodes-hcss.hcss');
		expect(types.filter((t: string) => t.startsWith('n8n-nodes-user-sync.'))).toEqual([]);
		expect(manifest.examples({ ...hcss, nodes: [{ name: 'hcssTrigger' }] })).toEqual([]);
	});

	it('README: the vendor section of ours, install, and never beside the bundle', () => {
		const text: string = manifest.readme(hcss, manifest.examples(hcss));
		expect(text).toMatch(/^# n8n-nodes-hcss\n/);
		expect(text).toContain('npm install n8n-nodes-hcss');
		expect(text).toContain('**Install this package or `n8n-nodes-user-sync`, never both.**');
		expect(text).toContain('the HCSS nodes (HCSS, HCSS Trigger) and their credential types (`hcssOAuth2Api`, `hcssOtherApi`)');
		expect(text).toContain('### Credential: HCSS OAuth2 API');
		expect(text).not.toContain('## Forms On Fire'); // the section ends at the next vendor's
		expect(text).toContain('`dist/nodes/shared/THIRD_PARTY_LICENSES.txt`');
	});

	it('README of a vendor with a trigger: the Triggers section, about its own trigger only', () => {
		const text: string = manifest.readme(hcss, manifest.examples(hcss));
		expect(text).toContain('## HCSS Trigger: joiners, movers and leavers');
		expect(text).not.toContain('## Triggers: joiners, movers and leavers');
		expect(text).toContain('| HCSS Trigger | every user, or one **Business Unit** (dropdown) |');
		for (const other of ['| PCRecruiter Trigger |', '| Recrubo Trigger |', '| HighQ Publisher Trigger |', 'Forms On Fire has no trigger', 'The HighQ trigger lists whole users']) {
			expect(text).not.toContain(other);
		}
		for (const part of ['### Events and items', '### Safety: a bad read never reports leavers', '**Removal limit**', '**Emit Existing Users on First Poll**']) {
			expect(text).toContain(part);
		}
		expect(text).not.toContain('## Leavers'); // the section ends at the next one
		expect(text.indexOf('## HCSS Trigger')).toBeGreaterThan(text.indexOf('### Credential: HCSS OAuth2 API'));
		expect(text.indexOf('## HCSS Trigger')).toBeLessThan(text.indexOf('## License'));

		const highQ = { ...hcss, displayName: 'HighQ Publisher', packageName: 'n8n-nodes-highq-publisher', nodes: [{ name: 'highQPublisher', displayName: 'HighQ Publisher' }, { name: 'highQPublisherTrigger', displayName: 'HighQ Publisher Trigger' }] };
		const hq: string = manifest.readme(highQ, []);
		expect(hq).toContain('## HighQ Publisher Trigger: joiners, movers and leavers');
		expect(hq).toContain('The HighQ trigger lists whole users (`fields=all`)');
		expect(hq).toContain('A HighQ trigger with a **Status** filter');
		expect(hq).not.toContain('| HCSS Trigger |');
	});

	it('README of a vendor without a trigger has no Triggers section', () => {
		const fof = { ...hcss, displayName: 'Forms On Fire', packageName: 'n8n-nodes-forms-on-fire', nodes: [{ name: 'formsOnFire', displayName: 'Forms On Fire' }] };
		const text: string = manifest.readme(fof, []);
		expect(text).toContain('## Forms On Fire');
		expect(text).not.toMatch(/joiners, movers and leavers|### Events and items/);
	});

	it('a vendor missing from the README is an error, not an empty README', () => {
		expect(() => manifest.readme({ ...hcss, displayName: 'Nobody' }, [])).toThrow('README.md has no "## Nobody" section for n8n-nodes-hcss');
	});

	it('relative links point at the repository, except to files the package ships', () => {
		const md = 'see [sync](#keeping-users-in-sync), [ex](examples/hcss.json), [other](examples/sync.json), [web](https://example.com/x)';
		expect(manifest.absoluteLinks(md, new Set(['examples/hcss.json']))).toBe(
			'see [sync](https://github.com/n8n-nodes-user-sync/n8n-nodes-user-sync#keeping-users-in-sync), [ex](examples/hcss.json), ' +
				`[other](https://github.com/n8n-nodes-user-sync/n8n-nodes-user-sync/blob/v${version}/examples/sync.json), [web](https://example.com/x)`,
		);
	});
});
