/**
 * Sync Users through n8n-core's real engine (the node's customOperations), per vendor that can
 * list everyone: the input is everyone who should exist; the plan (Dry Run), the writes, the
 * removals and every refusal: the removal limit before the first write, a failed list read,
 * an ambiguous key, Manage Only and Never Remove, Continue On Fail.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import type { VendorSpec } from './fakes';
import { HCSS, HIGHQ, RECRUBO } from './vendors';

jest.setTimeout(120_000);

beforeEach(() => {
	nock.cleanAll();
	nock.disableNetConnect();
});
afterAll(() => nock.enableNetConnect());

function directory(spec: VendorSpec, n: number): IDataObject[] {
	return Array.from({ length: n }, (_, i) => spec.user(i));
}

const sync = (extra: IDataObject = {}): IDataObject => ({ operation: 'sync', removeMissing: true, ...extra });
const live = (extra: IDataObject = {}): IDataObject => sync({ dryRun: false, ...extra });

interface Case {
	spec: VendorSpec;
	/** The key a user is matched by, as the item carries it. */
	keyOf(user: IDataObject): string;
	/** The query of the list's second page (a page of the vendor's largest size). */
	secondPage: Record<string, string>;
	listPath: RegExp;
	origin: string;
	/** The largest page size the list asks for. */
	pageSize: number;
	/** What a removal is, as the server sees it. */
	removal: { method: string; path: (user: IDataObject) => string };
}

const CASES: Case[] = [
	{
		spec: RECRUBO,
		keyOf: (u) => String((u.attributes as IDataObject).email),
		secondPage: { 'page[number]': '2', 'page[size]': '200' },
		listPath: /^\/public\/v2\/users/,
		origin: 'https://recrubo.test',
		pageSize: 200,
		removal: { method: 'DELETE', path: (u) => `/public/v2/users/${String(u.id)}` },
	},
	{
		spec: HCSS,
		keyOf: (u) => String(u.userName),
		secondPage: { page: '1', pageSize: '1000' },
		listPath: /^\/users\/api\/v1\/Users/,
		origin: 'https://hcss.test',
		pageSize: 1000,
		removal: { method: 'DELETE', path: (u) => `/users/api/v1/Users/${String(u.id)}` },
	},
	{
		spec: HIGHQ,
		keyOf: (u) => String(u.email),
		secondPage: { fields: 'all', offset: '200', limit: '200' },
		listPath: /^\/acme\/api\/2\/users/,
		origin: 'https://highq.test',
		pageSize: 200,
		removal: { method: 'POST', path: (u) => `/acme/api/2/users/${String(u.id)}/archive` },
	},
];

const isRemoval = (r: { method: string; path: string }) => r.method === 'DELETE' || r.path.endsWith('/archive');

function byAction(items: Array<{ json: IDataObject }>): Record<string, number> {
	const out: Record<string, number> = {};
	for (const { json } of items) {
		const key = String(json.action ?? json.error);
		out[key] = (out[key] ?? 0) + 1;
	}
	return out;
}

describe.each(CASES.map((c) => [c.spec.label, c] as const))('%s: Sync Users', (_label, c) => {
	const { spec } = c;
	/** Users 0–9 exist; the input is users 0–7 (user 3 changed) and a newcomer (user 20): users 8 and 9 are leavers. */
	const scenario = () => {
		const users = directory(spec, 10);
		const input = [...users.slice(0, 8).map((u, i) => spec.item(u, i === 3)), spec.item(spec.user(20))];
		return { users, input };
	};

	it('Dry Run (the default) shows the plan and writes nothing', async () => {
		const { users, input } = scenario();
		const fake = spec.serve(users);
		const result = await spec.run(input, { operation: 'sync', removeMissing: true, syncOptions: { maxRemovals: 2 } });
		expect(result.error).toBeUndefined();
		expect(fake.writes()).toEqual([]);
		expect(fake.seen.every((r) => r.method === 'GET')).toBe(true);
		expect(byAction(result.items)).toEqual({ unchanged: 7, updated: 1, created: 1, removed: 2 });
		expect(result.items.every((i) => i.json.dryRun === true)).toBe(true);
		const [updated] = result.items.filter((i) => i.json.action === 'updated');
		expect(updated.pairedItem).toEqual({ item: 3 });
		const changed = Object.values(updated.json.changedFields as IDataObject) as IDataObject[];
		expect(changed).toHaveLength(1);
		expect(JSON.stringify(changed[0].before)).not.toContain('Changed');
		expect(JSON.stringify(changed[0].after)).toContain('Changed');
		const removed = result.items.filter((i) => i.json.action === 'removed');
		expect(removed.map((i) => i.json.id)).toEqual([users[8].id, users[9].id]);
		expect(removed[0].json.matchKey).toContain(`"${c.keyOf(users[8])}"`);
		expect(removed.every((i) => i.json.reason === 'not in the input')).toBe(true);
		expect(result.items.slice(0, 9).map((i) => i.pairedItem)).toEqual(input.map((_, item) => ({ item })));
	});

	it('live: creates, updates and removes as planned, one request per removal; a second run plans nothing', async () => {
		const { users, input } = scenario();
		const fake = spec.serve(users);
		const leavers = [c.removal.path(users[8]), c.removal.path(users[9])];
		const first = await spec.run(input, live({ syncOptions: { maxRemovals: 2 } }));
		expect(first.error).toBeUndefined();
		expect(byAction(first.items)).toEqual({ unchanged: 7, updated: 1, created: 1, removed: 2 });
		const removals = fake.writes().filter(isRemoval);
		expect(removals.map((r) => r.path)).toEqual(leavers);
		expect(first.items.some((i) => i.json.dryRun)).toBe(false);

		fake.seen.length = 0;
		const second = await spec.run(input, live({ syncOptions: { maxRemovals: 2 } }));
		expect(second.error).toBeUndefined();
		expect(byAction(second.items)).toEqual({ unchanged: 9 });
		expect(fake.writes()).toEqual([]);
	});

	it('more removals than Max Removals: the run fails before its first write, naming the count and the limit', async () => {
		const users = directory(spec, 40);
		const fake = spec.serve(users);
		// 5 stay (one changed), a newcomer; 35 would go: the default limit is 10% of 40 = 4
		const input = [...users.slice(0, 5).map((u, i) => spec.item(u, i === 0)), spec.item(spec.user(90))];
		const result = await spec.run(input, live());
		expect(result.error?.message).toBe('35 users would be removed, more than 4 allowed: nothing was written');
		expect(result.error?.description).toContain('default limit of 4');
		expect(fake.writes()).toEqual([]);

		const set = await spec.run(input, live({ syncOptions: { maxRemovals: 10 } }));
		expect(set.error?.message).toBe('35 users would be removed, more than 10 allowed: nothing was written');
		expect(set.error?.description).toContain('syncOptions.maxRemovals');
		expect(fake.writes()).toEqual([]);
	});

	it('Dry Run with more removals than the limit shows what the guard would do instead of failing', async () => {
		const users = directory(spec, 40);
		const fake = spec.serve(users);
		const result = await spec.run(users.slice(0, 5).map((u) => spec.item(u)), sync());
		expect(result.error).toBeUndefined();
		expect(byAction(result.items)).toEqual({ unchanged: 5, skipped: 35 });
		expect(result.items[5].json.reason).toBe('35 users would be removed, more than the limit of 4: the run would stop before writing anything');
		expect(fake.writes()).toEqual([]);
	});

	it('If Too Many Removals → Skip Removals: the persons are written, nobody is removed, the users kept are listed', async () => {
		const users = directory(spec, 40);
		const fake = spec.serve(users);
		const input = [...users.slice(0, 5).map((u, i) => spec.item(u, i === 0)), spec.item(spec.user(90))];
		const result = await spec.run(input, live({ syncOptions: { tooManyRemovals: 'skipRemovals' } }));
		expect(result.error).toBeUndefined();
		expect(byAction(result.items)).toEqual({ updated: 1, unchanged: 4, created: 1, skipped: 35 });
		expect(result.items.find((i) => i.json.action === 'skipped')?.json.reason).toBe('35 users would be removed, more than the limit of 4: none is removed in this run');
		expect(fake.writes().filter(isRemoval)).toEqual([]);
		expect(fake.db.length).toBe(41);
	});

	it('a list page that fails: the run fails, nothing is written and nobody removed', async () => {
		const size = c.pageSize;
		const users = directory(spec, size + 20);
		nock(c.origin).get(c.listPath).query(c.secondPage).reply(503, { message: 'Service Unavailable' });
		const fake = spec.serve(users);
		const result = await spec.run([spec.item(users[0], true), spec.item(spec.user(5000))], live({ syncOptions: { maxRemovals: 0 } }));
		expect(result.error).toBeDefined();
		expect(result.error?.description).toContain('503');
		expect(fake.writes()).toEqual([]);
		expect(fake.db.length).toBe(size + 20);
	});

	it('two vendor users under one key: that person is ambiguous and untouched, the others go through', async () => {
		const users = directory(spec, 4);
		const twin: IDataObject = { ...spec.user(1), id: spec.user(7).id };
		if (spec === RECRUBO) twin.attributes = { ...(spec.user(1).attributes as IDataObject), lastName: 'Twin' };
		const fake = spec.serve([...users, twin]);
		const input = users.map((u, i) => spec.item(u, i === 1));
		const result = await spec.run(input, live({ removeMissing: false }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.action)).toEqual(['unchanged', 'ambiguous', 'unchanged', 'unchanged']);
		expect(result.items[1].json.reason).toContain('2 ');
		expect(result.items[1].json.matches).toEqual([String(users[1].id), String(twin.id)]);
		expect(fake.writes()).toEqual([]);
	});

	it('Manage Only and Never Remove: only users inside the scope are removed, never those listed', async () => {
		const users = directory(spec, 10);
		const fake = spec.serve(users);
		const input = users.slice(0, 6).map((u) => spec.item(u));
		// leavers 6–9; Manage Only keeps 6 out (its key ends in 6@…), Never Remove keeps 7
		const field = spec === RECRUBO ? 'email' : spec === HCSS ? 'userName' : 'email';
		const result = await spec.run(
			input,
			sync({ manageOnly: { rules: [{ field, pattern: 'user[7-9]*' }, { field, pattern: '*8@EXAMPLE.COM' }] }, neverRemove: `${c.keyOf(users[7])}, nobody@example.com` }),
		);
		expect(result.error).toBeUndefined();
		// '[' is no glob character: the first rule matches nothing, the second user 8 only
		expect(result.items.filter((i) => i.json.action === 'removed').map((i) => i.json.id)).toEqual([users[8].id]);

		const wide = await spec.run(input, sync({ manageOnly: { rules: [{ field, pattern: 'user*@example.com' }] }, neverRemove: c.keyOf(users[7]).toUpperCase(), syncOptions: { maxRemovals: 3 } }));
		expect(wide.items.filter((i) => i.json.action === 'removed').map((i) => i.json.id)).toEqual([6, 8, 9].map((n) => users[n].id));
		expect(fake.writes()).toEqual([]);
	});

	it("Never Remove names a user by its ID, or by a field that names it other than the match key (HCSS's email)", async () => {
		const users = directory(spec, 10);
		// HCSS matches on user name: user 7 signs in as user7@… but has another email
		if (spec === HCSS) users[7] = { ...users[7], email: 'boss@corp.example' };
		const fake = spec.serve(users);
		const input = users.slice(0, 6).map((u) => spec.item(u));
		const seven = spec === HCSS ? 'BOSS@corp.example' : c.keyOf(users[7]);
		const result = await spec.run(input, sync({ neverRemove: `${String(users[8].id)}\n${seven}`, syncOptions: { maxRemovals: 4 } }));
		expect(result.error).toBeUndefined();
		expect(result.items.filter((i) => i.json.action === 'removed').map((i) => i.json.id)).toEqual([users[6].id, users[9].id]);
		expect(fake.writes()).toEqual([]);
	});

	it('Continue On Fail: an input item without its match key becomes an error item, and no one is removed in that run', async () => {
		const users = directory(spec, 6);
		const fake = spec.serve(users);
		const input = users.slice(0, 4).map((u) => spec.item(u));
		const broken = { ...input[2] };
		if (spec === HCSS) delete broken.userName;
		else delete broken.email;
		input[2] = broken;
		const result = await spec.run(input, live({ syncOptions: { maxRemovals: 0 } }), { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items.slice(0, 4).map((i) => i.json.action ?? 'error')).toEqual(['unchanged', 'unchanged', 'error', 'unchanged']);
		expect(result.items[2].pairedItem).toEqual({ item: 2 });
		expect(byAction(result.items.slice(4))).toEqual({ skipped: 3 });
		expect(result.items[4].json.reason).toBe('1 input items failed before they could be matched, so no user is removed in this run');
		expect(fake.writes()).toEqual([]);
	});

	it('1,000 users with 1% leavers: the list pages plus one request per removal, never more than Max Requests at Once in flight', async () => {
		const users = directory(spec, 1000);
		const fake = spec.serve(users, 5);
		const input = users.filter((_, i) => i % 100 !== 0).map((u) => spec.item(u));
		const result = await spec.run(input, live({ syncOptions: { maxRemovals: 10 } }));
		expect(result.error).toBeUndefined();
		expect(byAction(result.items)).toEqual({ unchanged: 990, removed: 10 });
		expect(fake.seen.length).toBe(spec.pages(1000) + 10);
		expect(fake.peak).toBeLessThanOrEqual(5);
	});
});

it('HighQ: a user already archived is not archived again', async () => {
	const users = directory(HIGHQ, 4).map((u, i) => (i === 3 ? { ...u, status: 'archive' } : u));
	const fake = HIGHQ.serve(users);
	const result = await HIGHQ.run(users.slice(0, 2).map((u) => HIGHQ.item(u)), live());
	expect(result.error).toBeUndefined();
	expect(result.items.map((i) => [i.json.action, i.json.email])).toEqual([
		['unchanged', 'user0@example.com'],
		['unchanged', 'user1@example.com'],
		['removed', 'user2@example.com'],
	]);
	expect(fake.writes().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /acme/api/2/users/3/archive']);
});
