import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
	type PreSendAction,
} from 'n8n-workflow';

import { isObject } from './data';
import { BadResponse } from './read';
import type { Pagination } from './routing';
import type { RequestOptions } from './transport';

/**
 * Create or Update ("upsert"), one engine for every node that offers it. The operation's
 * preSend builds and checks the create request as Create would (so bad input fails before
 * any request), and its `routing.operations.pagination` is `upsert(steps)`: look the user up
 * by the match key, then create, update only what differs, or write nothing. The steps call
 * the vendor's API layer, which sends through n8n (auth, 401 refresh, 429 retries) and turns
 * every failure into the vendor's NodeApiError.
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

/** `routing.operations.pagination` for an upsert operation. */
export function upsert(steps: UpsertSteps): Pagination {
	return async function (this: IExecutePaginationFunctions, requestData): Promise<INodeExecutionData[]> {
		const create = requestData.options;
		const wanted = steps.wanted(this, create);
		const matches = await steps.find(this, create, wanted);
		const paired = { item: this.getItemIndex() };
		const out = (action: UpsertAction, user: IDataObject): INodeExecutionData[] => [
			{ json: { action, ...user }, pairedItem: paired },
		];

		if (matches.length > 1) {
			const ids = matches.map((user) => steps.idOf(user));
			throw new NodeOperationError(
				this.getNode(),
				`${matches.length} ${steps.noun}s match ${steps.keyOf(this, wanted)}: ${ids.join(', ')}`,
				{
					description: 'Create or Update changes a user only when exactly one matches. Merge or remove the duplicates, or match on another field.',
					itemIndex: this.getItemIndex(),
				},
			);
		}
		if (matches.length === 0) return out('created', await steps.create(this, create, wanted));

		const current = matches[0];
		const changes = changedFields(current, wanted);
		if (!steps.update || Object.keys(changes).length === 0) return out('unchanged', current);
		return out('updated', await steps.update(this, create, current, changes));
	};
}

/** What the Create or Update operation of a node is made of. */
export interface UpsertOperation {
	/** The create request (method and URL) that preSend fills in. */
	request: { method: 'POST'; url: string; headers?: Record<string, string> };
	/** preSend that builds and checks the create body, before any request. */
	preSend?: PreSendAction[];
	/** `upsert(steps)`. */
	pagination: Pagination;
	/** Shown under the operation: how the user is matched and what is written. */
	notice: string;
	/**
	 * Overrides n8n's standard upsert description where the API cannot update. The name and
	 * action stay "Create or Update" (n8n's lint requires that name for the value `upsert`):
	 * the description and the notice say what the operation does instead.
	 */
	description?: string;
}

const UPSERT_DESCRIPTION = 'Create a new user, or update the current one if it already exists (upsert)';

/**
 * The "Create or Update" operation option (value `upsert`) and its notice; the node shows
 * its Create fields for both operations.
 */
export function upsertOperation(op: UpsertOperation): { option: INodePropertyOptions; properties: INodeProperties[] } {
	return {
		option: {
			name: 'Create or Update',
			value: 'upsert',
			// the same name in the actions panel (`action`) as in the Operation list (`name`)
			action: 'Create or update a user',
			description: op.description ?? UPSERT_DESCRIPTION,
			routing: {
				request: op.request,
				send: { paginate: true, preSend: op.preSend ?? [] },
				operations: { pagination: op.pagination },
			},
		},
		properties: [
			{
				displayName: op.notice,
				name: 'upsertNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { resource: ['user'], operation: ['upsert'] } },
			},
		],
	};
}
