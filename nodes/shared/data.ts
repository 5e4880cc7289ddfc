import type { IDataObject } from 'n8n-workflow';

/** Small readers of untyped JSON that every vendor's code needs. */

export function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function asObject(value: unknown): IDataObject | undefined {
	return isObject(value) ? value : undefined;
}

/** A finite number from a number or numeric text; undefined for blank or anything else. */
export function toNumber(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const n = Number(value);
	return Number.isFinite(n) ? n : undefined;
}

/** A value that may be one entry or a list, as a list (nothing for empty). */
export function toList(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	return Array.isArray(value) ? value : [value];
}

/** Trimmed text of a string, number or boolean; undefined for blank or anything else. */
export function str(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}
