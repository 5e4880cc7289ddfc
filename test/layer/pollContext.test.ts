/**
 * The vendor API layer outside RoutingNode: each vendor whose API can list every user is
 * read whole through n8n-core's own PollContext (what a polling trigger's `poll()` gets),
 * against the stand-in over real HTTP, with the credential's real login or token. The users
 * must be exactly what the declarative node's Get Many (Return All) gives, and the requests
 * the vendor's paging.
 */
import { PollContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { HcssOAuth2Api } from '../../credentials/HcssOAuth2Api.credentials';
import { HighQPublisherApi } from '../../credentials/HighQPublisherApi.credentials';
import { PcRecruiterApi } from '../../credentials/PcRecruiterApi.credentials';
import { RecruboApi } from '../../credentials/RecruboApi.credentials';
import * as hcssApi from '../../nodes/Hcss/api';
import { Hcss } from '../../nodes/Hcss/Hcss.node';
import * as highQApi from '../../nodes/HighQPublisher/api';
import { HighQPublisher } from '../../nodes/HighQPublisher/HighQPublisher.node';
import * as pcrApi from '../../nodes/PcRecruiter/api';
import { PcRecruiter } from '../../nodes/PcRecruiter/PcRecruiter.node';
import * as recruboApi from '../../nodes/Recrubo/api';
import { Recrubo } from '../../nodes/Recrubo/Recrubo.node';
import { clearSessions } from '../../nodes/shared/session';
import type { ApiContext, RequestOptions } from '../../nodes/shared/transport';
import { CredentialStore, PACKAGE, runNode, TestCredentialsHelper, TestCredentialTypes } from '../helpers/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { start } = require('../standin/server') as {
	start: (o: { port?: number; users?: number }) => Promise<{ url: string; close: () => Promise<void>; credentials: () => Record<string, IDataObject> }>;
};

const USERS = 1234;

let standin: Awaited<ReturnType<typeof start>>;

beforeAll(async () => {
	standin = await start({ port: 0, users: USERS });
});
afterAll(async () => await standin.close());
beforeEach(async () => {
	clearSessions();
	await fetch(`${standin.url}/__reset`, { method: 'POST' });
});

interface Seen {
	vendor: string;
	method: string;
	url: string;
}

async function requests(vendor: string): Promise<Seen[]> {
	return (await (await fetch(`${standin.url}/__requests?vendor=${vendor}`)).json()) as Seen[];
}

/** A PollContext for `nodeType` with `credentialType`, as n8n builds one for an active workflow's poll. */
function pollContext(nodeType: INodeType, credentialType: ICredentialType, parameters: IDataObject, store: CredentialStore): ApiContext {
	const node: INode = {
		id: 'poller',
		name: 'Poller',
		type: `${PACKAGE}.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { [credentialType.name]: { id: '1', name: 'account' } },
	};
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, active: true, nodeTypes });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(new TestCredentialTypes([credentialType]), store),
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		formWaitingBaseUrl: '',
	} as unknown as IWorkflowExecuteAdditionalData;
	return new PollContext(workflow, node, additionalData, 'trigger', 'activate');
}

interface Case {
	vendor: string;
	name: string;
	node: () => INodeType;
	credential: () => ICredentialType;
	parameters: IDataObject;
	list: (ctx: ApiContext) => Promise<IDataObject[]>;
	idOf: (user: IDataObject) => unknown;
	/** The paging parameters of every page request, in order. */
	pages: (count: number) => string[];
}

const CASES: Case[] = [
	{
		vendor: 'pcRecruiter',
		name: 'PCRecruiter',
		node: () => new PcRecruiter(),
		credential: () => new PcRecruiterApi(),
		parameters: { resource: 'user', operation: 'getAll', returnAll: true },
		list: async (ctx) => await pcrApi.listUsers(ctx, await pcrApi.baseRequest(ctx)),
		idOf: (u) => u.UserName,
		pages: (n) => Array.from({ length: Math.ceil(n / 500) }, (_, i) => `Page=${i + 1}&ResultsPerPage=500`),
	},
	{
		vendor: 'recrubo',
		name: 'Recrubo',
		node: () => new Recrubo(),
		credential: () => new RecruboApi(),
		parameters: { resource: 'user', operation: 'getAll', returnAll: true },
		list: async (ctx) => await recruboApi.listUsers(ctx, await recruboApi.baseRequest(ctx)),
		idOf: (u) => u.id,
		pages: (n) => Array.from({ length: Math.ceil(n / 200) }, (_, i) => `page%5Bnumber%5D=${i + 1}&page%5Bsize%5D=200`),
	},
	{
		vendor: 'highQ',
		name: 'HighQ Publisher',
		node: () => new HighQPublisher(),
		credential: () => new HighQPublisherApi(),
		parameters: { authentication: 'accessToken', resource: 'user', operation: 'getAll', returnAll: true },
		list: async (ctx) => await highQApi.listUsers(ctx, await highQApi.baseRequest(ctx)),
		idOf: (u) => u.id,
		// offset paging with no total: the short last page ends it
		pages: (n) => Array.from({ length: Math.ceil((n + 1) / 200) }, (_, i) => `offset=${i * 200}&limit=200`),
	},
	{
		vendor: 'hcss',
		name: 'HCSS',
		node: () => new Hcss(),
		credential: () => new HcssOAuth2Api(),
		parameters: { resource: 'user', operation: 'getAll', returnAll: true },
		list: async (ctx) => await hcssApi.listUsers(ctx, await hcssApi.baseRequest(ctx)),
		idOf: (u) => u.id,
		pages: (n) => Array.from({ length: Math.ceil(n / 1000) }, (_, i) => `page=${i}&pageSize=1000`),
	},
];

const credentialName: Record<string, string> = {
	pcRecruiter: 'pcRecruiterApi',
	recrubo: 'recruboApi',
	highQ: 'highQPublisherApi',
	hcss: 'hcssOAuth2Api',
};

function storeFor(vendor: string): CredentialStore {
	const type = credentialName[vendor];
	return new CredentialStore({ [type]: standin.credentials()[type] as IDataObject as never });
}

const pagingOf = (url: string) =>
	url
		.split('?')[1]
		.split('&')
		.filter((p) => /^(Page|ResultsPerPage|page%5B|page=|pageSize|offset|limit)/.test(p))
		.join('&');

describe.each(CASES)('$name: the whole directory through the vendor layer from a PollContext', (c) => {
	it('gives every user once, as Get Many does, paged as the API pages', async () => {
		const ctx = pollContext(c.node(), c.credential(), c.parameters, storeFor(c.vendor));
		const users = await c.list(ctx);
		const seen = await requests(c.vendor);

		expect(users).toHaveLength(USERS);
		expect(new Set(users.map(c.idOf)).size).toBe(USERS);
		const lists = seen.filter((r) => r.method === 'GET' && /\/users(\?|$)|\/Users(\?|$)/.test(r.url));
		expect(lists.map((r) => pagingOf(r.url))).toEqual(c.pages(USERS));
		// nothing but the list pages and (PCRecruiter, HCSS) one login or token request
		expect(seen.length - lists.length).toBeLessThanOrEqual(1);

		const node = await runNode({ node: c.node(), credentialTypes: [c.credential()], parameters: c.parameters as never, credentials: storeFor(c.vendor) });
		expect(node.error).toBeUndefined();
		expect(users).toEqual(node.items.map((i) => i.json));
	});

	it('fails with the vendor error, not a partial list, when a credential is refused', async () => {
		const store = storeFor(c.vendor);
		const type = credentialName[c.vendor];
		const wrong: IDataObject = { password: 'wrong', apiKey: 'wrong', accessToken: 'wrong', clientSecret: 'wrong' };
		for (const key of Object.keys(wrong)) if (!(key in store.data[type])) delete wrong[key];
		Object.assign(store.data[type], wrong);
		const ctx = pollContext(c.node(), c.credential(), c.parameters, store);
		await expect(c.list(ctx)).rejects.toMatchObject({ name: 'NodeApiError' });
	});
});

describe('a request built outside a node carries what the node would send', () => {
	it('Recrubo: JSON:API Accept, the credential base URL without its trailing slash', async () => {
		const store = new CredentialStore({ recruboApi: { baseUrl: 'https://api.example/public/v2//', apiKey: 'k' } });
		const ctx = pollContext(new Recrubo(), new RecruboApi(), {}, store);
		const request: RequestOptions = await recruboApi.baseRequest(ctx);
		expect(request).toEqual({ baseURL: 'https://api.example/public/v2', headers: { Accept: 'application/vnd.api+json' }, json: true });
	});
});
