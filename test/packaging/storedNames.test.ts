/**
 * Names that users' saved workflows and credentials store: node and credential type names,
 * every parameter's path (collection children as `parent.child`, fixed collections as
 * `parent.group.child`), every value of a choice (`path=value`), resource locator modes
 * (`path@mode`) and credential fields. They are a public API (design.md, "Contract"): a name
 * that disappears breaks the workflows that hold it, so it must never be renamed or removed.
 * A new name is a new promise: add it to stored-names.json on purpose
 * (`ADD_STORED_NAMES=1 npx jest storedNames` adds the new ones and never removes one; review the diff).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ICredentialType, INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType } from 'n8n-workflow';

// the class a node or credential file exports, found the way n8n finds it (by file name)
const { loadClass, ROOT, ROOT_PACKAGE } = require('../../scripts/vendor-packages/plan') as {
	loadClass<T>(file: string): T;
	ROOT: string;
	ROOT_PACKAGE: { n8n: { nodes: string[]; credentials: string[] } };
};
const FIXTURE = path.join(__dirname, 'stored-names.json');

/** The source file a `dist/...js` entry of package.json is built from. */
function source(distFile: string): string {
	return path.join(ROOT, distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

function isGroup(option: INodePropertyOptions | INodeProperties | INodePropertyCollection): option is INodePropertyCollection {
	return 'values' in option && Array.isArray(option.values);
}

function collect(properties: INodeProperties[], prefix: string, out: Set<string>): void {
	for (const p of properties) {
		const at = prefix + p.name;
		out.add(at);
		if (p.type === 'options' || p.type === 'multiOptions') {
			for (const option of (p.options ?? []) as INodePropertyOptions[]) out.add(`${at}=${String(option.value)}`);
		} else if (p.type === 'collection') {
			collect((p.options ?? []) as INodeProperties[], `${at}.`, out);
		} else if (p.type === 'fixedCollection') {
			for (const group of p.options ?? []) if (isGroup(group)) collect(group.values, `${at}.${group.name}.`, out);
		} else if (p.type === 'resourceLocator') {
			for (const mode of p.modes ?? []) out.add(`${at}@${mode.name}`);
		}
	}
}

function storedNames(): Record<string, string[]> {
	const all: Record<string, string[]> = {};
	for (const file of ROOT_PACKAGE.n8n.nodes) {
		const { description } = loadClass<INodeType>(source(file));
		const names = new Set<string>();
		for (const credential of description.credentials ?? []) names.add(`credential:${credential.name}`);
		collect(description.properties, '', names);
		all[`node:${description.name}`] = [...names].sort();
	}
	for (const file of ROOT_PACKAGE.n8n.credentials) {
		const credential = loadClass<ICredentialType>(source(file));
		const names = new Set<string>();
		for (const e of credential.extends ?? []) names.add(`extends:${e}`);
		collect(credential.properties, '', names);
		all[`credential:${credential.name}`] = [...names].sort();
	}
	return all;
}

describe('names stored in saved workflows and credentials', () => {
	const now = storedNames();
	const promised = (fs.existsSync(FIXTURE) ? JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) : {}) as Record<string, string[]>;
	if (process.env.ADD_STORED_NAMES) {
		const union: Record<string, string[]> = {};
		for (const type of [...new Set([...Object.keys(promised), ...Object.keys(now)])].sort()) {
			union[type] = [...new Set([...(promised[type] ?? []), ...(now[type] ?? [])])].sort();
		}
		fs.writeFileSync(FIXTURE, `${JSON.stringify(union, null, '\t')}\n`);
	}

	it('every node and credential promised is still there', () => {
		expect(Object.keys(now).filter((type) => !(type in promised))).toEqual([]);
		expect(Object.keys(promised).filter((type) => !(type in now))).toEqual([]);
	});

	it.each(Object.keys(promised))('%s: no stored name was renamed or removed', (type) => {
		const missing = promised[type].filter((name) => !(now[type] ?? []).includes(name));
		expect(missing).toEqual([]);
	});

	it.each(Object.keys(now))('%s: every name it stores is in stored-names.json (a new name is added on purpose)', (type) => {
		const added = now[type].filter((name) => !(promised[type] ?? []).includes(name));
		expect(added).toEqual([]);
	});

	it('the contract of design.md is part of it', () => {
		const sample: Array<[string, string]> = [
			['node:pcRecruiter', 'options.format=xml'],
			['node:recrubo', 'operation=upsert'],
			['node:recrubo', 'matchOn=externalId'],
			['node:highQPublisher', 'authentication=oAuth2'],
			['node:hcss', 'filters.businessUnitId'],
			['node:formsOnFire', 'operation=delete'],
			['credential:pcRecruiterApi', 'sessionId'],
			['credential:formsOnFireApi', 'integrationKey'],
		];
		for (const [type, name] of sample) expect({ type, has: now[type]?.includes(name) }).toEqual({ type, has: true });
	});
});
