/**
 * The release workflow's essentials (scripts/vendor-packages/workflow-check.js, which .ci/run
 * applies through `npm run check:publish`): the real .github/workflows/publish.yml passes, and
 * each way of breaking an essential is caught and named.
 */
import * as fs from 'fs';
import * as path from 'path';

const YAML = require('yaml');
const { checkWorkflow, filterPattern, publishCommands } = require('../../scripts/vendor-packages/workflow-check');

type Doc = Record<string, any>;
type Step = { name?: string; run?: string; 'working-directory'?: string };

const ROOT = path.resolve(__dirname, '..', '..');
const text = fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'publish.yml'), 'utf8');
const version: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const bundle = 'n8n-nodes-user-sync';
const vendors = ['n8n-nodes-forms-on-fire', 'n8n-nodes-hcss', 'n8n-nodes-highq-publisher', 'n8n-nodes-pcrecruiter', 'n8n-nodes-recrubo'];

const fresh = (): Doc => YAML.parse(text);
const check = (doc: Doc, v = version): string[] => checkWorkflow(doc, { bundle, vendors, version: v });
const job = (doc: Doc) => doc.jobs.publish as { steps: Step[]; permissions?: Record<string, string> };
const stepOf = (doc: Doc, pkg: string): Step => job(doc).steps.find((s) => s.name === `Publish ${pkg}`)!;

describe('publish.yml essentials', () => {
	it('the workflow as committed passes', () => {
		expect(check(fresh())).toEqual([]);
	});

	it('publishes each of the six packages with --provenance --access public', () => {
		const commands = job(fresh()).steps.flatMap((s) => publishCommands(s.run));
		expect(commands).toHaveLength(6);
		for (const words of commands) expect(words).toEqual(expect.arrayContaining(['--provenance', '--access', 'public']));
	});

	it('a workflow without id-token: write is refused', () => {
		const doc = fresh();
		delete doc.permissions['id-token'];
		expect(check(doc)).toEqual(['jobs.publish: publishes without permissions id-token: write']);
	});

	it('job permissions replace the workflow\'s: a job without id-token is refused', () => {
		const doc = fresh();
		job(doc).permissions = { contents: 'read' };
		expect(check(doc)).toEqual(['jobs.publish: publishes without permissions id-token: write']);
	});

	it('a publish without provenance or public access is named', () => {
		const doc = fresh();
		stepOf(doc, 'n8n-nodes-hcss').run = 'npm publish "dist-vendors/n8n-nodes-hcss-$VERSION.tgz" --access public';
		stepOf(doc, bundle).run = 'npm publish --provenance';
		expect(check(doc)).toEqual([
			`jobs.publish.steps[${job(doc).steps.indexOf(stepOf(doc, bundle))}] (Publish ${bundle}): npm publish without --access public`,
			`jobs.publish.steps[${job(doc).steps.indexOf(stepOf(doc, 'n8n-nodes-hcss'))}] (Publish n8n-nodes-hcss): npm publish without --provenance`,
		]);
	});

	it('a package left out, or published twice, is named', () => {
		const doc = fresh();
		const steps = job(doc).steps;
		steps.splice(steps.indexOf(stepOf(doc, 'n8n-nodes-recrubo')), 1);
		steps.push({ name: 'again', run: 'npm publish dist-vendors/n8n-nodes-hcss-${VERSION}.tgz --provenance --access=public' });
		expect(check(doc)).toEqual(['n8n-nodes-hcss: published 2 times (want once)', 'n8n-nodes-recrubo: published 0 times (want once)']);
	});

	it('publishing anything else is refused', () => {
		const doc = fresh();
		job(doc).steps.push({ name: 'extra', run: 'npm publish dist-vendors/n8n-nodes-other-$VERSION.tgz --provenance --access public' });
		expect(check(doc)).toEqual([expect.stringContaining('publishes something that is not one of the packages')]);
	});

	it('publishing before the tests ran is refused', () => {
		const doc = fresh();
		const steps = job(doc).steps;
		const bundleStep = stepOf(doc, bundle);
		steps.splice(steps.indexOf(bundleStep), 1);
		steps.splice(2, 0, bundleStep); // right after checkout and setup-node
		expect(check(doc)).toEqual([
			'jobs.publish: npm ci must run before the first npm publish',
			'jobs.publish: npm test must run before the first npm publish',
			'jobs.publish: npm run pack:vendors must run before the first npm publish',
			'jobs.publish: VERSION (the tarballs\' version) is not set before the first npm publish',
		]);
	});

	it('runs on version tags only', () => {
		const doc = fresh();
		doc.on.push.branches = ['main'];
		doc.on.workflow_dispatch = null;
		expect(check(doc)).toEqual(['on: only tag pushes may publish, found workflow_dispatch', 'on.push: tags only, no branches or paths']);
		const noTags = fresh();
		delete noTags.on.push.tags;
		expect(check(noTags)).toEqual(['on.push.tags: the workflow must run on version tags']);
	});

	it('the current version\'s tag must start it', () => {
		expect(check(fresh(), '1.2.3')).toEqual([]);
		expect(check(fresh(), '1.2.3-rc.1')).toEqual(['on.push.tags: the tag v1.2.3-rc.1 would not run it (v[0-9]+.[0-9]+.[0-9]+)']);
	});

	it('reads GitHub filter patterns as GitHub does', () => {
		expect(filterPattern('v[0-9]+.[0-9]+.[0-9]+').test('v10.2.33')).toBe(true);
		expect(filterPattern('v[0-9]+.[0-9]+.[0-9]+').test('v1.2')).toBe(false);
		expect(filterPattern('v[0-9]+.[0-9]+.[0-9]+').test('vX1.2.3')).toBe(false);
		expect(filterPattern('v*').test('v1.2.3')).toBe(true);
		expect(filterPattern('v*').test('release/v1')).toBe(false);
		expect(filterPattern('**').test('a/b')).toBe(true);
	});
});
