/**
 * Each vendor's readers as plain functions: a response body (JSON, or XML text) in, users
 * and paging facts out, the same whatever the wire format; what cannot be read is a
 * BadResponse (the transport turns it into the node's error), never an empty list.
 */
import type { IN8nHttpFullResponse } from 'n8n-workflow';

import * as fof from '../../nodes/FormsOnFire/api/readers';
import * as hcss from '../../nodes/Hcss/api/readers';
import * as highq from '../../nodes/HighQPublisher/api/readers';
import * as pcr from '../../nodes/PcRecruiter/api/readers';
import * as recrubo from '../../nodes/Recrubo/api/readers';
import { BadResponse } from '../../nodes/shared/read';

const res = (body: unknown): IN8nHttpFullResponse => ({ body: body as IN8nHttpFullResponse["body"], headers: {}, statusCode: 200 });

/** What a reader threw, for matching. */
function thrown(read: () => unknown): BadResponse {
	try {
		read();
	} catch (error) {
		expect(error).toBeInstanceOf(BadResponse);
		return error as BadResponse;
	}
	throw new Error('expected the reader to throw');
}

describe('PCRecruiter readers', () => {
	const json = { TotalRecords: 3, Results: [{ UserName: 'A', ReplicationNumber: 7, Teams: [{ Name: 'Sales', RecordId: 1 }] }, { UserName: 'B', ReplicationNumber: 8, Teams: [] }] };
	const xml =
		'<?xml version="1.0"?><UsersResponse><TotalRecords>3</TotalRecords><Results>' +
		'<User><UserName>A</UserName><ReplicationNumber>7</ReplicationNumber><Teams><Team><Name>Sales</Name><RecordId>1</RecordId></Team></Teams></User>' +
		'<User><UserName>B</UserName><ReplicationNumber>8</ReplicationNumber><Teams/></User></Results></UsersResponse>';

	it('a list page: Results with TotalRecords, the same from JSON and XML', () => {
		const page = pcr.readResultsPage(res(json));
		expect(page).toEqual({ entries: json.Results, info: { total: 3 } });
		expect(pcr.readResultsPage(res(xml))).toEqual(page);
		expect(pcr.readResultsPage(res(JSON.stringify(json)))).toEqual(page);
	});

	it('teams with their members, built from the users', () => {
		expect(pcr.teamsFromUsers([...json.Results, { UserName: 'C', Teams: [{ Name: 'Sales', RecordId: 1 }, { Name: 'Ops', RecordId: 2 }] }])).toEqual([
			{ Name: 'Sales', RecordId: 1, Members: ['A', 'C'] },
			{ Name: 'Ops', RecordId: 2, Members: ['C'] },
		]);
	});

	it('an empty answer or one that is not a record is an error, not an empty list', () => {
		expect(thrown(() => pcr.readResultsPage(res(''))).message).toBe('PCRecruiter sent an empty response');
		expect(thrown(() => pcr.readRecord(res('[1,2]'))).message).toBe('PCRecruiter sent a response that is not a record');
		expect(thrown(() => pcr.readRecord(res('Sign in'))).message).toBe('The server sent a response that is neither JSON nor XML');
	});
});

describe('Recrubo readers', () => {
	const doc = {
		data: [{ type: 'users', id: 'u1', attributes: { firstName: 'Ann', email: 'ann@x.test' } }],
		meta: { total: 401, currentPage: 2, maxPage: 3 },
	};

	it('a list page: { id, ...attributes } or the raw resources; meta gives total, pages and whether it was the last', () => {
		expect(recrubo.readUsersPage(res(doc), true)).toEqual({
			entries: [{ id: 'u1', firstName: 'Ann', email: 'ann@x.test' }],
			info: { total: 401, pages: 3, done: false },
		});
		expect(recrubo.readUsersPage(res(doc), false).entries).toEqual(doc.data);
		expect(recrubo.pageInfoFromMeta({ currentPage: 3, maxPage: 3 })).toEqual({ total: undefined, pages: 3, done: true });
		expect(recrubo.pageInfoFromMeta(undefined)).toEqual({});
	});

	it('a PATCH answered with no content reads as no user; a GET without data is an error', () => {
		expect(recrubo.readUserOrNothing(res(''), true)).toBeUndefined();
		expect(thrown(() => recrubo.readUser(res({ meta: {} }), true)).message).toBe("Recrubo's response has no user (data)");
	});

	it("an error document under a 2xx status is the vendor's own error", () => {
		const error = thrown(() => recrubo.readUsersPage(res({ errors: [{ title: 'Invalid filter', detail: 'unknown field', code: 'E1' }] }), true));
		expect(error).toMatchObject({ message: 'Invalid filter', fromVendor: true });
		expect(error.description).toContain('Vendor error code: E1');
	});
});

describe('HighQ Publisher readers', () => {
	const json = { users: { user: [{ id: 3, email: 'a@x.test', customlinks: { link: { name: 'n', value: 'v' } }, location: { postcode: '1000' } }] } };
	const xml =
		'<?xml version="1.0"?><users><user><id>3</id><email>a@x.test</email>' +
		'<customlink><link><name>n</name><value>v</value></link></customlink><location><postCode>1000</postCode></location></user></users>';

	it('a list page from JSON and from XML gives the same users, with JSON names', () => {
		const page = highq.readUsersPage(res(json));
		expect(page).toEqual({ entries: json.users.user, info: {} });
		expect(highq.readUsersPage(res(xml))).toEqual(page);
	});

	it('the envelopes a list may come in', () => {
		expect(highq.usersOf([{ id: 1 }])).toEqual([{ id: 1 }]);
		expect(highq.usersOf({ users: [{ id: 1 }] })).toEqual([{ id: 1 }]);
		expect(highq.usersOf({ users: { user: { id: 1 } } })).toEqual([{ id: 1 }]);
		expect(highq.usersOf({ user: { id: 1 } })).toEqual([{ id: 1 }]);
		expect(highq.usersOf('text')).toEqual([]);
	});

	it('one user, unwrapped; an empty answer is no user for a write and an error for a get', () => {
		expect(highq.readUser(res({ user: { id: 3 } }))).toEqual({ id: 3 });
		expect(highq.readUser(res(''))).toBeUndefined();
		expect(thrown(() => highq.readRequiredUser(res(''))).message).toBe('HighQ sent an empty response where a user was expected');
		expect(thrown(() => highq.readUsersPage(res(''))).message).toBe('HighQ sent an empty response where a list of users was expected');
	});

	it('a lookup by email: the user; an answer without one is an error, never "no user"', () => {
		expect(highq.readLookup(res({ user: { id: 3, email: 'a@x.test' } }))).toEqual([{ id: 3, email: 'a@x.test' }]);
		expect(highq.readLookup(res({ users: [{ id: 3 }, { id: 4 }] }))).toHaveLength(2);
		expect(thrown(() => highq.readLookup(res({ user: {} }))).message).toBe('The HighQ user lookup was answered without a user or a list of users');
	});
});

describe('HCSS readers', () => {
	const u = { id: 'a', userName: 'ann' };

	it('the three list envelopes HCSS has been seen to send', () => {
		expect(hcss.listEntries({ page: 0, pageSize: 50, totalRecords: 7, totalPages: 1, items: [u] })).toEqual({ entries: [u], info: { total: 7 } });
		expect(hcss.listEntries({ currentPage: 0, totalPages: 1, pageSize: 50, totalCount: 9, results: [u] })).toEqual({ entries: [u], info: { total: 9 } });
		expect(hcss.listEntries([u])).toEqual({ entries: [u], info: {} });
		expect(hcss.listEntries(JSON.stringify([u]))).toEqual({ entries: [u], info: {} });
	});

	it('an empty or non-JSON answer to a list or a get is an error', () => {
		expect(thrown(() => hcss.readUsersPage(res(''))).message).toBe('HCSS sent an empty response');
		expect(thrown(() => hcss.readUsersPage(res('<html>'))).message).toBe('HCSS sent a response that is not a JSON list of users');
		expect(thrown(() => hcss.readUser(res('[1]'))).message).toBe('HCSS sent a response that is not a JSON user');
	});

	it('a lookup by user name: one user, every entry of a list, and an error for anything without an ID', () => {
		expect(hcss.readLookup(res(u))).toEqual([u]);
		expect(hcss.readLookup(res([u, { id: 'b' }]))).toHaveLength(2);
		expect(thrown(() => hcss.readLookup(res('Welcome'))).message).toBe('The HCSS user lookup was answered with something that is not JSON');
	});

	it('dropdown options by name, with the ID when a record has no name', () => {
		expect(hcss.readOptions(res([{ id: '2', name: 'Zeta' }, { id: '1', name: 'Alpha' }, { id: '3' }, { name: 'no id' }]))).toEqual([
			{ name: '3', value: '3' },
			{ name: 'Alpha', value: '1' },
			{ name: 'Zeta', value: '2' },
		]);
	});
});

describe('Forms On Fire readers', () => {
	const json = { Users: [{ Id: 'g1', Email: 'a@x.test', Password: 'pw', Status: 'Active' }], TotalRows: 1 };
	const xml =
		'<?xml version="1.0"?><UserSearchResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><TotalRows>1</TotalRows>' +
		'<Users><User><Email>a@x.test</Email><Id>g1</Id><Password>pw</Password><Status>Active</Status><WebsiteRole i:nil="true"/></User></Users></UserSearchResponse>';

	it('a search page from JSON and from XML gives the same users, without secret fields', () => {
		const page = fof.readUsersPage(res(json));
		expect(page).toEqual({ entries: [{ Id: 'g1', Email: 'a@x.test', Status: 'Active' }], info: { total: 1 } });
		expect(fof.readUsersPage(res(xml))).toEqual(page);
	});

	it('a ResponseStatus with an ErrorCode is the vendor error even under HTTP 200', () => {
		const error = thrown(() => fof.readUser(res({ ResponseStatus: { ErrorCode: 'Unauthorized', Message: 'Bad key', Errors: [{ FieldName: 'Email', Message: 'taken' }] } })));
		expect(error).toMatchObject({ message: 'Bad key', fromVendor: true });
		expect(error.description).toBe('Email: taken\nVendor error code: Unauthorized');
	});

	it('an answer without users or a user is an error', () => {
		expect(thrown(() => fof.readUsersPage(res({}))).message).toBe('The server answered without a list of users');
		expect(thrown(() => fof.readUser(res({}))).message).toBe('The server answered without a user');
	});

	it('null members are left out at any depth, and a user without any is not copied', () => {
		const clean = { Id: 'g1', Groups: [], Devices: [{ Name: 'Phone' }] };
		expect(fof.withoutNulls(clean)).toBe(clean);
		const user = { Id: 'g1', WebsiteRole: null, Devices: [{ Name: 'Phone', Token: null }, { Name: 'Tablet' }], Meta: { a: null, b: 1 } };
		expect(fof.withoutNulls(user)).toEqual({ Id: 'g1', Devices: [{ Name: 'Phone' }, { Name: 'Tablet' }], Meta: { b: 1 } });
		expect(user.WebsiteRole).toBeNull(); // the input is left as it was
		// the fields keep the server's order, before and after the first null member
		expect(Object.keys(fof.withoutNulls({ Id: 'g1', Email: 'a@x.test', Country: null, Status: 'Active', Groups: [null, 'g2'] }))).toEqual(['Id', 'Email', 'Status', 'Groups']);
		expect(fof.withoutNulls({ Groups: [null, 'g2'] })).toEqual({ Groups: [null, 'g2'] }); // a null in a list is a value, not a member
		expect(fof.readUser(res({ User: { Id: 'g1', Country: null } }))).toEqual({ Id: 'g1' });
	});

	it('groups for the dropdown, by name', () => {
		const page = fof.readGroupsPage(res({ UserGroups: [{ Id: '2', Name: 'Zeta' }, { Id: '1', Name: 'Alpha' }, { Name: 'no id' }], TotalRows: 3 }));
		expect(page.info).toEqual({ total: 3 });
		expect(fof.groupOptions(page.entries)).toEqual([
			{ name: 'Alpha', value: '1' },
			{ name: 'Zeta', value: '2' },
		]);
	});
});
