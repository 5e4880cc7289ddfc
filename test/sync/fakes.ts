/**
 * Vendor APIs that keep their users in memory between requests (nock, persisted), for the
 * Create or Update tests at directory scale: each records the requests it answers and how
 * many were in flight at once (every answer waits `delayMs`), and each vendor (./vendors/)
 * says how its Create or Update is fed and what a run should cost.
 */
import nock from 'nock';
import { sleep, type ICredentialType, type IDataObject, type INodeType } from 'n8n-workflow';

import { CredentialStore, runNode, type RunNodeResult } from '../helpers/engine';

export interface Seen {
	method: string;
	path: string;
	query: URLSearchParams;
	body: unknown;
}

export type Answer = [number, unknown, Record<string, string>?];

/** The server side: requests seen, in flight now and at most. */
export class FakeApi {
	readonly seen: Seen[] = [];

	inFlight = 0;

	peak = 0;

	constructor(
		readonly origin: string,
		readonly db: IDataObject[],
		public delayMs = 0,
	) {}

	/** A nock reply function: records the request, answers it now, sends the answer after the delay. */
	answer(handle: (request: Seen) => Answer) {
		const fake = this;
		return async function (this: nock.ReplyFnContext, uri: string, body: nock.Body): Promise<nock.ReplyFnResult> {
			const request: Seen = {
				method: this.req.method,
				path: decodeURIComponent(uri.split('?')[0]),
				query: new URL(uri, fake.origin).searchParams,
				body: typeof body === 'string' && body !== '' ? JSON.parse(body) : body === '' ? undefined : body,
			};
			fake.seen.push(request);
			fake.inFlight++;
			fake.peak = Math.max(fake.peak, fake.inFlight);
			const [status, payload, headers] = handle(request);
			await sleep(fake.delayMs);
			fake.inFlight--;
			return [status, payload === undefined ? '' : (payload as nock.Body), headers ?? { 'Content-Type': 'application/json' }];
		};
	}

	/** `METHOD /path` of every request, in order. */
	calls(): string[] {
		return this.seen.map((r) => `${r.method} ${r.path}`);
	}

	writes(): Seen[] {
		return this.seen.filter((r) => r.method !== 'GET');
	}
}

export interface VendorSpec {
	label: string;
	/** Whether the API can list every user (Look Up Users is offered). */
	canList: boolean;
	/** The `n`th user as the server has it. */
	user(n: number): IDataObject;
	/** The input item for a server user; `changed` makes it differ in one field (or, where nothing can be updated, be a new person). */
	item(user: IDataObject, changed?: boolean): IDataObject;
	/** The match key of an item in other letter case. */
	otherCase(item: IDataObject): IDataObject;
	/** What the item in other case comes out as after the first created the user (HCSS: the user name's case is written). */
	otherCaseAction: 'unchanged' | 'updated';
	/** Create or Update's parameters, reading each item. */
	params: IDataObject;
	/** Sets up the API on nock over `db`. */
	serve(db: IDataObject[], delayMs?: number): FakeApi;
	run(input: IDataObject[], extra?: IDataObject, options?: { continueOnFail?: boolean }): Promise<RunNodeResult>;
	/** Requests a whole-list read of `n` users takes. */
	pages(n: number): number;
	/** Requests per changed user besides the lookup: per item, and with the list read once. */
	writeCost: { perItem: number; fetchAll: number };
}

export const uuid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** `run` of a VendorSpec: the node with a fresh credential store, its Create or Update parameters and any extra. */
export function runWith(node: INodeType, credentialTypes: ICredentialType[], store: () => CredentialStore, params: IDataObject) {
	return async (input: IDataObject[], extra: IDataObject = {}, options: { continueOnFail?: boolean } = {}) =>
		await runNode({ node, credentialTypes, credentials: store(), parameters: { ...params, ...extra } as never, input, ...options });
}
