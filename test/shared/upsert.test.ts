import type { INodePropertyOptions } from 'n8n-workflow';

import { FormsOnFire } from '../../nodes/FormsOnFire/FormsOnFire.node';
import { Hcss } from '../../nodes/Hcss/Hcss.node';
import { HighQPublisher } from '../../nodes/HighQPublisher/HighQPublisher.node';
import { Recrubo } from '../../nodes/Recrubo/Recrubo.node';
import { changedFields, hasValue } from '../../nodes/shared/upsert';

describe('upsert: comparing what is wanted with what the user has', () => {
	it('strings are compared trimmed, email addresses without regard to case, other text with it', () => {
		expect(hasValue(' Ann ', 'Ann', 'firstName')).toBe(true);
		expect(hasValue('ann', 'Ann', 'firstName')).toBe(false);
		expect(hasValue('ANN@example.com', 'ann@example.com', 'email')).toBe(true);
		expect(hasValue('ANN@example.com', 'ann@example.com', 'Email')).toBe(true);
	});

	it('a number and its text are the same value; booleans are not text', () => {
		expect(hasValue(75, '75', 'orgid')).toBe(true);
		expect(hasValue(false, false, 'doNotEmail')).toBe(true);
		expect(hasValue(null, false, 'doNotEmail')).toBe(false);
	});

	it('an empty wanted value matches an empty one only', () => {
		expect(hasValue(null, null)).toBe(true);
		expect(hasValue('', null)).toBe(true);
		expect(hasValue('x', null)).toBe(false);
		expect(hasValue(undefined, 'x')).toBe(false);
	});

	it('objects: only the wanted keys count; lists are sets; one value is a list of one', () => {
		expect(hasValue({ firstname: 'A', lastname: 'B', title: 'Dr' }, { lastname: 'B' })).toBe(true);
		expect(hasValue({ firstname: 'A' }, { firstname: 'A', lastname: 'B' })).toBe(false);
		expect(hasValue(['b', 'a'], ['a', 'b'])).toBe(true);
		expect(hasValue(['a', 'b', 'c'], ['a', 'b'])).toBe(false);
		expect(hasValue({ link: [{ name: 'X', value: 'y' }] }, { link: { name: 'X', value: 'y' } })).toBe(true);
		expect(hasValue('scalar', { a: 1 })).toBe(false);
	});

	it('changedFields keeps exactly the wanted top-level fields that differ', () => {
		const current = { id: 1, firstName: 'Ann', lastName: 'Lee', email: 'ANN@x.com', name: { first: 'A', last: 'L' } };
		expect(changedFields(current, { firstName: 'Ann', lastName: 'Smith', email: 'ann@x.com', name: { last: 'L' } })).toEqual({
			lastName: 'Smith',
		});
		expect(changedFields(current, { name: { first: 'B' }, phone: '1' })).toEqual({ name: { first: 'B' }, phone: '1' });
	});
});

describe('upsert: one name for the operation wherever n8n shows it', () => {
	// the Operation list shows an option's `name`, the nodes panel its `action`
	const nodes = [new Recrubo(), new HighQPublisher(), new Hcss(), new FormsOnFire()];

	it.each(nodes.map((n) => [n.description.displayName, n] as const))('%s: "Create or Update" in both, value upsert', (_name, node) => {
		const options = node.description.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => (p.options ?? []) as INodePropertyOptions[])
			.filter((o) => o.value === 'upsert');
		expect(options).toHaveLength(1);
		expect(options[0].name).toBe('Create or Update');
		expect(options[0].action).toBe('Create or update a user');
	});

	it("Forms On Fire's description and notice say an existing user is not updated", () => {
		const props = new FormsOnFire().description.properties;
		const option = props.flatMap((p) => (p.name === 'operation' ? ((p.options ?? []) as INodePropertyOptions[]) : [])).find((o) => o.value === 'upsert');
		expect(option?.description).toMatch(/if no user has this email; an existing user is output as it is/);
		expect(props.find((p) => p.name === 'upsertNotice')?.displayName).toMatch(/has no update/);
	});
});
