import type { IDataObject } from 'n8n-workflow';

import { isInactiveLine, keyOf, LineCodec, parseLine, SNAPSHOT_VERSION, type StoredSnapshot, type UserShape } from './snapshot';

/**
 * What changed in a directory since the previous poll: the pure part of a polling trigger.
 * A user counts while the vendor's status says active; one who turns inactive is `removed`
 * (`deactivated`), one who is gone from the listing is `removed` (`deleted`), and one who
 * comes back (listed again, or active again) is `created`. Inactive users are kept in the
 * snapshot but report nothing else: an `updated` for someone who left would bring them back
 * downstream.
 */

export type DirectoryEvent =
	| { event: 'created'; user: IDataObject }
	| { event: 'updated'; user: IDataObject; changedFields: string[] }
	| { event: 'removed'; reason: 'deleted' | 'deactivated'; user: IDataObject };

export interface DirectoryChanges {
	events: DirectoryEvent[];
	removals: { deleted: number; deactivated: number };
	/** Active users in the previous snapshot: the directory the removal limit is a share of. */
	previousActive: number;
	/** The snapshot to store when the poll goes through. */
	next: StoredSnapshot;
	/** Whether `next` differs from the previous snapshot (so there is something to write). */
	differs: boolean;
}

/**
 * The snapshot of a listing, with nothing to compare it with (a baseline), and the users it
 * holds (each ID once; users without an ID are left out, as in every poll).
 */
export function baseline(shape: UserShape, scope: string, users: IDataObject[]): { snapshot: StoredSnapshot; listed: IDataObject[] } {
	const codec = new LineCodec(shape);
	const lines = new Map<string, string>();
	const listed: IDataObject[] = [];
	for (const user of users) {
		const key = codec.key(user);
		if (key === '' || lines.has(key)) continue;
		lines.set(key, codec.line(user));
		listed.push(user);
	}
	const snapshot = { v: SNAPSHOT_VERSION, scope, identity: codec.paths, fields: codec.fields, domains: codec.values.domains, users: [...lines.values()] };
	return { snapshot, listed };
}

/** Whether a stored snapshot was made for this shape and scope, so a listing can be compared with it. */
export function comparable(previous: StoredSnapshot, shape: UserShape, scope: string): boolean {
	const paths = new LineCodec(shape).paths;
	return previous.scope === scope && previous.identity.length === paths.length && previous.identity.every((p, i) => p === paths[i]);
}

/**
 * Compares a complete listing with the previous snapshot (made for the same shape and scope).
 * `ignore` names fields whose changes alone are no update (they are still recorded).
 */
export function diff(shape: UserShape, previous: StoredSnapshot, users: IDataObject[], ignore: Set<string> = new Set()): DirectoryChanges {
	const codec = new LineCodec(shape, previous);
	const before = new Map<string, string>();
	let previousActive = 0;
	for (const line of previous.users) {
		before.set(keyOf(line), line);
		if (!isInactiveLine(line)) previousActive++;
	}
	const created: DirectoryEvent[] = [];
	const updated: DirectoryEvent[] = [];
	const removed: DirectoryEvent[] = [];
	const lines = new Map<string, string>();
	const fieldCount = previous.fields.length;
	const domainCount = previous.domains.length;
	let differs = false;
	for (const user of users) {
		const key = codec.key(user);
		if (key === '' || lines.has(key)) continue;
		const line = codec.line(user);
		lines.set(key, line);
		const old = before.get(key);
		if (old === line) continue;
		differs = true;
		const active = !isInactiveLine(line);
		if (old === undefined || isInactiveLine(old)) {
			if (active) created.push({ event: 'created', user });
			continue;
		}
		if (!active) {
			removed.push({ event: 'removed', reason: 'deactivated', user });
			continue;
		}
		const fields = codec.changedFields(parseLine(old), parseLine(line)).filter((f) => !ignore.has(f));
		if (fields.length > 0) updated.push({ event: 'updated', user, changedFields: fields });
	}
	const deactivated = removed.length;
	for (const [key, line] of before) {
		if (lines.has(key)) continue;
		differs = true;
		if (!isInactiveLine(line)) removed.push({ event: 'removed', reason: 'deleted', user: codec.identityOf(parseLine(line)) });
	}
	return {
		events: [...created, ...updated, ...removed],
		removals: { deleted: removed.length - deactivated, deactivated },
		previousActive,
		next: {
			v: SNAPSHOT_VERSION,
			scope: previous.scope,
			identity: codec.paths,
			fields: codec.fields,
			domains: codec.values.domains,
			users: [...lines.values()],
		},
		differs: differs || codec.fields.length !== fieldCount || codec.values.domains.length !== domainCount,
	};
}

/** The default removal limit: 10% of the directory (rounded up) or 50 users, whichever is smaller. */
export function defaultRemovalLimit(directorySize: number): number {
	return Math.min(50, Math.ceil(directorySize / 10));
}

/**
 * How many removals one poll may report: `maxRemovals` when the user set it (0: no limit,
 * Infinity), otherwise the default share of the previous directory.
 */
export function removalLimit(maxRemovals: number | undefined, directorySize: number): number {
	if (maxRemovals === undefined) return defaultRemovalLimit(directorySize);
	return maxRemovals === 0 ? Infinity : maxRemovals;
}
