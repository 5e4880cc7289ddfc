import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { HcssOAuth2Api } from '../../../credentials/HcssOAuth2Api.credentials';
import { Hcss } from '../../../nodes/Hcss/Hcss.node';
import { CredentialStore } from '../../helpers/engine';
import { FakeApi, runWith, uuid, type VendorSpec } from '../fakes';

const ROLE = '1531c1fc-3b2b-453a-bb88-595af8b2ecdb';
const BUSINESS_UNIT = 'b86659fa-d8f1-4909-80b7-59950d3fdd46';

const hcssParams = {
	resource: 'user',
	operation: 'upsert',
	userName: '={{ $json.userName }}',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	contactMethod: 'Email',
	userRole: ROLE,
	homeBusinessUnit: BUSINESS_UNIT,
	additionalFields: { email: '={{ $json.email }}' },
};

export const HCSS: VendorSpec = {
	label: 'HCSS',
	otherCaseAction: 'updated',
	canList: true,
	user: (n) => ({ id: uuid('0000000c', n), userName: `user${n}@example.com`, firstName: `First${n}`, lastName: `Last${n}`, email: `user${n}@example.com`, contactMethod: 'Email', userRole: ROLE, homeBusinessUnit: BUSINESS_UNIT }),
	item: (u, changed) => ({ userName: u.userName, first: u.firstName, last: changed ? `${String(u.lastName)} Changed` : u.lastName, email: u.email }),
	otherCase: (item) => ({ ...item, userName: String(item.userName).toUpperCase() }),
	params: hcssParams,
	serve(db, delayMs = 0) {
		const fake = new FakeApi('https://hcss.test', db, delayMs);
		const byId = (path: string) => db.find((u) => u.id === path.split('/').pop());
		nock(fake.origin)
			.persist()
			.get(/^\/users\/api\/v1\/Users(\?.*)?$/)
			.reply(
				fake.answer((r) => {
					const size = Number(r.query.get('pageSize') ?? 50);
					const page = Number(r.query.get('page') ?? 0);
					return [200, { page, pageSize: size, totalRecords: db.length, totalPages: Math.ceil(db.length / size), items: db.slice(page * size, (page + 1) * size) }];
				}),
			)
			.get(/^\/users\/api\/v1\/Users\/userName\/.+$/)
			.reply(
				fake.answer((r) => {
					const name = r.path.split('/').pop()!.toLowerCase();
					const user = db.find((u) => String(u.userName).toLowerCase() === name);
					return user ? [200, user] : [404, ''];
				}),
			)
			.get(/^\/users\/api\/v1\/Users\/[^/]+$/)
			.reply(fake.answer((r) => (byId(r.path) ? [200, byId(r.path)] : [404, ''])))
			.post('/users/api/v1/Users')
			.reply(
				fake.answer((r) => {
					const created = { id: uuid('0000000d', db.length), ...(r.body as IDataObject) };
					db.push(created);
					return [201, created];
				}),
			)
			.patch(/^\/users\/api\/v1\/Users\/[^/]+$/)
			.reply(
				fake.answer((r) => {
					const user = byId(r.path);
					if (!user) return [404, ''];
					Object.assign(user, r.body as IDataObject);
					return [204, ''];
				}),
			)
			.delete(/^\/users\/api\/v1\/Users\/[^/]+$/)
			.reply(
				fake.answer((r) => {
					const user = byId(r.path);
					if (!user) return [404, ''];
					db.splice(db.indexOf(user), 1);
					return [204, ''];
				}),
			);
		return fake;
	},
	run: runWith(
		new Hcss(),
		[new HcssOAuth2Api()],
		() =>
			new CredentialStore({
				hcssOAuth2Api: {
					baseUrl: 'https://hcss.test/users',
					accessTokenUrl: 'https://hcss.test/identity/connect/token',
					clientId: 'client-1',
					clientSecret: 'cs-Secret',
					scope: 'users:read users:write',
					oauthTokenData: { access_token: 'tok-Secret', token_type: 'Bearer' },
				},
			}),
		hcssParams,
	),
	pages: (n) => Math.max(1, Math.ceil(n / 1000)),
	// PATCH answers 204: the user is read back
	writeCost: { perItem: 2, fetchAll: 2 },
};
