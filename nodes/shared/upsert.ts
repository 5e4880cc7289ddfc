import { NodeApiError, type IDataObject, type IExecuteSingleFunctions } from 'n8n-workflow';

import { isObject } from './data';
import type { DirectorySource } from './directory';
import { BadResponse } from './read';
import type { RequestOptions } from './transport';

/**
 * Create or Update ("upsert"): what a vendor tells the engine (./upsertRun.ts) about finding,
 * creating and updating a user, and how a found user is compared with the wanted fields. The
 * steps call the vendor's API layer, which sends through n8n (auth, 401 refresh, 429 retries)
 * and turns every failure into the vendor's NodeApiError.
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
	find(ctx: IExecuteSingleFunctions, create: RequestOptions, wanted: IDataObject): Promise<IDataObject[]>;
	/** Creates the user; gives the user as it now is. */
	create(ctx: IExecuteSingleFunctions, create: RequestOptions, wanted: IDataObject): Promise<IDataObject>;
	/**
	 * Writes `changes` (the wanted fields that differ) to `current`; gives the user as it now
	 * is. Left out where the API has no update: an existing user is then left unchanged.
	 */
	update?(ctx: IExecuteSingleFunctions, create: RequestOptions, current: IDataObject, changes: IDataObject): Promise<IDataObject>;
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

/** Several users under one match key, as Create or Update's error and Sync's `ambiguous` item say it: their IDs and `N <noun>s match <key>: <ids>`. */
export function matchedMany(steps: UpsertSteps, shownKey: string, matches: IDataObject[]): { ids: string[]; text: string } {
	const ids = matches.map((user) => steps.idOf(user));
	return { ids, text: `${matches.length} ${steps.noun}s match ${shownKey}: ${ids.join(', ')}` };
}
