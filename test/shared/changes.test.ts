import type { IDataObject } from 'n8n-workflow';

import { baseline, comparable, defaultRemovalLimit, diff, removalLimit, type DirectoryEvent } from '../../nodes/shared/changes';
import type { UserShape } from '../../nodes/shared/snapshot';
import { directories, usersOf } from '../helpers/directories';

const shape: UserShape = {
	idField: 'id',
	identityFields: ['email', 'userName', 'externalId', 'name'],
	isInactive: (u) => u.active === false,
};

function user(i: number, extra: IDataObject = {}): IDataObject {
	return { id: `u${i}`, email: `user${i}@acme.com`, userName: `USER${i}`, externalId: `E${i}`, name: `User ${i}`, phone: `555-${i}`, active: true, ...extra };
}

const twenty = () => Array.from({ length: 20 }, (_, i) => user(i));

function summary(events: DirectoryEvent[]) {
	return events.map((e) => {
		if (e.event === 'updated') return `updated ${String(e.user.id)} ${e.changedFields.join(',')}`;
		if (e.event === 'removed') return `removed ${String(e.user.id)} ${e.reason}`;
		return `created ${String(e.user.id)}`;
	});
}

describe('directory changes', () => {
	it('add 2, change 1, remove 1, deactivate 1: exactly those events, with the fields each event carries', () => {
		const { snapshot } = baseline(shape, '{}', twenty());
		const now = twenty().filter((u) => u.id !== 'u4');
		now[2] = user(2, { phone: '555-0000', email: 'new2@acme.com' });
		now[6] = user(7, { active: false });
		now.push(user(20), user(21));
		const changes = diff(shape, snapshot, now);
		expect(summary(changes.events)).toEqual(['created u20', 'created u21', 'updated u2 email,phone', 'removed u7 deactivated', 'removed u4 deleted']);
		expect(changes.removals).toEqual({ deleted: 1, deactivated: 1 });
		expect(changes.previousActive).toBe(20);
		// a deleted user: the last known identity, as the vendor's fields
		expect(changes.events[4]).toEqual({
			event: 'removed',
			reason: 'deleted',
			user: { id: 'u4', email: 'user4@acme.com', userName: 'USER4', externalId: 'E4', name: 'User 4' },
		});
		// a deactivated user: the user as listed now
		expect(changes.events[3]).toMatchObject({ user: user(7, { active: false }) });
		expect(changes.events[0]).toEqual({ event: 'created', user: user(20) });
		expect(changes.differs).toBe(true);
	});

	it('a user who comes back (listed again, or active again) is created; the same listing again reports nothing', () => {
		const first = baseline(shape, '{}', twenty()).snapshot;
		const second = diff(shape, first, [...twenty().filter((u) => u.id !== 'u3'), user(5, { active: false })].filter((u, i, all) => all.findIndex((x) => x.id === u.id) === i));
		// u5 appears twice: the first listing of an ID counts, so u5 stays active here
		expect(summary(second.events)).toEqual(['removed u3 deleted']);
		const deactivated = diff(shape, second.next, twenty().filter((u) => u.id !== 'u3').map((u) => (u.id === 'u5' ? user(5, { active: false }) : u)));
		expect(summary(deactivated.events)).toEqual(['removed u5 deactivated']);
		const back = diff(shape, deactivated.next, twenty());
		expect(summary(back.events)).toEqual(['created u3', 'created u5']);
		const again = diff(shape, back.next, twenty());
		expect(again.events).toEqual([]);
		expect(again.differs).toBe(false);
	});

	it('inactive users report nothing else: not when they first appear, change, or are deleted', () => {
		const start = baseline(shape, '{}', [...twenty(), user(30, { active: false })]).snapshot;
		const newcomer = diff(shape, start, [...twenty(), user(30, { active: false }), user(31, { active: false })]);
		expect(newcomer.events).toEqual([]);
		expect(newcomer.differs).toBe(true);
		const changed = diff(shape, newcomer.next, [...twenty(), user(30, { active: false, phone: '1' })]);
		expect(changed.events).toEqual([]);
		expect(changed.removals).toEqual({ deleted: 0, deactivated: 0 });
		expect(changed.next.users).toHaveLength(21);
	});

	it('users without an ID are left out, and a user listed twice counts once', () => {
		const start = baseline(shape, '{}', twenty()).snapshot;
		const changes = diff(shape, start, [...twenty(), user(1), { email: 'noid@acme.com' }, user(22, { id: null })]);
		expect(changes.events).toEqual([]);
		expect(changes.next.users).toHaveLength(20);
	});

	it('fields in `ignore` make no update alone, but are recorded', () => {
		const start = baseline(shape, '{}', twenty()).snapshot;
		const now: IDataObject[] = twenty().map((u) => ({ ...u, lastLogin: '2024-05-01' }));
		const changes = diff(shape, start, now, new Set(['lastLogin']));
		expect(changes.events).toEqual([]);
		expect(changes.differs).toBe(true);
		now[0].phone = 'x';
		expect(summary(diff(shape, changes.next, now, new Set(['lastLogin'])).events)).toEqual(['updated u0 phone']);
	});

	it('a snapshot is comparable only for the same scope and identity fields', () => {
		const { snapshot } = baseline(shape, '{"businessUnitId":"a"}', twenty());
		expect(comparable(snapshot, shape, '{"businessUnitId":"a"}')).toBe(true);
		expect(comparable(snapshot, shape, '{"businessUnitId":"b"}')).toBe(false);
		expect(comparable(snapshot, { ...shape, identityFields: ['email'] }, '{"businessUnitId":"a"}')).toBe(false);
	});
});

describe('removal limit', () => {
	it('defaults to 10% of the directory, rounded up, or 50, whichever is smaller', () => {
		expect([0, 5, 10, 11, 20, 120, 499, 500, 501, 10000].map(defaultRemovalLimit)).toEqual([0, 1, 1, 2, 2, 12, 50, 50, 50, 50]);
	});

	it('a set Max Removals per Poll wins; 0 turns the check off', () => {
		expect(removalLimit(undefined, 120)).toBe(12);
		expect(removalLimit(7, 120)).toBe(7);
		expect(removalLimit(200, 120)).toBe(200);
		expect(removalLimit(0, 120)).toBe(Infinity);
	});
});

describe('directory changes at 10,000 users', () => {
	it.each(Object.keys(directories))('%s: an unchanged listing reports nothing and writes nothing; one change is found', (name) => {
		const directory = directories[name];
		const users = usersOf(directory, 10000);
		const { snapshot } = baseline(directory.shape, '{}', users);
		const started = process.cpuUsage();
		const same = diff(directory.shape, JSON.parse(JSON.stringify(snapshot)), usersOf(directory, 10000));
		const cpuMs = process.cpuUsage(started).user / 1000;
		process.stdout.write(`diff of 10,000 unchanged ${name} users: ${cpuMs.toFixed(0)} ms of CPU\n`);
		expect(same.events).toEqual([]);
		expect(same.differs).toBe(false);
		const changed = usersOf(directory, 10000);
		const idField = directory.shape.idField;
		const field = Object.keys(changed[500]).find((k) => k !== idField && !directory.shape.identityFields.includes(k)) as string;
		changed[500] = { ...changed[500], [field]: 'changed' };
		const one = diff(directory.shape, snapshot, changed);
		expect(one.events).toEqual([{ event: 'updated', user: changed[500], changedFields: [field] }]);
	});
});
