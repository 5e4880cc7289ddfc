/**
 * Each vendor's user list as nock serves it to a trigger: the vendor's wire format, its
 * paging, its auth (PCRecruiter's session login, HCSS's client-credentials token, HighQ's and
 * Recrubo's keys), over a directory the test changes between polls. Every list request is
 * recorded; `failRequest` makes one list request (1-based, counted from now) fail with the
 * vendor's own error body.
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

import { HcssOAuth2Api } from '../../credentials/HcssOAuth2Api.credentials';
import { HighQPublisherApi } from '../../credentials/HighQPublisherApi.credentials';
import { PcRecruiterApi } from '../../credentials/PcRecruiterApi.credentials';
import { RecruboApi } from '../../credentials/RecruboApi.credentials';
import { HcssTrigger } from '../../nodes/Hcss/HcssTrigger.node';
import { HighQPublisherTrigger } from '../../nodes/HighQPublisher/HighQPublisherTrigger.node';
import { PcRecruiterTrigger } from '../../nodes/PcRecruiter/PcRecruiterTrigger.node';
import { RecruboTrigger } from '../../nodes/Recrubo/RecruboTrigger.node';
import { directories, usersOf, type Directory } from './directories';
import { CredentialStore } from './engine';
import { PollHarness } from './poll';

export interface ListRequest {
	path: string;
	query: Record<string, string>;
	authorization?: string;
}

export class FakeDirectory {
	users: IDataObject[] = [];

	readonly requests: ListRequest[] = [];

	/** Logins (PCRecruiter) or token requests (HCSS) answered. */
	logins = 0;

	/** The list request (1-based, counted from when it is set) that fails with the vendor's error. */
	failRequest?: number;

	/** Takes the next list request; true when it is the one to fail. */
	record(uri: string, authorization: unknown): boolean {
		const url = new URL(uri, 'http://x');
		this.requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: authorization as string | undefined });
		if (this.failRequest === undefined) return false;
		this.failRequest--;
		if (this.failRequest > 0) return false;
		this.failRequest = undefined;
		return true;
	}
}

export interface VendorCase {
	name: string;
	trigger: () => INodeType;
	credentialTypes: ICredentialType[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Extra node parameters every poll needs (HighQ: authentication). */
	parameters: IDataObject;
	directory: Directory;
	/** A list page holds this many users. */
	pageSize: number;
	/** The same user, inactive by the vendor's own status (undefined: the vendor has none). */
	deactivate?: (user: IDataObject) => IDataObject;
	/** The same user with one field changed, and that field's name. */
	change: (user: IDataObject) => [IDataObject, string];
	/** The vendor's error message in the failing page's body, as the node must show it. */
	errorMessage: string;
	/** Mounts the vendor's API on nock for `directory`. */
	serve: (directory: FakeDirectory) => void;
}

const slice = (d: FakeDirectory, from: number, size: number) => d.users.slice(from, from + size);

export const VENDORS: VendorCase[] = [
	{
		name: 'PCRecruiter',
		trigger: () => new PcRecruiterTrigger(),
		credentialTypes: [new PcRecruiterApi()],
		credentials: {
			pcRecruiterApi: { baseUrl: 'https://pcr.test/rest/api', databaseId: 'DB1', username: 'API.USER', password: 'pw-Secret', apiKey: 'key-Secret', appId: 'APP', sessionId: '' },
		},
		parameters: {},
		directory: directories.pcRecruiter,
		pageSize: 500,
		deactivate: (u) => ({ ...u, ActiveUser: false }),
		change: (u) => [{ ...u, Phone: '+1 555 0100' }, 'Phone'],
		errorMessage: 'Database is busy',
		serve: (d) => {
			nock('https://pcr.test').persist().post('/rest/api/access-token').reply(() => {
				d.logins++;
				return [200, { SessionId: 'sess-1' }];
			});
			nock('https://pcr.test')
				.persist()
				.get('/rest/api/users')
				.query(true)
				.reply(function (uri) {
					if (d.record(uri, this.req.headers.authorization)) return [500, { Message: 'Database is busy' }];
					const q = new URL(uri, 'http://x').searchParams;
					const size = Number(q.get('ResultsPerPage'));
					return [200, { TotalRecords: d.users.length, Results: slice(d, (Number(q.get('Page')) - 1) * size, size) }];
				});
		},
	},
	{
		name: 'Recrubo',
		trigger: () => new RecruboTrigger(),
		credentialTypes: [new RecruboApi()],
		credentials: { recruboApi: { baseUrl: 'https://recrubo.test/public/v2', apiKey: 'key-Secret' } },
		parameters: {},
		directory: directories.recrubo,
		pageSize: 200,
		change: (u) => [{ ...u, timeZone: 'Asia/Tokyo' }, 'timeZone'],
		errorMessage: 'Service unavailable',
		serve: (d) => {
			nock('https://recrubo.test')
				.persist()
				.get('/public/v2/users')
				.query(true)
				.reply(function (uri) {
					if (d.record(uri, this.req.headers.authorization)) return [503, { errors: [{ status: '503', title: 'Service unavailable' }] }];
					const q = new URL(uri, 'http://x').searchParams;
					const size = Number(q.get('page[size]'));
					const page = Number(q.get('page[number]'));
					const data = slice(d, (page - 1) * size, size).map(({ id, ...attributes }) => ({ type: 'users', id, attributes }));
					const meta = { total: d.users.length, currentPage: page, maxPage: Math.max(1, Math.ceil(d.users.length / size)) };
					return [200, { data, meta }, { 'Content-Type': 'application/vnd.api+json' }];
				});
		},
	},
	{
		name: 'HighQ Publisher',
		trigger: () => new HighQPublisherTrigger(),
		credentialTypes: [new HighQPublisherApi()],
		credentials: { highQPublisherApi: { baseUrl: 'https://highq.test/acme', accessToken: 'token-Secret' } },
		parameters: { authentication: 'accessToken' },
		directory: directories.highQPublisher,
		pageSize: 200,
		deactivate: (u) => ({ ...u, status: 'archive' }),
		change: (u) => [{ ...u, department: 'Finance' }, 'department'],
		errorMessage: 'Internal error',
		serve: (d) => {
			nock('https://highq.test')
				.persist()
				.get('/acme/api/2/users')
				.query(true)
				.reply(function (uri) {
					if (d.record(uri, this.req.headers.authorization)) {
						return [500, '<error><summary>Internal error</summary><ref>100</ref></error>', { 'Content-Type': 'application/xml' }];
					}
					const q = new URL(uri, 'http://x').searchParams;
					const page = slice(d, Number(q.get('offset')), Number(q.get('limit')));
					// as HighQ documents its list: a user summary object unless `fields` asks for more
					const summary = (u: IDataObject) => ({ id: u.id, email: u.email, link: `https://highq.test/acme/api/2/users/${String(u.id)}` });
					return [200, { users: { user: q.get('fields') === 'all' ? page : page.map(summary) } }];
				});
		},
	},
	{
		name: 'HCSS',
		trigger: () => new HcssTrigger(),
		credentialTypes: [new HcssOAuth2Api()],
		credentials: {
			hcssOAuth2Api: {
				baseUrl: 'https://hcss.test/users',
				accessTokenUrl: 'https://identity.test/identity/connect/token',
				clientId: 'client-1',
				clientSecret: 'cs-Secret',
				scope: 'users:read',
			},
		},
		parameters: {},
		directory: directories.hcss,
		pageSize: 1000,
		change: (u) => [{ ...u, phoneNumber: '+15550100' }, 'phoneNumber'],
		errorMessage: 'Upstream timeout',
		serve: (d) => {
			nock('https://identity.test').persist().post('/identity/connect/token').reply(() => {
				d.logins++;
				return [200, { access_token: 'tok-1', token_type: 'Bearer', expires_in: 3600 }];
			});
			nock('https://hcss.test')
				.persist()
				.get('/users/api/v1/Users')
				.query(true)
				.reply(function (uri) {
					if (d.record(uri, this.req.headers.authorization)) return [500, { title: 'Upstream timeout', status: 500 }];
					const q = new URL(uri, 'http://x').searchParams;
					const size = Number(q.get('pageSize'));
					const page = Number(q.get('page'));
					const items = slice(d, page * size, size);
					return [200, { page, pageSize: size, totalRecords: d.users.length, totalPages: Math.ceil(d.users.length / size), items }];
				});
		},
	},
];

/** The vendor's API on nock over `count` of its users, and its trigger ready to poll with `parameters`. */
export function pollVendor(vendor: VendorCase, count: number, parameters: IDataObject = {}) {
	const directory = new FakeDirectory();
	directory.users = usersOf(vendor.directory, count);
	vendor.serve(directory);
	const harness = new PollHarness({
		node: vendor.trigger(),
		credentialTypes: vendor.credentialTypes,
		credentials: new CredentialStore(vendor.credentials),
		parameters: { events: ['created', 'updated', 'removed'], ...vendor.parameters, ...parameters },
	});
	return { directory, harness };
}
