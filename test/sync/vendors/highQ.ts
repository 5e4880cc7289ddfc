import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { HighQPublisherApi } from '../../../credentials/HighQPublisherApi.credentials';
import { HighQPublisher } from '../../../nodes/HighQPublisher/HighQPublisher.node';
import { CredentialStore } from '../../helpers/engine';
import { FakeApi, runWith, type Answer, type Seen, type VendorSpec } from '../fakes';

const highqParams = {
	authentication: 'accessToken',
	resource: 'user',
	operation: 'upsert',
	email: '={{ $json.email }}',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
};
const NOT_FOUND = '<error><summary>The requested user does not exist</summary><ref>108</ref></error>';

export const HIGHQ: VendorSpec = {
	label: 'HighQ Publisher',
	otherCaseAction: 'unchanged',
	canList: true,
	user: (n) => ({ id: n + 1, email: `user${n}@example.com`, name: { firstname: `First${n}`, lastname: `Last${n}` }, status: 'active', bio: `Bio ${n}` }),
	item: (u, changed) => {
		const name = u.name as IDataObject;
		return { first: name.firstname, last: changed ? `${String(name.lastname)} Changed` : name.lastname, email: u.email };
	},
	otherCase: (item) => ({ ...item, email: String(item.email).toUpperCase() }),
	params: highqParams,
	serve(db, delayMs = 0) {
		const fake = new FakeApi('https://highq.test', db, delayMs);
		const find = (ident: string) => (/^\d+$/.test(ident) ? db.find((u) => String(u.id) === ident) : db.find((u) => String(u.email).toLowerCase() === ident.toLowerCase()));
		const userOrNot = (r: Seen): Answer => {
			const user = find(r.path.split('/').pop()!);
			return user ? [200, { user }] : [404, NOT_FOUND, { 'Content-Type': 'application/xml' }];
		};
		nock(fake.origin)
			.persist()
			.get(/^\/acme\/api\/2\/users(\?.*)?$/)
			.reply(
				fake.answer((r) => {
					const offset = Number(r.query.get('offset') ?? 0);
					const limit = Number(r.query.get('limit') ?? 200);
					return [200, { users: { user: db.slice(offset, offset + limit) } }];
				}),
			)
			.get(/^\/acme\/api\/2\/users\/[^/?]+$/)
			.reply(fake.answer(userOrNot))
			.post('/acme/api/2/users')
			.reply(
				fake.answer((r) => {
					const created: IDataObject = { ...((r.body as IDataObject).user as IDataObject), id: 5000 + db.length, status: 'active' };
					db.push(created);
					return [201, { user: { id: created.id, email: created.email } }];
				}),
			)
			.put(/^\/acme\/api\/2\/users\/\d+$/)
			.reply(
				fake.answer((r) => {
					const user = find(r.path.split('/').pop()!);
					if (!user) return [404, NOT_FOUND, { 'Content-Type': 'application/xml' }];
					const sent = (r.body as IDataObject).user as IDataObject;
					for (const key of Object.keys(user)) if (key !== 'id') delete user[key];
					Object.assign(user, sent);
					return [200, { user: { id: user.id, email: user.email } }];
				}),
			)
			.post(/^\/acme\/api\/2\/users\/\d+\/archive$/)
			.reply(
				fake.answer((r) => {
					const user = find(r.path.split('/')[5]);
					if (!user) return [404, NOT_FOUND, { 'Content-Type': 'application/xml' }];
					user.status = 'archive';
					return [200, ''];
				}),
			);
		return fake;
	},
	run: runWith(new HighQPublisher(), [new HighQPublisherApi()], () => new CredentialStore({ highQPublisherApi: { baseUrl: 'https://highq.test/acme', accessToken: 'hq-Secret' } }), highqParams),
	// offset/limit 200 and no total: a full last page needs one more (empty) page to end
	pages: (n) => Math.floor(n / 200) + 1,
	// the PUT replaces the whole user: from the list, the user is read whole first
	writeCost: { perItem: 1, fetchAll: 2 },
};
