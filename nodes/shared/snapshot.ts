import type { IDataObject } from 'n8n-workflow';

import { ValueCodec } from './snapshotValues';

/**
 * The compact record of a directory that a polling trigger keeps in the workflow's static
 * data between polls: per user one short string with the user's ID, the identity fields
 * (kept in full, so a `removed` event can say who left) and, for every other field, a
 * 3-character hash (so an `updated` event can name the fields that changed). Vendor-neutral:
 * what a user looks like comes from a `UserShape`.
 *
 * One user's line:   <id>|<identity 1>|...|<identity n>|<status><hash><hash>...
 *   values     encoded by ValueCodec (snapshotValues.ts)
 *   status     `a` active or `i` inactive (the vendor's own status says so)
 *   hashes     one per field of the snapshot's `fields`, in that order: 3 characters of
 *              [A-Za-z0-9_-], or `.` when the field has no value; trailing `.` are dropped
 */

export const SNAPSHOT_VERSION = 1;

/** What the engine needs to know of a vendor's users (as its Get Many outputs them). */
export interface UserShape {
	/** The field that holds the user's ID. */
	idField: string;
	/** Fields kept in full for `removed` items, besides the ID; dotted paths reach into objects (`name.firstname`). */
	identityFields: string[];
	/** The vendor's own status says the user is inactive (e.g. PCRecruiter `ActiveUser` false). */
	isInactive?(user: IDataObject): boolean;
}

/** The snapshot as it is stored in static data (plain JSON). */
export interface StoredSnapshot {
	v: number;
	/** What the listing selected (the trigger's filters): another scope means a new baseline. */
	scope: string;
	/** The ID field and the identity paths, in the order of a line's values. */
	identity: string[];
	/** The hashed fields, in the order of a line's hashes. */
	fields: string[];
	/** E-mail domains that values refer to by number. */
	domains: string[];
	users: string[];
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const NO_VALUE = '.';
const HASH_LENGTH = 3;

/**
 * Nothing, null, '', false and [] all mean "no value": a vendor that drops an empty field, or
 * sends false for a flag it left out before, has not changed the user.
 */
export function hasValue(value: unknown): boolean {
	if (value === undefined || value === null || value === '' || value === false) return false;
	return !(Array.isArray(value) && value.length === 0);
}

/** JSON with object keys sorted, so the same data always hashes the same. */
function stable(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
	const object = value as IDataObject;
	return `{${Object.keys(object)
		.sort()
		.map((key) => `${JSON.stringify(key)}:${stable(object[key])}`)
		.join(',')}}`;
}

/** 18 bits of FNV-1a (with murmur3's finaliser) of a value, as 3 characters; `.` for no value. */
export function fieldHash(value: unknown): string {
	if (!hasValue(value)) return NO_VALUE;
	const text = typeof value === 'string' ? value : stable(value);
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return ALPHABET[h & 63] + ALPHABET[(h >>> 6) & 63] + ALPHABET[(h >>> 12) & 63];
}

export function valueAt(user: IDataObject, path: string): unknown {
	if (!path.includes('.')) return user[path];
	let current: unknown = user;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

/** The paths of a shape's values in a line: the ID field first. */
export function identityPaths(shape: UserShape): string[] {
	return [shape.idField, ...shape.identityFields];
}

/**
 * Turns users into lines, and lines back into what they hold. `fields` and `domains` (the
 * previous snapshot's, or empty) only grow, so a line means the same in every later poll:
 * a line written before a field was added stays right, since that user did not have it and
 * trailing `.` are dropped.
 */
export class LineCodec {
	readonly fields: string[];

	readonly values: ValueCodec;

	readonly paths: string[];

	private readonly position = new Map<string, number>();

	private readonly exact: Set<string>;

	private hashes: string[] = [];

	constructor(
		private readonly shape: UserShape,
		previous?: Pick<StoredSnapshot, 'fields' | 'domains'>,
	) {
		this.paths = identityPaths(shape);
		this.fields = [...(previous?.fields ?? [])];
		this.fields.forEach((field, i) => this.position.set(field, i));
		this.values = new ValueCodec(previous?.domains ?? []);
		this.exact = new Set(this.paths.filter((path) => !path.includes('.')));
	}

	/** The user's key in a snapshot: its encoded ID ('' when it has none). */
	key(user: IDataObject): string {
		return this.values.encode(user[this.shape.idField], []);
	}

	line(user: IDataObject): string {
		const raw: unknown[] = [];
		let out = '';
		for (const path of this.paths) {
			const value = valueAt(user, path);
			out += `${this.values.encode(value, raw)}|`;
			raw.push(value);
		}
		const hashes = this.hashes;
		hashes.length = 0;
		for (let i = 0; i < this.fields.length; i++) hashes.push(NO_VALUE);
		for (const field in user) {
			if (this.exact.has(field)) continue;
			let at = this.position.get(field);
			if (at === undefined) {
				at = this.fields.push(field) - 1;
				this.position.set(field, at);
				hashes.push(NO_VALUE);
			}
			hashes[at] = fieldHash(user[field]);
		}
		let end = hashes.length;
		while (end > 0 && hashes[end - 1] === NO_VALUE) end--;
		out += this.shape.isInactive?.(user) === true ? 'i' : 'a';
		for (let i = 0; i < end; i++) out += hashes[i];
		return out;
	}

	/** The last known identity of a stored user, shaped like the vendor's items. */
	identityOf(line: ParsedLine): IDataObject {
		const identity: IDataObject = {};
		const decoded: unknown[] = [];
		this.paths.forEach((path, i) => {
			const value = this.values.decode(line.values[i] ?? '', decoded);
			decoded.push(value);
			const keys = path.split('.');
			let target = identity;
			for (const key of keys.slice(0, -1)) {
				if (target[key] === null || typeof target[key] !== 'object') target[key] = {};
				target = target[key] as IDataObject;
			}
			target[keys[keys.length - 1]] = value as IDataObject[string];
		});
		return identity;
	}

	/**
	 * The fields that differ between two lines: identity fields by their full values (a
	 * dotted path by its top-level field), the others by their hashes.
	 */
	changedFields(before: ParsedLine, after: ParsedLine): string[] {
		const changed = new Set<string>();
		this.paths.forEach((path, i) => {
			if ((before.values[i] ?? '') !== (after.values[i] ?? '')) changed.add(path.split('.')[0]);
		});
		const count = Math.max(before.hashes.length, after.hashes.length);
		for (let i = 0; i < count; i++) {
			if ((before.hashes[i] ?? NO_VALUE) !== (after.hashes[i] ?? NO_VALUE)) changed.add(this.fields[i]);
		}
		return [...changed];
	}
}

/** A stored line taken apart. */
export interface ParsedLine {
	/** The ID and identity values, encoded, in the order of the snapshot's `identity`. */
	values: string[];
	inactive: boolean;
	hashes: string[];
}

export function parseLine(line: string): ParsedLine {
	const values = line.split('|');
	const tail = values.pop() ?? 'a';
	const hashes: string[] = [];
	for (let i = 1; i < tail.length; ) {
		if (tail[i] === NO_VALUE) {
			hashes.push(NO_VALUE);
			i++;
		} else {
			hashes.push(tail.slice(i, i + HASH_LENGTH));
			i += HASH_LENGTH;
		}
	}
	return { values, inactive: tail[0] === 'i', hashes };
}

/** The key of a stored line (its encoded ID). */
export function keyOf(line: string): string {
	const end = line.indexOf('|');
	return end < 0 ? line : line.slice(0, end);
}

export function isInactiveLine(line: string): boolean {
	return line[line.lastIndexOf('|') + 1] === 'i';
}

/** A stored snapshot, if `data` is one this version of the engine can read. */
export function readSnapshot(data: unknown): StoredSnapshot | undefined {
	if (data === null || typeof data !== 'object') return undefined;
	const s = data as Partial<StoredSnapshot>;
	const strings = (a: unknown) => Array.isArray(a) && a.every((x) => typeof x === 'string');
	if (s.v !== SNAPSHOT_VERSION || typeof s.scope !== 'string') return undefined;
	if (!strings(s.identity) || !strings(s.fields) || !strings(s.domains) || !strings(s.users)) return undefined;
	return s as StoredSnapshot;
}
