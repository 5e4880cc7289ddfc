/**
 * Look Up Users → Fetch All Users Once: what happens around the one list read of a run
 * (errors, Continue On Fail, duplicates in the vendor's data, partial list entries), and
 * that the list is never carried from one run to the next.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { HIGHQ, RECRUBO } from './vendors';

beforeEach(() => {
	nock.cleanAll();
	nock.disableNetConnect();
});
afterAll(() => nock.enableNetConnect());

const recruboUsers = (n: number) => Array.from({ length: n }, (_, i) => RECRUBO.user(i));
const fetchAll = { lookUpUsers: 'fetchAll' };

describe('Fetch All Users Once', () => {
	it('Continue On Fail: a key two listed users share fails that item with their IDs; the others are written', async () => {
		const users = recruboUsers(3);
		(users[2].attributes as IDataObject).email = 'USER1@example.com';
		const fake = RECRUBO.serve(users);
		const input = [RECRUBO.item(users[1]), RECRUBO.item(RECRUBO.user(8)), RECRUBO.item(users[0])];
		const result = await RECRUBO.run(input, fetchAll, { continueOnFail: true });
		expect(result.items.map((i) => i.json.action ?? i.json.error)).toEqual([
			`2 Recrubo users match Email "user1@example.com": ${String(users[1].id)}, ${String(users[2].id)}`,
			'created',
			'unchanged',
		]);
		expect(fake.calls()).toEqual(['GET /public/v2/users', 'POST /public/v2/users']);
	});

	it('a list page that fails fails every item with the server\'s message (Continue On Fail: one error item each), and nothing is written', async () => {
		nock('https://recrubo.test')
			.get('/public/v2/users')
			.query({ 'page[number]': '1', 'page[size]': '200' })
			.reply(200, { data: recruboUsers(200), meta: { total: 300, currentPage: 1, maxPage: 2 } }, { 'Content-Type': 'application/vnd.api+json' })
			.get('/public/v2/users')
			.query({ 'page[number]': '2', 'page[size]': '200' })
			.reply(500, { errors: [{ title: 'Database unavailable' }] }, { 'Content-Type': 'application/vnd.api+json' });
		const input = [0, 1, 2].map((i) => RECRUBO.item(RECRUBO.user(i)));
		const continued = await RECRUBO.run(input, fetchAll, { continueOnFail: true });
		expect(continued.items.map((i) => i.json.error)).toEqual(['Database unavailable', 'Database unavailable', 'Database unavailable']);
		expect(continued.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(nock.pendingMocks()).toEqual([]);

		nock('https://recrubo.test').get('/public/v2/users').query(true).reply(500, { errors: [{ title: 'Database unavailable' }] }, { 'Content-Type': 'application/vnd.api+json' });
		const failed = await RECRUBO.run(input, fetchAll);
		expect(failed.error?.message).toBe('Database unavailable');
		expect(failed.error?.description).toContain('HTTP status: 500');
	});

	it('a 429 on a list page is waited out and retried', async () => {
		const users = recruboUsers(2);
		nock('https://recrubo.test').get('/public/v2/users').query(true).reply(429, { errors: [{ title: 'Slow down' }] }, { 'Retry-After': '0' });
		const fake = RECRUBO.serve(users);
		const result = await RECRUBO.run(users.map((u) => RECRUBO.item(u)), fetchAll);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.action)).toEqual(['unchanged', 'unchanged']);
		expect(fake.calls()).toEqual(['GET /public/v2/users']);
	});

	it('every run reads the list anew: the second run sees what the first created', async () => {
		const fake = RECRUBO.serve(recruboUsers(2));
		const input = [RECRUBO.item(RECRUBO.user(5)), RECRUBO.item(RECRUBO.user(6))];
		const first = await RECRUBO.run(input, fetchAll);
		const second = await RECRUBO.run(input, fetchAll);
		expect(first.items.map((i) => i.json.action)).toEqual(['created', 'created']);
		expect(second.items.map((i) => i.json.action)).toEqual(['unchanged', 'unchanged']);
		expect(fake.calls()).toEqual(['GET /public/v2/users', 'POST /public/v2/users', 'POST /public/v2/users', 'GET /public/v2/users']);
	});

	it('HighQ: a listed user that differs is read whole before the PUT, so fields the list left out are kept', async () => {
		let put: IDataObject | undefined;
		const whole = { id: 7, email: 'ann@example.com', name: { firstname: 'Ann', lastname: 'Lee' }, bio: 'Kept', sociallinks: { sociallink: [{ type: 'x', link: 'y' }] } };
		const scope = nock('https://highq.test')
			.get('/acme/api/2/users')
			.query({ fields: 'all', offset: '0', limit: '200' })
			.reply(200, { users: { user: [{ id: 7, email: 'ann@example.com', name: { firstname: 'Ann', lastname: 'Lee' } }] } })
			.get('/acme/api/2/users/7')
			.reply(200, { user: whole })
			.put('/acme/api/2/users/7', (body) => ((put = (body as IDataObject).user as IDataObject), true))
			.reply(200, { user: { id: 7 } });
		const result = await HIGHQ.run([{ first: 'Ann', last: 'Lee-Smith', email: 'ANN@example.com' }], fetchAll);
		expect(result.error).toBeUndefined();
		scope.done();
		expect(put).toEqual({ ...whole, name: { firstname: 'Ann', lastname: 'Lee-Smith' } });
		expect(result.items[0].json).toMatchObject({ action: 'updated', id: 7, bio: 'Kept' });
	});

	it('HighQ: an email the list does not have (it may leave users out) is looked up before a user is created', async () => {
		const scope = nock('https://highq.test')
			.get('/acme/api/2/users')
			.query(true)
			.reply(200, { users: { user: [] } })
			.get('/acme/api/2/users/archived%40example.com')
			.reply(200, { user: { id: 9, email: 'archived@example.com', name: { firstname: 'Old', lastname: 'Timer' }, status: 'archive' } });
		const result = await HIGHQ.run([{ first: 'Old', last: 'Timer', email: 'archived@example.com' }], fetchAll);
		expect(result.error).toBeUndefined();
		scope.done();
		expect(result.items[0].json).toMatchObject({ action: 'unchanged', id: 9 });
	});

	it('an invalid Look Up Users value (from an imported workflow) fails naming the parameter, before any request', async () => {
		const result = await RECRUBO.run([RECRUBO.item(RECRUBO.user(1))], { lookUpUsers: 'everything' });
		expect(result.error?.message).toBe('Look Up Users: not one of the choices');
		expect(result.error?.description).toContain('"everything"');
		expect(nock.pendingMocks()).toEqual([]);
	});
});
