/**
 * The first ten minutes of `npm start` (scripts/): the checks that run before anything slow,
 * where the demo's n8n user folder lives, and what of n8n's console output is shown.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const preflight = require('../../scripts/preflight') as {
	PreflightError: new (message: string) => Error;
	devDependencies(o: { root: string; command: string }): void;
	buildTools(env: NodeJS.ProcessEnv): void;
	missingBuildTools(env: NodeJS.ProcessEnv): string[];
};
const { userFolder } = require('../../scripts/start') as { userFolder(root?: string, env?: NodeJS.ProcessEnv): string };
const { filterText, createFilterStream } = require('../../scripts/quiet-n8n') as {
	filterText(text: string): string[];
	createFilterStream(): NodeJS.ReadWriteStream;
};
const { lockProgress } = require('../../scripts/progress') as { lockProgress(dir: string): () => string };

const ROOT = path.resolve(__dirname, '..', '..');

let tmp: string;
beforeEach(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'first-run-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Executables (empty shell scripts) in a new folder; returns the folder, for PATH. */
function binDir(names: string[]): string {
	const dir = fs.mkdtempSync(path.join(tmp, 'bin-'));
	for (const n of names) fs.writeFileSync(path.join(dir, n), '#!/bin/sh\n', { mode: 0o755 });
	return dir;
}

describe('before any download: npm ci first', () => {
	it('a clone without node_modules is told to run npm ci, then the command it tried', () => {
		expect(() => preflight.devDependencies({ root: tmp, command: 'npm start' })).toThrow(
			'node_modules is missing: run `npm ci` first (about 1 minute; it installs this package\'s build tools), then `npm start`.',
		);
		let error: Error | undefined;
		try {
			preflight.devDependencies({ root: tmp, command: 'npm start' });
		} catch (e) {
			error = e as Error;
		}
		expect(error).toBeInstanceOf(preflight.PreflightError);
		expect(error?.stack).toBe(error?.message); // printed as it is, without a stack trace
	});

	it('node_modules without the build tools is called incomplete, naming what is missing', () => {
		fs.mkdirSync(path.join(tmp, 'node_modules', '.bin'), { recursive: true });
		fs.writeFileSync(path.join(tmp, 'node_modules', '.bin', 'tsc'), '');
		expect(() => preflight.devDependencies({ root: tmp, command: 'npm run test:e2e' })).toThrow(
			'node_modules is incomplete (no rimraf, gulp): run `npm ci` first',
		);
	});

	it('this checkout, after npm ci, passes', () => {
		expect(() => preflight.devDependencies({ root: ROOT, command: 'npm start' })).not.toThrow();
	});
});

describe('before the n8n install: python3, make and g++', () => {
	it('names each missing tool and the apt-get line that installs all three', () => {
		const PATH = binDir(['python3', 'cc', 'g++']);
		expect(preflight.missingBuildTools({ PATH })).toEqual(['make']);
		expect(() => preflight.buildTools({ PATH })).toThrow(/needs python3, make and g\+\+; missing: make\./);
		expect(() => preflight.buildTools({ PATH })).toThrow('apt-get install -y python3 make g++');
	});

	it('nothing on PATH: python3, make and g++ (cc comes with g++)', () => {
		expect(preflight.missingBuildTools({ PATH: binDir([]) })).toEqual(['python3', 'make', 'g++']);
	});

	it('all there passes; PYTHON, CC and CXX are honoured as node-gyp does', () => {
		expect(() => preflight.buildTools({ PATH: binDir(['python3', 'make', 'cc', 'g++']) })).not.toThrow();
		const PATH = binDir(['python3.12', 'make', 'clang', 'clang++']);
		expect(preflight.missingBuildTools({ PATH })).toEqual(['python3', 'g++']);
		expect(preflight.missingBuildTools({ PATH, PYTHON: 'python3.12', CC: 'clang', CXX: 'clang++ -std=c++17' })).toEqual([]);
	});
});

describe("npm start's n8n user folder", () => {
	it('is outside the clone, under the cache folder, one per clone', () => {
		const env = { XDG_CACHE_HOME: path.join(tmp, 'cache') };
		const a = userFolder('/work/a/n8n-nodes-user-sync', env);
		const b = userFolder('/work/b/n8n-nodes-user-sync', env);
		expect(a.startsWith(path.join(tmp, 'cache', 'n8n-nodes-user-sync', 'n8n-nodes-user-sync-'))).toBe(true);
		expect(a).not.toBe(b);
		expect(userFolder('/work/a/n8n-nodes-user-sync', env)).toBe(a); // the same on every start
	});

	it('never inside the clone: a cache folder inside it gives the temp folder instead', () => {
		const folder = userFolder(ROOT, { XDG_CACHE_HOME: path.join(ROOT, '.cache') });
		expect(folder.startsWith(path.join(os.tmpdir(), 'n8n-nodes-user-sync') + path.sep)).toBe(true);
		expect(path.relative(ROOT, userFolder(ROOT)).startsWith('..')).toBe(true);
	});
});

// n8n 2.41.1's console on `npm start` at N8N_LOG_LEVEL=warn, as it printed it
const N8N_WARN_OUTPUT = [
	'Failed to start Python task runner in internal mode. because its virtual environment is missing from this system. Launching a Python runner in internal mode is intended only for debugging and is not recommended for production. Users are encouraged to deploy in external mode. See: https://docs.n8n.io/hosting/configuration/task-runners/#setting-up-external-mode',
	'',
	'There is a deprecation related to your n8n setup. Please take the recommended actions to update your configuration:',
	' - N8N_RUNNERS_MODE -> Internal task runner mode is deprecated and will be removed in a future version.',
	'',
].join('\n');

describe("what npm start shows of n8n's console", () => {
	it("n8n's two warnings of every local start are left out, with their padding", () => {
		expect(filterText(N8N_WARN_OUTPUT)).toEqual([]);
	});

	it('another deprecation is shown, under its header; the runners one is still left out', () => {
		const text = [
			'There are deprecations related to your n8n setup. Please take the recommended actions to update your configuration:',
			' - N8N_RUNNERS_MODE -> Internal task runner mode is deprecated',
			' - N8N_DEFAULT_BINARY_DATA_MODE -> In-memory binary data storage will be removed',
			'',
		].join('\n');
		expect(filterText(text)).toEqual([
			'There are deprecations related to your n8n setup. Please take the recommended actions to update your configuration:',
			' - N8N_DEFAULT_BINARY_DATA_MODE -> In-memory binary data storage will be removed',
		]);
	});

	it("the nodes' own log lines and n8n's errors stay, in order, through the stream as it arrives", async () => {
		const stream = createFilterStream();
		const out: string[] = [];
		stream.on('data', (c: Buffer) => out.push(c.toString()));
		const done = new Promise((resolve) => stream.on('end', resolve));
		const lines = [
			N8N_WARN_OUTPUT,
			'Recrubo: 429 Too Many Requests, waiting 2 s before retry 1 of 3',
			'Problem with execution 12: The resource you are requesting could not be found',
			'Error: getaddrinfo ENOTFOUND example.invalid',
		].join('\n');
		// split mid-line, as a pipe may deliver it
		const cut = lines.indexOf('429') + 2;
		stream.write(lines.slice(0, cut));
		stream.write(lines.slice(cut));
		stream.end();
		await done;
		expect(out.join('')).toBe(
			[
				'Recrubo: 429 Too Many Requests, waiting 2 s before retry 1 of 3',
				'Problem with execution 12: The resource you are requesting could not be found',
				'Error: getaddrinfo ENOTFOUND example.invalid',
				'',
			].join('\n'),
		);
	});
});

describe('the live line while npm installs n8n', () => {
	it("counts the lock's packages for this platform whose package.json is on disk", () => {
		const other = process.platform === 'linux' ? 'darwin' : 'linux';
		fs.writeFileSync(
			path.join(tmp, 'package-lock.json'),
			JSON.stringify({
				packages: {
					'': { name: 'n8n-runtime' },
					'node_modules/a': { version: '1.0.0' },
					'node_modules/a/node_modules/b': { version: '1.0.0' },
					'node_modules/c': { version: '1.0.0' },
					'node_modules/elsewhere': { version: '1.0.0', os: [other], optional: true },
					'node_modules/linked': { resolved: '../x', link: true },
				},
			}),
		);
		const progress = lockProgress(tmp);
		expect(progress()).toBe('0 of about 3 packages in place');
		for (const dir of ['node_modules/a', 'node_modules/a/node_modules/b']) {
			fs.mkdirSync(path.join(tmp, dir), { recursive: true });
			fs.writeFileSync(path.join(tmp, dir, 'package.json'), '{}');
		}
		expect(progress()).toBe('2 of about 3 packages in place');
	});
});
