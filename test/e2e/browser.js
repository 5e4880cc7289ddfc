#!/usr/bin/env node
/**
 * Browser check (`npm run test:browser`): our package in a real n8n editor, driven by
 * Debian's headless Chromium through playwright-core (no browser download).
 *
 * Builds and installs the package as the e2e suite does, starts `n8n start` on a free port,
 * logs in as the owner through the sign-in form, opens a new canvas, and for each of the five
 * nodes: finds it in the nodes panel, checks its actions (operations) and, for a vendor with a
 * trigger, the trigger's events (n8n lists them under the vendor's own item) are there, adds
 * it, checks the parameter panel lists its operations, and checks its icon loaded (the icon
 * request answered 200 and the <img> has a natural width). One screenshot per node goes to
 * test/e2e/screenshots/ (git-ignored).
 *
 *   node test/e2e/browser.js [--no-build]   (--no-build: pack dist/ as it is)
 *
 * Env: CHROMIUM (default /usr/bin/chromium, or `chromium` on PATH), BROWSER_KEEP=1 keeps the
 * n8n user folder. Ends with `N passed, N failed`.
 */
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const local = require('../../scripts/n8n-local');
const { E2E } = require('./run');

const SHOTS = path.join(__dirname, 'screenshots');

/** A trigger's events, as the nodes panel lists them (the `action` of each Events option). */
const TRIGGER_EVENTS = ['On user created', 'On user removed', 'On user updated'];

/** The nodes, as the nodes panel and the parameter panel show them. */
const NODES = [
	{ name: 'pcRecruiter', search: 'PCRecruiter', displayName: 'PCRecruiter', icon: 'pcRecruiter.svg', actions: ['Get a user', 'Get many users', 'Get many teams', 'Get many email aliases'], events: TRIGGER_EVENTS, operations: ['Get', 'Get Many'] },
	{ name: 'recrubo', search: 'Recrubo', displayName: 'Recrubo', icon: 'recrubo.svg', actions: ['Create a user', 'Create or update a user', 'Delete a user', 'Get a user', 'Get many users', 'Update a user'], events: TRIGGER_EVENTS, operations: ['Create', 'Create or Update', 'Delete', 'Get', 'Get Many', 'Update'] },
	{ name: 'highQPublisher', search: 'HighQ', displayName: 'HighQ Publisher', icon: 'highQPublisher.svg', actions: ['Archive a user', 'Create a user', 'Create or update a user', 'Get a user', 'Get many users', 'Update a user'], events: TRIGGER_EVENTS, operations: ['Archive', 'Create', 'Create or Update', 'Get', 'Get Many', 'Update'] },
	{ name: 'hcss', search: 'HCSS', displayName: 'HCSS', icon: 'hcss.svg', actions: ['Create a user', 'Create or update a user', 'Delete a user', 'Get a user', 'Get a user by user name', 'Get many users', 'Update a user'], events: TRIGGER_EVENTS, operations: ['Create', 'Create or Update', 'Delete', 'Get', 'Get by User Name', 'Get Many', 'Update'] },
	{ name: 'formsOnFire', search: 'Forms On Fire', displayName: 'Forms On Fire', icon: 'formsOnFire.svg', actions: ['Create a user', 'Create or update a user', 'Delete a user', 'Get a user', 'Search users'], operations: ['Create', 'Create or Update', 'Delete', 'Get', 'Get Many'] },
];

const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

function log(msg) {
	process.stderr.write(`[browser] ${msg}\n`);
}

function chromiumPath() {
	if (process.env.CHROMIUM) return process.env.CHROMIUM;
	if (fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
	const r = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
	if (r.stdout.trim()) return r.stdout.trim();
	throw new Error('Chromium not found: install Debian\'s chromium (apt-get install -y chromium) or set CHROMIUM=/path/to/chromium');
}

async function shot(page, file) {
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, file) });
	return path.join(SHOTS, file);
}

/** Signs in through the form (the owner exists from the first start: no setup screen). */
async function signIn(page, url) {
	await page.goto(`${url}/signin`, { waitUntil: 'domcontentloaded' });
	const email = page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first();
	await email.waitFor({ timeout: 60_000 });
	await email.fill(local.OWNER.email);
	await page.locator('input[type="password"]').first().fill(local.OWNER.password);
	await page.locator('[data-test-id="form-submit-button"], button[type="submit"]').first().click();
	await page.waitForURL((u) => !/\/signin/.test(u.pathname), { timeout: 60_000 });
}

/** Dismisses whatever dialog may sit over the canvas (survey, what's new...). */
async function dismissDialogs(page) {
	for (let i = 0; i < 3; i++) {
		const dialog = page.locator('.el-dialog, [role="dialog"]').filter({ visible: true }).first();
		if (!(await dialog.count())) return;
		await page.keyboard.press('Escape');
		await page.waitForTimeout(300);
	}
}

/** Opens the nodes panel, searches for the node, and returns the action titles it lists. */
async function openNodeActions(page, spec) {
	await page.keyboard.press('Escape');
	const add = page.locator('[data-test-id="canvas-add-button"], [data-test-id="canvas-plus-button"], [data-test-id="node-creator-plus-button"]').filter({ visible: true }).first();
	if (await add.count()) await add.click();
	else await page.keyboard.press('Tab');
	const search = page.locator('[data-test-id="node-creator-search-bar"] input, [data-test-id="search-bar"] input, input[placeholder*="Search"]').filter({ visible: true }).first();
	await search.waitFor({ timeout: 20_000 });
	await search.fill(spec.search);
	const item = page.locator('[data-test-id="node-creator-node-item"], [data-test-id="item-iterator-item"]').filter({ hasText: spec.displayName }).first();
	await item.waitFor({ timeout: 20_000 });
	await item.click();
	// the node's panel: its actions (one per operation), each under the node's own icon
	const creator = page.locator('[data-test-id="node-creator"]').first();
	const panel = (await creator.count()) ? creator : page.locator('body');
	const listed = [];
	const shown = (text) => panel.getByText(text, { exact: true }).first().waitFor({ timeout: 20_000 }).then(() => true, () => false);
	// a vendor with a trigger: n8n lists the trigger's events first, under Triggers (open)
	for (const e of spec.events || []) if (await shown(e)) listed.push(e);
	// ... and folds the Actions section when it opens from an empty canvas (it wants a trigger first)
	if (spec.events && !(await panel.getByText(spec.actions[0], { exact: true }).first().isVisible())) {
		await panel.getByText(/^Actions \(\d+\)$/).first().click();
	}
	for (const a of spec.actions) if (await shown(a)) listed.push(a);
	return { panel, listed };
}

async function run() {
	const executablePath = chromiumPath();
	const { chromium } = require('playwright-core');
	const t0 = Date.now();
	fs.rmSync(SHOTS, { recursive: true, force: true }); // this run's screenshots only
	const e2e = await E2E.setup({ keep: !!process.env.BROWSER_KEEP, build: !process.argv.includes('--no-build') });
	const port = await local.freePort();
	const n8n = await local.startN8n(e2e.userFolder, { port });
	log(`n8n ready on port ${port} in ${(n8n.startupMs / 1000).toFixed(1)} s`);
	const url = `http://localhost:${port}`;
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
	let context;
	let passed = 0;
	let failed = 0;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath,
			headless: true,
			args: CHROMIUM_FLAGS,
			viewport: { width: 1600, height: 1000 },
		});
		const page = context.pages()[0] || (await context.newPage());
		page.setDefaultTimeout(30_000);
		// every icon request of our package, and its status
		const iconResponses = [];
		page.on('response', (res) => {
			if (res.url().includes(`/icons/${local.PACKAGE_NAME}/`)) iconResponses.push({ url: res.url(), status: res.status() });
		});
		await signIn(page, url);
		log(`signed in (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

		for (const spec of NODES) {
			const t1 = Date.now();
			try {
				await page.goto(`${url}/workflow/new`, { waitUntil: 'domcontentloaded' });
				await page.locator('[data-test-id="canvas-wrapper"], .vue-flow, [data-test-id="canvas"]').first().waitFor({ timeout: 60_000 });
				await dismissDialogs(page);
				const { panel, listed } = await openNodeActions(page, spec);
				await shot(page, `${spec.name}-actions.png`);
				assert.deepEqual(listed, [...(spec.events || []), ...spec.actions], `${spec.displayName}: the nodes panel lists ${spec.events ? 'its trigger\'s events and ' : ''}its actions`);

				// add it with its first action: n8n puts it on the canvas and opens its parameter panel
				await panel.getByText(spec.actions[0], { exact: true }).first().click();
				const ndv = page.locator('[data-test-id="ndv"]').filter({ visible: true }).first();
				await ndv.waitFor({ timeout: 20_000 });
				const operation = ndv.locator('[data-test-id="parameter-input-operation"]').first();
				await operation.waitFor({ timeout: 20_000 });
				await operation.click();
				const options = page.locator('.el-select-dropdown__item, [role="option"]').filter({ visible: true });
				await options.first().waitFor({ timeout: 10_000 });
				const opTexts = (await options.allInnerTexts()).map((t) => t.split('\n')[0].trim());
				for (const o of spec.operations) assert.ok(opTexts.includes(o), `${spec.displayName}: the Operation list holds "${o}" (listed: ${opTexts.join(' | ')})`);
				// one name for Create or Update (value upsert) in both places, whatever the node
				if (opTexts.includes('Create or Update')) {
					assert.ok(listed.includes('Create or update a user'), `${spec.displayName}: the nodes panel calls it "Create or update a user", as the Operation list says "Create or Update" (actions: ${listed.join(' | ')})`);
				}
				const file = await shot(page, `${spec.name}.png`);
				await page.keyboard.press('Escape');

				// the icon: requested with 200, and drawn (an <img> of our icon with a natural width)
				const icons = await page.evaluate(
					(needle) => [...document.querySelectorAll('img')].filter((i) => i.src.includes(needle)).map((i) => ({ src: i.src, w: i.naturalWidth, complete: i.complete })),
					`/icons/${local.PACKAGE_NAME}/`,
				);
				const mine = icons.filter((i) => i.src.includes(`/${spec.icon}`) || i.src.includes(`/${spec.icon.replace('.svg', '.dark.svg')}`));
				assert.ok(mine.length > 0, `${spec.displayName}: an <img> of ${spec.icon} is on the page (images of ours: ${icons.map((i) => i.src).join(', ')})`);
				assert.ok(mine.every((i) => i.complete && i.w > 0), `${spec.displayName}: its icon loaded (${JSON.stringify(mine)})`);
				const requests = iconResponses.filter((r) => r.url.includes(`/${spec.icon.replace('.svg', '')}`));
				assert.ok(requests.length > 0 && requests.every((r) => r.status === 200), `${spec.displayName}: icon requests ${JSON.stringify(requests)}`);
				passed++;
				log(`PASS ${spec.displayName}: ${spec.events ? `${spec.events.length} trigger events and ` : ''}${spec.operations.length} operations listed, icon loaded; ${path.relative(process.cwd(), file)} (${((Date.now() - t1) / 1000).toFixed(1)} s)`);
			} catch (err) {
				failed++;
				await shot(page, `${spec.name}-failed.png`).catch(() => {});
				log(`FAIL ${spec.displayName} (${((Date.now() - t1) / 1000).toFixed(1)} s)\n${err && err.stack}`);
			}
		}
	} finally {
		if (context) await context.close().catch(() => {});
		fs.rmSync(profile, { recursive: true, force: true });
		await n8n.stop();
		await e2e.teardown();
	}
	log(`total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	process.stdout.write(`${passed} passed, ${failed} failed\n`);
	return failed === 0;
}

if (require.main === module) {
	run().then(
		(ok) => process.exit(ok ? 0 : 1),
		(err) => {
			log(err && err.stack);
			process.exit(1);
		},
	);
}
