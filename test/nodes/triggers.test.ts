/**
 * The four directory triggers, each run through n8n-core's real PollContext (test/helpers/
 * poll.ts) against its vendor's API on nock (test/helpers/directoryServers.ts): the vendor's
 * own paging, auth and errors, the vendor's user shape, static data kept between polls.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { clearSessions } from '../../nodes/shared/session';
import { valueAt } from '../../nodes/shared/snapshot';
import { pollVendor, VENDORS, type VendorCase } from '../helpers/directoryServers';
import { usersOf } from '../helpers/directories';
import type { PollHarness } from '../helpers/poll';

/** What a `removed` (deleted) item carries: the ID and identity fields, as the vendor names them. */
function identity(vendor: VendorCase, user: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const path of [vendor.directory.shape.idField, ...vendor.directory.shape.identityFields]) {
		const keys = path.split('.');
		let target = out;
		for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as IDataObject;
		target[keys[keys.length - 1]] = (valueAt(user, path) ?? null) as IDataObject[string];
	}
	return out;
}

const json = (items: INodeExecutionData[]) => items.map((i) => i.json);
const snapshotOf = (h: PollHarness) => h.nodeData().snapshot as IDataObject;

beforeEach(() => {
	clearSessions();
	nock.cleanAll();
	nock.disableNetConnect();
});
afterAll(() => nock.enableNetConnect());

describe.each(VENDORS)('$name Trigger', (vendor) => {
	it('baseline, then add 2 / change 1 / remove 1 / deactivate 1: exactly those events, with the documented fields; the user who comes back is created', async () => {
		const { directory, harness } = pollVendor(vendor, 30);
		const baseline = await harness.poll();
		expect(baseline.error).toBeUndefined();
		expect(baseline).toMatchObject({ items: [], empty: true, wrote: true });
		expect((snapshotOf(harness).users as string[]).length).toBe(30);

		const all = directory.users;
		const [changed, field] = vendor.change(all[3]);
		const removed = all[5];
		const added = usersOf(vendor.directory, 2, 1000);
		directory.users = all.filter((u) => u !== removed).map((u) => (u === all[3] ? changed : u));
		if (vendor.deactivate) directory.users = directory.users.map((u) => (u === all[7] ? vendor.deactivate!(u) : u));
		directory.users.push(...added);

		const poll = await harness.poll();
		expect(poll.error).toBeUndefined();
		expect(json(poll.items)).toEqual([
			{ event: 'created', ...added[0] },
			{ event: 'created', ...added[1] },
			{ event: 'updated', ...changed, changedFields: [field] },
			...(vendor.deactivate ? [{ event: 'removed', ...vendor.deactivate(all[7]), reason: 'deactivated' }] : []),
			{ event: 'removed', ...identity(vendor, removed), reason: 'deleted' },
		]);

		// the removed user comes back, and the deactivated one is active again: created
		const idOf = (u: IDataObject) => valueAt(u, vendor.directory.shape.idField);
		directory.users = [...directory.users.map((u) => (idOf(u) === idOf(all[7]) ? all[7] : u)), removed];
		const back = await harness.poll();
		expect(json(back.items)).toEqual([
			...(vendor.deactivate ? [{ event: 'created', ...all[7] }] : []),
			{ event: 'created', ...removed },
		]);
		const quiet = await harness.poll();
		expect(quiet).toMatchObject({ items: [], empty: true, wrote: false });
	});

	it('a failing page fails the poll with the vendor’s error and leaves the snapshot as it was', async () => {
		const { directory, harness } = pollVendor(vendor, vendor.pageSize + 20);
		await harness.poll();
		const before = harness.stored();
		directory.users = directory.users.slice(1);
		directory.failRequest = 2;
		const sent = directory.requests.length;
		const poll = await harness.poll();
		expect(poll.error?.constructor.name).toBe('NodeApiError');
		expect(poll.error?.message).toContain(vendor.errorMessage);
		expect(directory.requests.length - sent).toBe(2);
		expect(poll).toMatchObject({ items: [], wrote: false });
		expect(harness.stored()).toEqual(before);
		// the next good poll reports the one real change
		const next = await harness.poll();
		expect(json(next.items).map((j) => [j.event, j.reason])).toEqual([['removed', 'deleted']]);
	});

	it('a listing that drops 60% reports no removals, fails with the count, and keeps the old snapshot', async () => {
		const { directory, harness } = pollVendor(vendor, 50);
		await harness.poll();
		const before = harness.stored();
		directory.users = directory.users.slice(0, 20);
		const poll = await harness.poll();
		expect(poll.error?.constructor.name).toBe('NodeOperationError');
		expect(poll.error?.message).toBe('30 users would be reported as removed, more than 5 allowed: nothing was reported');
		expect(poll.error?.description).toContain('Max Removals per Poll');
		expect(poll).toMatchObject({ items: [], wrote: false });
		expect(harness.stored()).toEqual(before);
		directory.users = usersOf(vendor.directory, 50);
		const recovered = await harness.poll();
		expect(recovered.error).toBeUndefined();
		expect(recovered).toMatchObject({ items: [], empty: true });
	});

	it('Fetch Test Event: 3 current users as created samples from one short page; the snapshot is not touched', async () => {
		const { directory, harness } = pollVendor(vendor, 30);
		const manual = await harness.poll('manual');
		expect(json(manual.items)).toEqual(directory.users.slice(0, 3).map((u) => ({ event: 'created', ...u })));
		expect(directory.requests).toHaveLength(1);
		expect(Object.values(directory.requests[0].query)).toContain('12');
		expect(harness.nodeData()).toEqual({});
	});

	it('static data for 10,000 users: measured, about 100 bytes a user at most', async () => {
		const { directory, harness } = pollVendor(vendor, 10000);
		const poll = await harness.poll();
		expect(poll.error).toBeUndefined();
		expect(directory.requests).toHaveLength(Math.ceil(10000 / vendor.pageSize) + (vendor.name === 'HighQ Publisher' ? 1 : 0));
		const bytes = harness.storedBytes();
		process.stdout.write(`${vendor.name} Trigger: static data for 10,000 users: ${bytes} bytes (${(bytes / 10000).toFixed(1)} a user)\n`);
		expect(bytes / 10000).toBeLessThanOrEqual(105);
		expect(await harness.poll()).toMatchObject({ items: [], empty: true, wrote: false });
	});
});
