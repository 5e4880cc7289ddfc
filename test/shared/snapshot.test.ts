import fc from 'fast-check';

import { baseline } from '../../nodes/shared/changes';
import { fieldHash, hasValue, LineCodec, NO_VALUE, parseLine, readSnapshot, type UserShape } from '../../nodes/shared/snapshot';
import { MAX_DOMAINS, ValueCodec } from '../../nodes/shared/snapshotValues';
import { directories, usersOf } from '../helpers/directories';

describe('snapshot: field hashes', () => {
	it('are 3 characters of [A-Za-z0-9_-]; no value (nothing, null, "", false, []) is "."', () => {
		expect(fieldHash('Ada')).toMatch(/^[A-Za-z0-9_-]{3}$/);
		expect(fieldHash(75)).toMatch(/^[A-Za-z0-9_-]{3}$/);
		expect(fieldHash(true)).toMatch(/^[A-Za-z0-9_-]{3}$/);
		for (const empty of [undefined, null, '', false, []]) {
			expect(hasValue(empty)).toBe(false);
			expect(fieldHash(empty)).toBe(NO_VALUE);
		}
		expect(fieldHash(0)).not.toBe(NO_VALUE);
	});

	it('the same data hashes the same whatever the order of an object’s keys', () => {
		expect(fieldHash({ orgname: 'Acme', orgid: 76 })).toBe(fieldHash({ orgid: 76, orgname: 'Acme' }));
		expect(fieldHash({ orgname: 'Acme', orgid: 76 })).not.toBe(fieldHash({ orgname: 'Acme', orgid: 77 }));
		expect(fieldHash([1, 2])).not.toBe(fieldHash([2, 1]));
	});

	it('tell changed values apart: among 20,000 one-character edits, about 1 in 262,144 collide', () => {
		let same = 0;
		for (let i = 0; i < 20000; i++) if (fieldHash(`+31 20 555 ${i}`) === fieldHash(`+31 20 555 ${i}x`)) same++;
		// 18 bits: the expected number of collisions is 0.08; more than 2 would mean a weak hash
		expect(same).toBeLessThanOrEqual(2);
	});
});

describe('snapshot: values kept in full', () => {
	const codec = () => new ValueCodec([]);

	it('any string comes back as it was, whatever characters it holds', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (a, b) => {
				const c = codec();
				const segments = [c.encode(a, []), c.encode(b, [a])];
				for (const s of segments) expect(s).not.toContain('|');
				const first = c.decode(segments[0], []);
				expect(first).toBe(a === '' ? null : a);
				expect(c.decode(segments[1], [first])).toBe(b === '' ? null : b);
			}),
		);
	});

	it('e-mail addresses, UUIDs, numbers and repeats are written short and read back exactly', () => {
		const c = codec();
		const cases: Array<[unknown, string]> = [
			['ann.lee@acme-legal.com', 'ann.lee@~0'],
			['bob@acme-legal.com', 'bob@~0'],
			['b54cda26-470d-4d94-a090-404a4a473c3e', '~utUzaJkcNTZSgkEBKSkc8Pg'],
			['B54CDA26-470D-4D94-A090-404A4A473C3E', '~UtUzaJkcNTZSgkEBKSkc8Pg'],
			[6, '#6'],
			[true, '#true'],
			['#6', '%236'],
			['~1', '%7E1'],
			['a|b%c', 'a%7Cb%25c'],
			['x@~0', 'x@%7E0'],
			[null, ''],
		];
		for (const [value, encoded] of cases) {
			expect(c.encode(value, [])).toBe(encoded);
			expect(c.decode(encoded, [])).toBe(value);
		}
		expect(c.encode('ann.lee@acme-legal.com', ['x', 'ann.lee@acme-legal.com'])).toBe('~1');
		expect(c.decode('~1', ['x', 'ann.lee@acme-legal.com'])).toBe('ann.lee@acme-legal.com');
		expect(c.domains).toEqual(['acme-legal.com']);
	});

	it(`numbers at most ${MAX_DOMAINS} domains, and a codec made from stored domains writes the same text`, () => {
		const c = codec();
		for (let i = 0; i < MAX_DOMAINS + 5; i++) c.encode(`a@d${i}.com`, []);
		expect(c.domains).toHaveLength(MAX_DOMAINS);
		expect(c.encode(`a@d${MAX_DOMAINS + 1}.com`, [])).toBe(`a@d${MAX_DOMAINS + 1}.com`);
		const again = new ValueCodec([...c.domains]);
		expect(again.encode('z@d7.com', [])).toBe(c.encode('z@d7.com', []));
	});
});

describe('snapshot: lines', () => {
	const shape: UserShape = {
		idField: 'id',
		identityFields: ['email', 'name.firstname', 'name.lastname'],
		isInactive: (u) => u.status === 'archive',
	};
	const user = { id: 3, email: 'ann@x.com', name: { firstname: 'Ann', lastname: 'Lee' }, phone: '123', status: 'active' };

	it('keep the identity in full (nested paths rebuilt) and the status', () => {
		const codec = new LineCodec(shape);
		const line = codec.line(user);
		expect(codec.key(user)).toBe('#3');
		expect(line.startsWith('#3|ann@~0|Ann|Lee|a')).toBe(true);
		expect(codec.identityOf(parseLine(line))).toEqual({ id: 3, email: 'ann@x.com', name: { firstname: 'Ann', lastname: 'Lee' } });
		expect(parseLine(codec.line({ ...user, status: 'archive' })).inactive).toBe(true);
	});

	it('name the fields that changed: an identity field by value, others by hash, a nested path by its top field', () => {
		const codec = new LineCodec(shape);
		const before = parseLine(codec.line(user));
		const after = parseLine(codec.line({ ...user, email: 'ann.lee@x.com', phone: '456', name: { firstname: 'Ann', lastname: 'Lee-Smith' } }));
		expect(codec.changedFields(before, after).sort()).toEqual(['email', 'name', 'phone']);
		expect(codec.changedFields(before, parseLine(codec.line({ ...user, department: 'IT' })))).toEqual(['department']);
		expect(codec.changedFields(before, parseLine(codec.line({ ...user, phone: null })))).toEqual(['phone']);
	});

	it('stay the same when a field appears later for someone else, or keys come in another order', () => {
		const codec = new LineCodec(shape);
		const line = codec.line(user);
		codec.line({ ...user, id: 4, mobile: '0612' });
		expect(codec.fields).toContain('mobile');
		expect(codec.line(user)).toBe(line);
		expect(codec.line({ status: 'active', phone: '123', name: { lastname: 'Lee', firstname: 'Ann' }, email: 'ann@x.com', id: 3 })).toBe(line);
	});

	it('only a snapshot of this version with every part in place is read back', () => {
		const { snapshot } = baseline(shape, '{}', [user]);
		expect(readSnapshot(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);
		expect(readSnapshot(undefined)).toBeUndefined();
		expect(readSnapshot({ ...snapshot, v: 0 })).toBeUndefined();
		expect(readSnapshot({ ...snapshot, users: [1] })).toBeUndefined();
		expect(readSnapshot({ ...snapshot, domains: undefined })).toBeUndefined();
	});
});

describe('snapshot: size in static data for 10,000 users', () => {
	it.each(Object.keys(directories))('%s: at most about 100 bytes a user', (name) => {
		const directory = directories[name];
		const { snapshot } = baseline(directory.shape, '{}', usersOf(directory, 10000));
		expect(snapshot.users).toHaveLength(10000);
		const bytes = Buffer.byteLength(JSON.stringify(snapshot), 'utf8');
		process.stdout.write(`snapshot of 10,000 ${name} users: ${bytes} bytes (${(bytes / 10000).toFixed(1)} a user)\n`);
		expect(bytes / 10000).toBeLessThanOrEqual(105);
	});
});
