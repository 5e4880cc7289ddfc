/**
 * PCRecruiter Trigger against a PCRecruiter that answers pages smaller than asked: the listing
 * must still be the whole directory, or the trigger must fail, never take a part of it for
 * the whole (issue 24: a deleted user was never reported, while a deactivated one was).
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { clearSessions } from '../../nodes/shared/session';
import { FakeDirectory, VENDORS, type VendorCase } from '../helpers/directoryServers';
import { usersOf } from '../helpers/directories';
import { CredentialStore } from '../helpers/engine';
import { PollHarness } from '../helpers/poll';

const PCR = VENDORS.find((v) => v.name === 'PCRecruiter') as VendorCase;

beforeEach(() => {
	clearSessions();
	nock.cleanAll();
	nock.disableNetConnect();
});
afterAll(() => nock.enableNetConnect());

interface Server {
	/** The most users a page holds, whatever ResultsPerPage asks for. */
	cap: number;
	/** Where page N starts: at (N-1) x the size asked for, or x the size the server answers with. */
	offsetBy: 'asked' | 'answered';
	/** TotalRecords as the server reports it (the real count by default). */
	total?: (d: FakeDirectory) => number;
}

/** PCRecruiter's /users on nock: session login, Page/ResultsPerPage paging as `server` says, TotalRecords. */
function serve(d: FakeDirectory, server: Server) {
	nock('https://pcr.test').persist().post('/rest/api/access-token').reply(200, { SessionId: 'sess-1' });
	nock('https://pcr.test')
		.persist()
		.get('/rest/api/users')
		.query(true)
		.reply(function (uri) {
			d.record(uri, this.req.headers.authorization);
			const q = new URL(uri, 'http://x').searchParams;
			const asked = Number(q.get('ResultsPerPage'));
			const size = Math.min(asked, server.cap);
			const from = (Number(q.get('Page')) - 1) * (server.offsetBy === 'asked' ? asked : size);
			return [200, { TotalRecords: server.total ? server.total(d) : d.users.length, Results: d.users.slice(from, from + size) }];
		});
}

function harness(d: FakeDirectory, server: Server) {
	serve(d, server);
	return new PollHarness({
		node: PCR.trigger(),
		credentialTypes: PCR.credentialTypes,
		credentials: new CredentialStore(PCR.credentials),
		parameters: { events: ['created', 'updated', 'removed'] },
	});
}

const events = (items: INodeExecutionData[]) => items.map((i) => [i.json.event, i.json.UserName, i.json.reason]);
const pages = (d: FakeDirectory) => d.requests.map((r) => `${r.query.Page}/${r.query.ResultsPerPage}`);

describe('PCRecruiter Trigger: a server whose pages are smaller than asked', () => {
	it.each(['asked', 'answered'] as const)(
		'pages of 100 (offset by the size %s): a deleted and a deactivated user are both reported, deleted from past the first page too',
		async (offsetBy) => {
			const d = new FakeDirectory();
			d.users = usersOf(PCR.directory, 250);
			const h = harness(d, { cap: 100, offsetBy });
			const baseline = await h.poll();
			expect(baseline.error).toBeUndefined();
			expect(((h.nodeData().snapshot as IDataObject).users as string[]).length).toBe(250);
			// the first page is asked at the largest size; then at the size the server answered with
			expect(pages(d)).toEqual(['1/500', '2/100', '3/100']);

			const [deleted, deactivated] = [d.users[150], d.users[7]];
			d.users = d.users.filter((u) => u !== deleted).map((u) => (u === deactivated ? { ...u, ActiveUser: false } : u));
			const poll = await h.poll();
			expect(poll.error).toBeUndefined();
			expect(events(poll.items)).toEqual([
				['removed', deactivated.UserName, 'deactivated'],
				['removed', deleted.UserName, 'deleted'],
			]);
			expect(poll.items[1].json).toEqual({ event: 'removed', UserName: deleted.UserName, EmailAddress: deleted.EmailAddress, FullName: deleted.FullName, reason: 'deleted' });
		},
	);

	it('a listing that ends before TotalRecords fails the poll with both counts and keeps the snapshot', async () => {
		const d = new FakeDirectory();
		d.users = usersOf(PCR.directory, 120);
		const server: Server = { cap: 500, offsetBy: 'asked' };
		const h = harness(d, server);
		await h.poll();
		const before = h.stored();
		server.total = (dir) => dir.users.length + 30;
		d.users = d.users.slice(1);
		const poll = await h.poll();
		expect(poll.error?.constructor.name).toBe('NodeApiError');
		expect(poll.error?.message).toBe('PCRecruiter listed 119 users but reported 149: the list was not read completely');
		expect(poll).toMatchObject({ items: [], wrote: false });
		expect(h.stored()).toEqual(before);
	});
});
