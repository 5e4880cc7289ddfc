import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { RecruboApi } from '../../../credentials/RecruboApi.credentials';
import { Recrubo } from '../../../nodes/Recrubo/Recrubo.node';
import { CredentialStore } from '../../helpers/engine';
import { FakeApi, runWith, uuid, type VendorSpec } from '../fakes';

const JSON_API = { 'Content-Type': 'application/vnd.api+json' };

const recruboParams = {
	resource: 'user',
	operation: 'upsert',
	matchOn: 'email',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	additionalFields: { email: '={{ $json.email }}' },
};

export const RECRUBO: VendorSpec = {
	label: 'Recrubo',
	otherCaseAction: 'unchanged',
	canList: true,
	user: (n) => ({ id: uuid('0000000a', n), type: 'users', attributes: { firstName: `First${n}`, lastName: `Last${n}`, email: `user${n}@example.com`, externalId: null } }),
	item: (u, changed) => {
		const a = u.attributes as IDataObject;
		return { first: a.firstName, last: changed ? `${String(a.lastName)} Changed` : a.lastName, email: a.email };
	},
	otherCase: (item) => ({ ...item, email: String(item.email).toUpperCase() }),
	params: recruboParams,
	serve(db, delayMs = 0) {
		const fake = new FakeApi('https://recrubo.test', db, delayMs);
		const find = (id: string) => db.find((u) => u.id === id);
		nock(fake.origin)
			.persist()
			.get(/^\/public\/v2\/users(\?.*)?$/)
			.reply(
				fake.answer((r) => {
					const email = r.query.get('filter[email][eql]');
					const matched = db.filter((u) => email === null || String((u.attributes as IDataObject).email).toLowerCase() === email.toLowerCase());
					const size = Number(r.query.get('page[size]') ?? 25);
					const page = Number(r.query.get('page[number]') ?? 1);
					const maxPage = Math.max(1, Math.ceil(matched.length / size));
					return [200, { data: matched.slice((page - 1) * size, page * size), meta: { total: matched.length, currentPage: page, maxPage } }, JSON_API];
				}),
			)
			.post('/public/v2/users')
			.reply(
				fake.answer((r) => {
					const created = { id: uuid('0000000b', db.length), type: 'users', attributes: { externalId: null, ...((r.body as IDataObject).data as IDataObject).attributes as IDataObject } };
					db.push(created);
					return [201, { data: created }, JSON_API];
				}),
			)
			.patch(/^\/public\/v2\/users\/[^/]+$/)
			.reply(
				fake.answer((r) => {
					const user = find(r.path.split('/').pop()!);
					if (!user) return [404, { errors: [{ title: 'Record not found' }] }, JSON_API];
					Object.assign(user.attributes as IDataObject, ((r.body as IDataObject).data as IDataObject).attributes);
					return [204, undefined];
				}),
			)
			.delete(/^\/public\/v2\/users\/[^/?]+$/)
			.reply(
				fake.answer((r) => {
					const user = find(r.path.split('/').pop()!);
					if (!user) return [404, { errors: [{ title: 'Record not found' }] }, JSON_API];
					db.splice(db.indexOf(user), 1);
					return [204, undefined];
				}),
			)
			.get(/^\/public\/v2\/users\/[^/?]+$/)
			.reply(
				fake.answer((r) => {
					const user = find(r.path.split('/').pop()!);
					return user ? [200, { data: user }, JSON_API] : [404, { errors: [{ title: 'Record not found' }] }, JSON_API];
				}),
			);
		return fake;
	},
	run: runWith(new Recrubo(), [new RecruboApi()], () => new CredentialStore({ recruboApi: { baseUrl: 'https://recrubo.test/public/v2', apiKey: 'rk-Secret' } }), recruboParams),
	pages: (n) => Math.max(1, Math.ceil(n / 200)),
	// PATCH answers 204: the user is read back
	writeCost: { perItem: 2, fetchAll: 2 },
};
