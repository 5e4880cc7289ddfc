/**
 * The directory trigger engine (nodes/shared/trigger.ts) run through n8n-core's real
 * PollContext by a small trigger node of this test's own, whose listing is one request
 * (the vendor triggers' own tests cover paging and vendor errors).
 */
import nock from 'nock';
import type { ICredentialType, IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import type { UserShape } from '../../nodes/shared/snapshot';
import { pollDirectory } from '../../nodes/shared/trigger';
import { triggerProperties } from '../../nodes/shared/triggerDescription';
import { CredentialStore } from '../helpers/engine';
import { PollHarness } from '../helpers/poll';

const API = 'http://directory.test';

const shape: UserShape = { idField: 'id', identityFields: ['email', 'name'], isInactive: (u) => u.active === false };

const testApi: ICredentialType = {
	name: 'directoryTestApi',
	displayName: 'Directory Test API',
	properties: [{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' }],
	authenticate: { type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } } },
};

class DirectoryTestTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Directory Test Trigger',
		name: 'directoryTestTrigger',
		group: ['trigger'],
		version: 1,
		description: 'test',
		defaults: { name: 'Directory Test Trigger' },
		polling: true,
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'directoryTestApi', required: true }],
		properties: triggerProperties([{ displayName: 'Team', name: 'team', type: 'string', default: '' }]),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const team = this.getNodeParameter('team', '') as string;
		const list = async (limit?: number) => {
			const qs: IDataObject = { team };
			if (limit !== undefined) qs.limit = limit;
			const body = (await this.helpers.httpRequestWithAuthentication.call(this, 'directoryTestApi', { url: `${API}/users`, qs, json: true })) as IDataObject;
			return body.users as IDataObject[];
		};
		return await pollDirectory(this, shape, list, { team });
	}
}

function user(i: number, extra: IDataObject = {}): IDataObject {
	return { id: `u${i}`, email: `user${i}@acme.com`, name: `User ${i}`, phone: `555-${i}`, active: true, ...extra };
}
const twenty = () => Array.from({ length: 20 }, (_, i) => user(i));

function harness(parameters: IDataObject = {}) {
	return new PollHarness({
		node: new DirectoryTestTrigger(),
		credentialTypes: [testApi],
		credentials: new CredentialStore({ directoryTestApi: { token: 'secret-token' } }),
		parameters: { events: ['created', 'updated', 'removed'], team: '', ...parameters },
	});
}

/** The listing the server answers the next poll with; records what each request sent. */
function serve(users: IDataObject[], sent: Array<{ query: IDataObject; auth?: string }> = []) {
	return nock(API)
		.get('/users')
		.query(true)
		.reply(function (uri) {
			const query = Object.fromEntries(new URL(uri, API).searchParams) as IDataObject;
			sent.push({ query, auth: this.req.headers.authorization as string | undefined });
			const limit = query.limit === undefined ? users.length : Number(query.limit);
			return [200, { users: users.slice(0, limit) }];
		});
}

const json = (items: INodeExecutionData[]) => items.map((i) => i.json);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('directory trigger engine in n8n’s PollContext', () => {
	it('the first poll records the baseline and emits nothing; the same listing again emits and writes nothing', async () => {
		const h = harness();
		const sent: Array<{ query: IDataObject; auth?: string }> = [];
		serve(twenty(), sent);
		const first = await h.poll();
		expect(first.error).toBeUndefined();
		expect(first.empty).toBe(true);
		expect(first.wrote).toBe(true);
		expect(sent).toEqual([{ query: { team: '' }, auth: 'Bearer secret-token' }]);
		expect((h.nodeData().snapshot as IDataObject).users).toHaveLength(20);
		serve(twenty());
		const second = await h.poll();
		expect(second).toEqual({ items: [], empty: true, wrote: false });
	});

	it('add 2, change 1, remove 1, deactivate 1 → one item each: { event, ...user }, changedFields, reason', async () => {
		const h = harness();
		serve(twenty());
		await h.poll();
		const now = twenty().filter((u) => u.id !== 'u4');
		now[2] = user(2, { phone: '555-0000' });
		now[6] = user(7, { active: false });
		now.push(user(20), user(21));
		serve(now);
		const poll = await h.poll();
		expect(poll.error).toBeUndefined();
		expect(json(poll.items)).toEqual([
			{ event: 'created', ...user(20) },
			{ event: 'created', ...user(21) },
			{ event: 'updated', ...user(2, { phone: '555-0000' }), changedFields: ['phone'] },
			{ event: 'removed', ...user(7, { active: false }), reason: 'deactivated' },
			{ event: 'removed', id: 'u4', email: 'user4@acme.com', name: 'User 4', reason: 'deleted' },
		]);
		expect(Object.keys(poll.items[0].json)[0]).toBe('event');
		expect(poll.wrote).toBe(true);
		// the users who come back are created
		serve(twenty());
		expect(json((await h.poll()).items)).toEqual([
			{ event: 'created', ...user(4) },
			{ event: 'created', ...user(7) },
			{ event: 'updated', ...user(2), changedFields: ['phone'] },
			{ event: 'removed', id: 'u20', email: 'user20@acme.com', name: 'User 20', reason: 'deleted' },
			{ event: 'removed', id: 'u21', email: 'user21@acme.com', name: 'User 21', reason: 'deleted' },
		]);
	});

	it('a manual run (Fetch Test Event) returns 3 current active users as created samples and leaves the snapshot alone', async () => {
		const h = harness();
		serve(twenty());
		await h.poll();
		const before = h.stored();
		const sent: Array<{ query: IDataObject; auth?: string }> = [];
		serve([user(0, { active: false }), ...twenty().slice(1, 8), user(99)], sent);
		const manual = await h.poll('manual');
		expect(sent.map((s) => s.query)).toEqual([{ team: '', limit: '12' }]);
		expect(json(manual.items)).toEqual([1, 2, 3].map((i) => ({ event: 'created', ...user(i) })));
		expect(manual.wrote).toBe(false);
		expect(h.stored()).toEqual(before);
		// and before any trigger poll, too
		const fresh = harness();
		serve(twenty());
		expect((await fresh.poll('manual')).items).toHaveLength(3);
		expect(fresh.nodeData()).toEqual({});
	});

	it('a failed listing fails the poll with the error and changes nothing', async () => {
		const h = harness();
		serve(twenty());
		await h.poll();
		const before = h.stored();
		nock(API).get('/users').query(true).reply(500, { message: 'Database is down' });
		const poll = await h.poll();
		expect(poll.error).toMatchObject({ httpCode: '500' });
		expect(poll.wrote).toBe(false);
		expect(h.stored()).toEqual(before);
	});

	it('a listing that drops 60% fails with the count and how to raise the limit, emits nothing and keeps the snapshot; nothing is lost', async () => {
		const h = harness();
		serve(twenty());
		await h.poll();
		const before = h.stored();
		// 12 of 20 gone, and meanwhile one joiner and one mover
		const short = [...twenty().slice(0, 8), user(30)];
		short[1] = user(1, { phone: 'new' });
		serve(short);
		const refused = await h.poll();
		expect(refused.error?.constructor.name).toBe('NodeOperationError');
		expect(refused.error?.message).toBe('12 users would be reported as removed, more than 2 allowed: nothing was reported');
		expect(refused.error?.description).toContain('12 are gone from the list and 0 were deactivated');
		expect(refused.error?.description).toContain('10% of the 20 active users at the previous poll');
		expect(refused.error?.description).toContain('raise Options → Max Removals per Poll');
		expect(refused.items).toEqual([]);
		expect(refused.wrote).toBe(false);
		expect(h.stored()).toEqual(before);
		// the listing recovers: the joiner and the mover are reported now, no removal
		const whole = [...twenty(), user(30)];
		whole[1] = user(1, { phone: 'new' });
		serve(whole);
		expect(json((await h.poll()).items)).toEqual([
			{ event: 'created', ...user(30) },
			{ event: 'updated', ...user(1, { phone: 'new' }), changedFields: ['phone'] },
		]);
	});

	it('Max Removals per Poll lets a larger removal through; 0 turns the check off', async () => {
		for (const maxRemovals of [12, 0]) {
			const h = harness({ options: { maxRemovals } });
			serve(twenty());
			await h.poll();
			serve(twenty().slice(0, 8));
			const poll = await h.poll();
			expect(poll.error).toBeUndefined();
			expect(poll.items.map((i) => i.json.reason)).toEqual(new Array(12).fill('deleted'));
		}
		const h = harness({ options: { maxRemovals: 11 } });
		serve(twenty());
		await h.poll();
		serve(twenty().slice(0, 8));
		expect((await h.poll()).error?.description).toContain('the limit of 11 set in Max Removals per Poll');
	});

	it('the removal limit holds even when removed is not among the events (a short list must not become the snapshot)', async () => {
		const h = harness({ events: ['created'] });
		serve(twenty());
		await h.poll();
		serve(twenty().slice(0, 5));
		expect((await h.poll()).error?.message).toMatch(/^15 users would be reported as removed/);
	});

	it('only the chosen events are emitted, and the others are still recorded', async () => {
		const h = harness({ events: ['removed'] });
		serve(twenty());
		await h.poll();
		serve([...twenty().slice(1), user(20)]);
		expect(json((await h.poll()).items)).toEqual([{ event: 'removed', id: 'u0', email: 'user0@acme.com', name: 'User 0', reason: 'deleted' }]);
		serve([...twenty().slice(1), user(20)]);
		expect((await h.poll()).empty).toBe(true);
	});

	it('Emit Existing Users on First Poll reports every active user once', async () => {
		const h = harness({ options: { emitExistingUsers: true } });
		const users = twenty();
		users[3] = user(3, { active: false });
		serve(users);
		const first = await h.poll();
		expect(first.items.map((i) => i.json.id)).toEqual(users.filter((u) => u.active).map((u) => u.id));
		expect(first.items.every((i) => i.json.event === 'created')).toBe(true);
		serve(users);
		expect((await h.poll()).empty).toBe(true);
	});

	it('another filter (scope) starts a new baseline instead of reporting joiners and leavers', async () => {
		const h = harness({ team: 'north' });
		serve(twenty());
		await h.poll();
		h.restart({ events: ['created', 'updated', 'removed'], team: 'south' });
		const sent: Array<{ query: IDataObject; auth?: string }> = [];
		serve(Array.from({ length: 20 }, (_, i) => user(100 + i)), sent);
		const poll = await h.poll();
		expect(sent[0].query).toEqual({ team: 'south' });
		expect(poll.empty).toBe(true);
		expect(poll.error).toBeUndefined();
		expect((h.nodeData().snapshot as IDataObject).scope).toBe('{"team":"south"}');
	});

	it('the snapshot survives a restart (stored as JSON and read back)', async () => {
		const h = harness();
		serve(twenty());
		await h.poll();
		h.restart();
		serve([...twenty().slice(1), user(20)]);
		expect(json((await h.poll()).items).map((j) => `${String(j.event)} ${String(j.id)}`)).toEqual(['created u20', 'removed u0']);
	});

	it('no event chosen, or a bad Max Removals per Poll: an error naming the parameter, before any request', async () => {
		const scope = serve(twenty());
		const none = await harness({ events: [] }).poll();
		expect(none.error?.message).toBe('Events: choose at least one of Created, Updated and Removed');
		const bad = await harness({ options: { maxRemovals: -1 } }).poll();
		expect(bad.error?.message).toBe('Max Removals per Poll must be a whole number, 0 or more');
		expect(scope.isDone()).toBe(false);
	});

	it('a poll that starts while the previous one of the node still runs does nothing', async () => {
		const h = harness();
		serve(twenty());
		await h.poll();
		let requests = 0;
		nock(API)
			.get('/users')
			.query(true)
			.times(2)
			.delay(200)
			.reply(() => {
				requests++;
				return [200, { users: [...twenty(), user(20)] }];
			});
		const [slow, overlapping] = await Promise.all([h.poll(), h.poll()]);
		expect(requests).toBe(1);
		expect(json(slow.items)).toEqual([{ event: 'created', ...user(20) }]);
		expect(overlapping).toMatchObject({ items: [], empty: true });
	});
});
