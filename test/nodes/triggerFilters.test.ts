/**
 * What each trigger sends to its vendor: auth, the filters that make it watch part of a
 * directory, and parameter errors refused before any request.
 */
import nock from 'nock';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { HighQPublisherOAuth2Api } from '../../credentials/HighQPublisherOAuth2Api.credentials';
import { baseline } from '../../nodes/shared/changes';
import { clearSessions } from '../../nodes/shared/session';
import { FakeDirectory, pollVendor, VENDORS, type VendorCase } from '../helpers/directoryServers';
import { usersOf } from '../helpers/directories';
import { CredentialStore } from '../helpers/engine';
import { PollHarness } from '../helpers/poll';

const vendor = (name: string) => VENDORS.find((v) => v.name === name) as VendorCase;

function filterNames(v: VendorCase): string[] {
	const filters = v.trigger().description.properties.find((p) => p.name === 'filters');
	return ((filters?.options ?? []) as INodeProperties[]).map((o) => o.name);
}

beforeEach(() => {
	clearSessions();
	nock.cleanAll();
	nock.disableNetConnect();
});
afterAll(() => nock.enableNetConnect());

describe('trigger requests and filters', () => {
	it('every trigger offers events created, updated and removed, all chosen by default, and the shared options', () => {
		for (const v of VENDORS) {
			const { properties, polling, inputs } = v.trigger().description;
			expect(polling).toBe(true);
			expect(inputs).toEqual([]);
			const events = properties.find((p) => p.name === 'events');
			expect(events?.default).toEqual(['created', 'updated', 'removed']);
			const options = (properties.find((p) => p.name === 'options')?.options ?? []) as INodeProperties[];
			expect(options.map((o) => o.name)).toEqual(expect.arrayContaining(['emitExistingUsers', 'ignoreFields', 'maxRemovals']));
		}
	});

	it('PCRecruiter: logs in once, sends BEARER <session>, pages by 500; Include Teams asks for Fields=Teams', async () => {
		const { directory, harness } = pollVendor(vendor('PCRecruiter'), 30, { options: { includeTeams: true } });
		expect((await harness.poll()).error).toBeUndefined();
		await harness.poll();
		expect(directory.requests.map((r) => [r.query, r.authorization])).toEqual([
			[{ Fields: 'Teams', Page: '1', ResultsPerPage: '500' }, 'BEARER sess-1'],
			[{ Fields: 'Teams', Page: '1', ResultsPerPage: '500' }, 'BEARER sess-1'],
		]);
		expect(directory.logins).toBe(1);
		expect(filterNames(vendor('PCRecruiter'))).toEqual([]);
	});

	it('Recrubo: the key as sent by the credential; Email Ends With is filter[email][suffix]', async () => {
		const { directory, harness } = pollVendor(vendor('Recrubo'), 30, { filters: { emailEndsWith: ' @northwind-legal.com ' } });
		expect((await harness.poll()).error).toBeUndefined();
		expect(directory.requests).toEqual([
			{
				path: '/public/v2/users',
				query: { 'filter[email][suffix]': '@northwind-legal.com', 'page[number]': '1', 'page[size]': '200' },
				authorization: 'key-Secret',
			},
		]);
	});

	it('HighQ Publisher: Get Many’s organisation, group, department, location and status filters go to the query; no date windows', async () => {
		const v = vendor('HighQ Publisher');
		expect(filterNames(v).sort()).toEqual(['departments', 'locations', 'organisationGroups', 'organisations', 'status', 'userGroups']);
		const { directory, harness } = pollVendor(v, 30, { filters: { organisations: '76, 77', departments: 'Litigation', status: 'active' } });
		expect((await harness.poll()).error).toBeUndefined();
		expect(directory.requests[0].query).toEqual({ organisations: '76,77', departments: 'Litigation', status: 'active', fields: 'all', offset: '0', limit: '200' });
		expect(directory.requests[0].authorization).toBe('Bearer token-Secret');
	});

	it('HighQ Publisher: whole users (fields=all), so a status or name change is seen; a snapshot of summaries is a new baseline, not 30 updates', async () => {
		const v = vendor('HighQ Publisher');
		// the snapshot an earlier version kept: HighQ's list without `fields` gives summaries
		const users = usersOf(v.directory, 30);
		const summaries = users.map((u) => ({ id: u.id, email: u.email, link: `https://highq.test/acme/api/2/users/${String(u.id)}` }));
		const old = baseline(v.directory.shape, '{}', summaries).snapshot;
		const directory = new FakeDirectory();
		directory.users = users;
		v.serve(directory);
		const harness = new PollHarness({
			node: v.trigger(),
			credentialTypes: v.credentialTypes,
			credentials: new CredentialStore(v.credentials),
			parameters: { events: ['created', 'updated', 'removed'], ...v.parameters },
			staticData: { 'node:HighQ Publisher Trigger': { snapshot: old } },
		});
		const upgrade = await harness.poll();
		expect(upgrade).toMatchObject({ items: [], empty: true, wrote: true });
		expect(directory.requests[0].query).toEqual({ fields: 'all', offset: '0', limit: '200' });

		directory.users = users.map((u, i) =>
			i === 4 ? { ...u, status: 'suspended' } : i === 6 ? { ...u, name: { ...(u.name as IDataObject), lastname: 'Moved' } } : u,
		);
		const poll = await harness.poll();
		expect(poll.items.map((i) => [i.json.event, i.json.id, i.json.changedFields ?? i.json.reason])).toEqual([
			['updated', users[6].id, ['name']],
			['removed', users[4].id, 'deactivated'],
		]);
	});

	it('HighQ Publisher: Authentication OAuth2 uses the OAuth2 credential', async () => {
		const v = vendor('HighQ Publisher');
		const directory = new FakeDirectory();
		directory.users = usersOf(v.directory, 5);
		v.serve(directory);
		const harness = new PollHarness({
			node: v.trigger(),
			credentialTypes: [new HighQPublisherOAuth2Api()],
			credentials: new CredentialStore({
				highQPublisherOAuth2Api: {
					baseUrl: 'https://highq.test/acme',
					clientId: 'c',
					clientSecret: 's',
					authUrl: 'https://highq.test/acme/authorise.action',
					accessTokenUrl: 'https://highq.test/acme/api/oauth2/token',
					oauthTokenData: { access_token: 'oauth-token', token_type: 'Bearer' },
				},
			}),
			parameters: { authentication: 'oAuth2', events: ['created'] },
		});
		expect((await harness.poll()).error).toBeUndefined();
		expect(directory.requests[0].authorization).toBe('Bearer oauth-token');
	});

	it('HCSS: one token, Bearer on each page; Business Unit is businessUnitId; a value that is no GUID is refused before any request', async () => {
		const v = vendor('HCSS');
		const unit = 'b86659fa-d8f1-4909-80b7-59950d3fdd46';
		const { directory, harness } = pollVendor(v, 30, { filters: { businessUnitId: unit } });
		expect((await harness.poll()).error).toBeUndefined();
		await harness.poll();
		expect(directory.requests.map((r) => [r.query, r.authorization])).toEqual([
			[{ businessUnitId: unit, page: '0', pageSize: '1000' }, 'Bearer tok-1'],
			[{ businessUnitId: unit, page: '0', pageSize: '1000' }, 'Bearer tok-1'],
		]);
		expect(directory.logins).toBe(1);
		nock.cleanAll();
		const bad = pollVendor(v, 30, { filters: { businessUnitId: 'north' } });
		const poll = await bad.harness.poll();
		expect(poll.error?.message).toBe('Business Unit: not a valid GUID');
		expect(poll.error?.description).toContain('filters.businessUnitId');
		expect(bad.directory.requests).toEqual([]);
	});

	it('a changed filter starts a new baseline: the users of the other unit are not reported as joiners and leavers', async () => {
		const v = vendor('HCSS');
		const { directory, harness } = pollVendor(v, 30, { filters: { businessUnitId: 'b86659fa-d8f1-4909-80b7-59950d3fdd46' } });
		await harness.poll();
		directory.users = usersOf(v.directory, 30, 500);
		harness.restart({ events: ['created', 'updated', 'removed'], filters: { businessUnitId: 'c97760ab-e902-4a1a-91c8-6aa61e4eee57' } });
		const poll = await harness.poll();
		expect(poll.error).toBeUndefined();
		expect(poll).toMatchObject({ items: [], empty: true, wrote: true });
	});
});
