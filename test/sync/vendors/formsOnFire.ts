import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { FormsOnFireApi } from '../../../credentials/FormsOnFireApi.credentials';
import { FormsOnFire } from '../../../nodes/FormsOnFire/FormsOnFire.node';
import { CredentialStore } from '../../helpers/engine';
import { FakeApi, runWith, uuid, type VendorSpec } from '../fakes';

const fofParams = {
	resource: 'user',
	operation: 'upsert',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	email: '={{ $json.email }}',
};

export const FORMS_ON_FIRE: VendorSpec = {
	label: 'Forms On Fire',
	otherCaseAction: 'unchanged',
	canList: false,
	user: (n) => ({ Id: uuid('0000000e', n), FirstName: `First${n}`, LastName: `Last${n}`, Email: `user${n}@example.com`, Status: 'Active' }),
	// no update: a changed person is a new one (another email)
	item: (u, changed) => ({ first: u.FirstName, last: u.LastName, email: changed ? `new.${String(u.Email)}` : u.Email }),
	otherCase: (item) => ({ ...item, email: String(item.email).toUpperCase() }),
	params: fofParams,
	serve(db, delayMs = 0) {
		const fake = new FakeApi('https://fof.test', db, delayMs);
		nock(fake.origin)
			.persist()
			.get('/api/v2/user/search')
			.query(true)
			.reply(
				fake.answer((r) => {
					const email = (r.query.get('Email') ?? '').toLowerCase();
					const users = db.filter((u) => String(u.Email).toLowerCase().includes(email));
					const size = Number(r.query.get('PageSize') ?? 25);
					const page = Number(r.query.get('PageNo') ?? 0);
					return [200, { Users: users.slice(page * size, (page + 1) * size), TotalRows: users.length, ResponseStatus: {} }];
				}),
			)
			.post('/api/v2/user')
			.query(true)
			.reply(
				fake.answer((r) => {
					const { CompanyId: _c, IntegrationKey: _k, ...fields } = r.body as IDataObject;
					const user = { ...fields, Id: uuid('0000000f', db.length), Status: 'Invited' };
					db.push(user);
					return [200, { User: user, ResponseStatus: {} }];
				}),
			);
		return fake;
	},
	run: runWith(new FormsOnFire(), [new FormsOnFireApi()], () => new CredentialStore({ formsOnFireApi: { baseUrl: 'custom', customBaseUrl: 'https://fof.test/api/v2', companyId: '12345', integrationKey: 'IK-Secret' } }), fofParams),
	pages: () => NaN,
	writeCost: { perItem: 1, fetchAll: 1 },
};
