import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type PreSendAction,
} from 'n8n-workflow';

import { isObject } from './data';
import { directoryFor, type DirectorySource } from './directory';
import { BadResponse } from './read';
import type { Pagination } from './routing';
import { runOf, type RunState } from './run';
import type { RequestOptions } from './transport';

/**
 * Create or Update ("upsert"), one engine for every node that offers it. The operation's
 * preSend builds and checks the create request as Create would (so bad input fails before
 * any request), and its `routing.operations.pagination` looks the user up by the match key,
 * then creates, updates only what differs, or writes nothing. The steps call the vendor's
 * API layer, which sends through n8n (auth, 401 refresh, 429 retries) and turns every
 * failure into the vendor's NodeApiError.
 *
 * Within a node run (./run.ts), items with the same match key run one after another in
 * input order, so one person is written once and a later item sees what an earlier one
 * wrote; where the API lists every user, the run can read them once (./directory.ts).
 */

export type UpsertAction = 'created' | 'updated' | 'unchanged';

export interface UpsertSteps {
	/** What the vendor calls the user, for messages: "Recrubo user". */
	noun: string;
	/**
	 * The fields the create request would set, shaped like a user the node outputs, so
	 * they can be compared with a found user. Called before any request: check the match
	 * key here and throw a NodeOperationError naming its parameter when it is missing.
	 */
	wanted(ctx: IExecuteSingleFunctions, create: RequestOptions): IDataObject;
	/** The match key as shown in messages, e.g. `Email "ann@example.com"`. */
	keyOf(ctx: IExecuteSingleFunctions, wanted: IDataObject): string;
	/**
	 * The match key as the vendor compares it (an email in lower case, an ID as it is): items
	 * with equal keys are handled one after another, and a directory is indexed by it.
	 */
	matchKey(ctx: IExecuteSingleFunctions, wanted: IDataObject): string;
	/** The users whose match key equals the wanted one: none, one, or (ambiguous) several. */
	find(ctx: IExecutePaginationFunctions, create: RequestOptions, wanted: IDataObject): Promise<IDataObject[]>;
	/** Creates the user; gives the user as it now is. */
	create(ctx: IExecutePaginationFunctions, create: RequestOptions, wanted: IDataObject): Promise<IDataObject>;
	/**
	 * Writes `changes` (the wanted fields that differ) to `current`; gives the user as it now
	 * is. Left out where the API has no update: an existing user is then left unchanged.
	 */
	update?(ctx: IExecutePaginationFunctions, create: RequestOptions, current: IDataObject, changes: IDataObject): Promise<IDataObject>;
	/** A found user's ID, for the update and for the message when several match. */
	idOf(user: IDataObject): string;
	/** Where the API can list every user: "Look Up Users" may read them once per run. */
	directory?: DirectorySource;
}

/**
 * A lookup's result, or undefined when the server answered 404 (no such user). The API
 * layer has already turned every failure into the vendor's NodeApiError; any other passes on.
 */
export async function unlessNotFound<T>(lookup: Promise<T>): Promise<T | undefined> {
	return await lookup.catch((error: unknown) => {
		if (error instanceof NodeApiError && String(error.httpCode) === '404') return undefined;
		throw error;
	});
}

/**
 * The lookup answered 2xx without anything that reads as users: an error, never "no user"
 * (that would create a duplicate). `body` is what came, when it was text that is not JSON.
 */
export function lookupWithoutUsers(noun: string, body?: unknown): BadResponse {
	const text = typeof body === 'string' ? body.trim() : '';
	return new BadResponse(
		text ? `The ${noun} lookup was answered with something that is not JSON` : `The ${noun} lookup was answered without a user or a list of users`,
		[text ? `It began: ${text.slice(0, 120)}` : '', 'Nothing was created or changed. Check the Base URL in the credential.'].filter(Boolean).join('\n'),
	);
}

function blank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * A match key as `hasValue` compares it: trimmed text, in lower case when `caseless` (email
 * addresses); undefined for a blank or non-text value, which matches nothing.
 */
export function keyText(value: unknown, caseless = false): string | undefined {
	if (blank(value) || isObject(value) || Array.isArray(value)) return undefined;
	const text = String(value).trim();
	return caseless ? text.toLowerCase() : text;
}

/**
 * Whether `current` already has `wanted`: strings compared trimmed (email addresses
 * without regard to case), numbers and numeric strings alike, objects by the wanted keys
 * only, lists as sets, a single value like a list of one.
 */
export function hasValue(current: unknown, wanted: unknown, key = ''): boolean {
	if (blank(wanted)) return blank(current);
	if (Array.isArray(wanted) || Array.isArray(current)) {
		const want = Array.isArray(wanted) ? wanted : [wanted];
		const have = Array.isArray(current) ? current : blank(current) ? [] : [current];
		if (want.length !== have.length) return false;
		return want.every((w) => have.some((h) => hasValue(h, w, key)));
	}
	if (isObject(wanted)) {
		if (!isObject(current)) return false;
		return Object.entries(wanted).every(([k, v]) => hasValue(current[k], v, k));
	}
	if (isObject(current) || blank(current)) return false;
	if (typeof wanted === 'boolean' || typeof current === 'boolean') return String(wanted) === String(current);
	const a = String(wanted).trim();
	const b = String(current).trim();
	return /e-?mail/i.test(key) ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The wanted top-level fields that `current` does not have yet (nested objects as a whole). */
export function changedFields(current: IDataObject, wanted: IDataObject): IDataObject {
	const changes: IDataObject = {};
	for (const [key, value] of Object.entries(wanted)) {
		if (!hasValue(current[key], value, key)) changes[key] = value;
	}
	return changes;
}

/** Create, update or leave one item's user; what it finds and writes is kept for the run's later items. */
async function upsertItem(ctx: IExecutePaginationFunctions, steps: UpsertSteps, create: RequestOptions, wanted: IDataObject, run?: RunState): Promise<INodeExecutionData[]> {
	const key = steps.matchKey(ctx, wanted);
	const paired = { item: ctx.getItemIndex() };
	const out = (action: UpsertAction, user: IDataObject): INodeExecutionData[] => [{ json: { action, ...user }, pairedItem: paired }];
	const source = steps.directory;
	const directory = run && source ? await directoryFor(ctx, run, source, create, steps.idOf) : undefined;
	// What earlier items of the run found or wrote, by key (the directory keeps its own).
	const seen = run?.once('seen', () => new Map<string, IDataObject>());
	const earlier = seen?.get(key);
	let matches = directory ? directory.find(key) : earlier ? [earlier] : await steps.find(ctx, create, wanted);
	if (directory && matches.length === 0 && source?.confirmMissing) matches = await steps.find(ctx, create, wanted);
	const keep = (user: IDataObject): IDataObject => {
		directory?.put(user);
		seen?.set(key, user);
		return user;
	};

	if (matches.length > 1) {
		const ids = matches.map((user) => steps.idOf(user));
		throw new NodeOperationError(ctx.getNode(), `${matches.length} ${steps.noun}s match ${steps.keyOf(ctx, wanted)}: ${ids.join(', ')}`, {
			description: 'Create or Update changes a user only when exactly one matches. Merge or remove the duplicates, or match on another field.',
			itemIndex: ctx.getItemIndex(),
		});
	}
	if (matches.length === 0) return out('created', keep(await steps.create(ctx, create, wanted)));

	let current = matches[0];
	let changes = changedFields(current, wanted);
	if (steps.update && directory && source?.readWhole && Object.keys(changes).length > 0) {
		current = await source.readWhole(ctx, create, current);
		changes = changedFields(current, wanted);
	}
	if (!steps.update || Object.keys(changes).length === 0) return out('unchanged', keep(current));
	return out('updated', keep(await steps.update(ctx, create, current, changes)));
}

/**
 * The hooks of an upsert operation. `preSend` registers the item in its run (before its
 * first await, so in input order), runs the operation's own preSend hooks (`build`, which
 * make and check the create request) and gives the run the item's match key; `pagination`
 * waits for the earlier items with the same key, then handles the item.
 */
export function upsertHooks(steps: UpsertSteps, build: PreSendAction[] = []): { preSend: PreSendAction; pagination: Pagination } {
	const preSend: PreSendAction = async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		const slot = runOf(this)?.enter(this.getItemIndex());
		let built = options;
		let ready = false;
		try {
			for (const action of build) built = await action.call(this, built);
			const wanted = steps.wanted(this, built as RequestOptions);
			if (slot) slot.value = wanted;
			slot?.keyed(steps.matchKey(this, wanted));
			ready = true;
		} finally {
			// An item whose request could not be built goes no further: the later ones need not wait for it.
			if (!ready) slot?.finish();
		}
		return built;
	};
	const pagination: Pagination = async function (this: IExecutePaginationFunctions, requestData) {
		const run = runOf(this);
		const slot = run?.slot(this.getItemIndex());
		try {
			const create = requestData.options;
			// the fields as preSend read them (parameters are expressions: each read evaluates them again)
			const wanted = (slot?.value as IDataObject | undefined) ?? steps.wanted(this, create);
			await slot?.turn;
			return await upsertItem(this, steps, create, wanted, run);
		} finally {
			slot?.finish();
		}
	};
	return { preSend, pagination };
}
