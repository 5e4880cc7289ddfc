/**
 * A whole-input operation reads `={{ $json.field }}` parameters from the item itself instead
 * of through n8n's expression sandbox (nodes/shared/itemContext.ts). The bodies it sends must
 * be the ones n8n's own evaluation gives: the same parameters and items through Create (a
 * declarative operation, every expression evaluated by n8n) and through Create or Update
 * (the custom operation) must POST the same bodies, whatever the reference looks like.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { RecruboApi } from '../../credentials/RecruboApi.credentials';
import { plainReference } from '../../nodes/shared/itemContext';
import { Recrubo } from '../../nodes/Recrubo/Recrubo.node';
import { CredentialStore, runNode } from '../helpers/engine';

const BASE = 'https://recrubo.test';
const JSON_API = { 'Content-Type': 'application/vnd.api+json' };

beforeEach(() => {
	nock.cleanAll();
	nock.disableNetConnect();
});
afterAll(() => nock.enableNetConnect());

/** A Recrubo that has no users and records every POST body. */
function emptyRecrubo(bodies: IDataObject[]) {
	nock(BASE)
		.persist()
		.get(/^\/public\/v2\/users(\?.*)?$/)
		.reply(200, { data: [], meta: { total: 0, currentPage: 1, maxPage: 1 } }, JSON_API)
		.post('/public/v2/users', (body: IDataObject) => (bodies.push(body), true))
		.reply(
			201,
			(_uri, body) => {
				const sent = (typeof body === 'string' ? JSON.parse(body) : body) as IDataObject;
				return { data: { id: `id-${bodies.length}`, type: 'users', attributes: (sent.data as IDataObject).attributes } };
			},
			JSON_API,
		);
}

const INPUT: IDataObject[] = [
	{ person: { first: 'Ann' }, 'last name': 'Lee', mail: 'ann@example.com', ids: ['E-1', 'E-2'], tz: 'Europe/Amsterdam', no: 7 },
	{ person: { first: 'Bo' }, 'last name': 'Ray', mail: 'bo@example.com', ids: ['E-3'], no: 0 },
	// a missing field and a nested miss go to n8n, which gives what it gives
	{ person: {}, 'last name': 'Kay', mail: 'kay@example.com', ids: [] },
];

const PARAMS = {
	resource: 'user',
	firstName: '={{ $json.person.first }}',
	lastName: "={{ $json['last name'] }}",
	additionalFields: {
		email: '={{$json.mail}}',
		externalId: '={{ $json.ids[0] }}',
		timeZone: '={{ $json["tz"] }}',
		phone: '={{ $json.no }}',
	},
};

async function bodiesOf(operation: string): Promise<{ bodies: IDataObject[]; errors: unknown[] }> {
	const bodies: IDataObject[] = [];
	emptyRecrubo(bodies);
	const result = await runNode({
		node: new Recrubo(),
		credentialTypes: [new RecruboApi()],
		parameters: { ...PARAMS, operation, ...(operation === 'upsert' ? { lookUpUsers: 'fetchAll' } : {}) } as never,
		credentials: new CredentialStore({ recruboApi: { baseUrl: `${BASE}/public/v2`, apiKey: 'rk-Secret' } }),
		input: INPUT,
		continueOnFail: true,
	});
	nock.cleanAll();
	return { bodies, errors: result.items.map((i) => (i as { error?: { message?: string } }).error?.message) };
}

it('Create or Update sends the bodies n8n evaluates for Create, for every shape of reference', async () => {
	const create = await bodiesOf('create');
	const upsert = await bodiesOf('upsert');
	expect(create.bodies.length).toBeGreaterThanOrEqual(2);
	expect(upsert.bodies).toEqual(create.bodies);
	expect(upsert.errors).toEqual(create.errors);
	expect((create.bodies[0].data as IDataObject).attributes).toMatchObject({ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', externalId: 'E-1', timeZone: 'Europe/Amsterdam', phone: '7' });
});

it('only a lone reference to a field of the item is read directly', () => {
	expect(plainReference('={{ $json.email }}')).toEqual(['email']);
	expect(plainReference('={{$json.a.b}}')).toEqual(['a', 'b']);
	expect(plainReference(`={{ $json["first name"]['x'][0] }}`)).toEqual(['first name', 'x', '0']);
	for (const other of ['={{ $json.email.toLowerCase() }}', '=Hi {{ $json.name }}', '={{ $json.a }}{{ $json.b }}', '={{ $("Node").item.json.a }}', '={{ $json }}', '={{ $json.a + 1 }}', '$json.a']) {
		expect(plainReference(other)).toBeUndefined();
	}
});
