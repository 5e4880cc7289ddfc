/**
 * Create or Update at directory scale, through n8n-core's real engine, per vendor: the same
 * person twice in one run is written once; a run reads the user list once instead of one
 * lookup per item where the API can list every user; requests in flight stay under the cap.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import type { VendorSpec } from './fakes';
import { VENDORS } from './vendors';

jest.setTimeout(120_000);

beforeEach(() => {
	nock.cleanAll();
	nock.disableNetConnect();
});
afterAll(() => nock.enableNetConnect());

function directory(spec: VendorSpec, n: number): IDataObject[] {
	return Array.from({ length: n }, (_, i) => spec.user(i));
}

function actions(items: Array<{ json: IDataObject }>): Record<string, number> {
	const out: Record<string, number> = {};
	for (const { json } of items) {
		const key = String(json.action ?? json.error);
		out[key] = (out[key] ?? 0) + 1;
	}
	return out;
}

/** The modes a vendor offers (Forms On Fire: none to choose, it looks up per item). */
const modesOf = (spec: VendorSpec) => (spec.canList ? ['perItem', 'auto', 'fetchAll'] : [undefined]);
const lookUp = (mode?: string): IDataObject => (mode ? { lookUpUsers: mode } : {});

describe.each(VENDORS.map((spec) => [spec.label, spec] as const))('%s: Create or Update in one run', (_label, spec) => {
	it.each(modesOf(spec))('the same person twice, the second time in other letter case: one create (Look Up Users: %s)', async (mode) => {
		const fake = spec.serve(directory(spec, 3));
		const newcomer = spec.item(spec.user(7));
		const result = await spec.run([newcomer, spec.item(spec.user(1)), spec.otherCase(newcomer)], lookUp(mode));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.action)).toEqual(['created', 'unchanged', spec.otherCaseAction]);
		expect(fake.writes().filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(fake.db).toHaveLength(4);
		// the later item is answered against what the earlier one wrote
		const [first, , second] = result.items.map((i) => i.json);
		expect(second.id ?? second.Id).toBe(first.id ?? first.Id);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('the same person five times among others: created once, then handled one after another in input order', async () => {
		const fake = spec.serve(directory(spec, 2));
		const person = spec.item(spec.user(9));
		const input = [person, spec.item(spec.user(0)), spec.otherCase(person), person, spec.item(spec.user(1)), person, spec.otherCase(person)];
		const result = await spec.run(input);
		expect(result.error).toBeUndefined();
		expect(fake.writes().filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(result.items[0].json.action).toBe('created');
		expect(result.items.slice(1).map((i) => i.json.action)).not.toContain('created');
	});

	it('1,000 items against a directory of 1,000 with 10 changed: the list once in Fetch All and Automatic, one lookup per item otherwise', async () => {
		const perItem = 1000 + 10 * spec.writeCost.perItem;
		const expected: Record<string, number> = spec.canList
			? { perItem, auto: spec.pages(1000) + 10 * spec.writeCost.fetchAll, fetchAll: spec.pages(1000) + 10 * spec.writeCost.fetchAll }
			: { undefined: perItem };
		const sent: Record<string, number> = {};
		for (const mode of modesOf(spec)) {
			nock.cleanAll();
			const users = directory(spec, 1000);
			const input = users.map((u, i) => spec.item(u, i % 100 === 50));
			const fake = spec.serve(users);
			const result = await spec.run(input, lookUp(mode));
			expect(result.error).toBeUndefined();
			expect(actions(result.items)).toEqual({ unchanged: 990, [spec.canList ? 'updated' : 'created']: 10 });
			expect(result.items.filter((i) => i.json.action !== 'unchanged').map((i) => i.pairedItem)).toEqual(
				Array.from({ length: 10 }, (_, k) => ({ item: k * 100 + 50 })),
			);
			sent[String(mode)] = fake.seen.length;
			if (mode !== 'perItem' && spec.canList) {
				expect(fake.seen.slice(0, spec.pages(1000)).every((r) => r.method === 'GET')).toBe(true);
			}
		}
		expect(sent).toEqual(expected);
	});

	it('requests in flight never pass Max Requests at Once (default 5, or as set)', async () => {
		for (const [setting, cap] of [[undefined, 5], [2, 2]] as const) {
			nock.cleanAll();
			const users = directory(spec, 60);
			const fake = spec.serve(users, 15);
			const extra = { ...lookUp(spec.canList ? 'perItem' : undefined), ...(setting ? { maxRequestsInFlight: setting } : {}) };
			const result = await spec.run(users.map((u, i) => spec.item(u, i % 10 === 0)), extra);
			expect(result.error).toBeUndefined();
			expect(fake.seen.length).toBeGreaterThanOrEqual(60);
			expect(fake.peak).toBe(cap);
		}
	});
});

describe('Automatic reads the list only when that costs fewer requests', () => {
	const [recrubo, hcss, highq] = VENDORS;

	it('Recrubo: 3 items and 5,000 users (25 pages): the first page says so, then one lookup per item', async () => {
		const users = directory(recrubo, 5000);
		const fake = recrubo.serve(users);
		const result = await recrubo.run([0, 1, 2].map((i) => recrubo.item(users[i])));
		expect(actions(result.items)).toEqual({ unchanged: 3 });
		expect(fake.seen.map((r) => r.query.get('filter[email][eql]') ?? `page of ${r.query.get('page[size]')}`)).toEqual([
			'page of 200',
			'user0@example.com',
			'user1@example.com',
			'user2@example.com',
		]);
	});

	it('HCSS: 3 items and 3,000 users (3 pages of 1,000): reading the list is cheaper', async () => {
		const users = directory(hcss, 3000);
		const fake = hcss.serve(users);
		const result = await hcss.run([0, 1, 2].map((i) => hcss.item(users[i])));
		expect(actions(result.items)).toEqual({ unchanged: 3 });
		expect(fake.calls()).toEqual(['GET /users/api/v1/Users', 'GET /users/api/v1/Users', 'GET /users/api/v1/Users']);
	});

	it('HighQ (no total in the list): 4 items and 5,000 users: two pages, then one lookup per item', async () => {
		const users = directory(highq, 5000);
		const fake = highq.serve(users);
		const result = await highq.run([0, 1, 2, 3].map((i) => highq.item(users[i])));
		expect(actions(result.items)).toEqual({ unchanged: 4 });
		expect(fake.seen.map((r) => r.query.get('offset') ?? r.path)).toEqual(['0', '200', ...[0, 1, 2, 3].map((i) => `/acme/api/2/users/user${i}@example.com`)]);
	});

	it('one item: one lookup, no list request', async () => {
		const users = directory(recrubo, 10);
		const fake = recrubo.serve(users);
		await recrubo.run([recrubo.item(users[4])]);
		expect(fake.seen.map((r) => r.query.get('filter[email][eql]'))).toEqual(['user4@example.com']);
	});
});
