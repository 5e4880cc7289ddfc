import { NodeOperationError, type IDataObject, type IExecuteSingleFunctions } from 'n8n-workflow';

import { defaultRemovalLimit } from './changes';
import type { Directory } from './directory';
import { valueAt } from './snapshot';
import type { UpsertSteps } from './upsert';
import { changesOf, matchesOf, type Planned } from './upsertRun';
import { refuse } from './validate';

/**
 * Sync Users, the plan: what each input person needs (created, updated, unchanged, or
 * ambiguous when several vendor users share the key) and which vendor users would be
 * removed, worked out from reads only, so that Dry Run can show it and the removal limit can
 * stop the run before its first write.
 */

export type PersonAction = 'created' | 'updated' | 'unchanged' | 'ambiguous';

export interface PersonPlan {
	item: Planned;
	action: PersonAction;
	/** The user found (updated, unchanged), or the matches (ambiguous). */
	current?: IDataObject;
	matches: IDataObject[];
	changes: IDataObject;
}

export interface SyncSettings {
	removeMissing: boolean;
	removeAs: string;
	rules: Array<{ field: string; pattern: RegExp }>;
	neverRemove: RegExp[];
	dryRun: boolean;
	/** undefined: the default limit (10% of the directory, at most 50); Infinity: no limit. */
	maxRemovals?: number;
	tooMany: 'stop' | 'skipRemovals';
}

/** A glob (`*` any run of characters, `?` one), matched whole and without regard to case. */
export function globOf(pattern: string): RegExp {
	const body = pattern
		.trim()
		.split('')
		.map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
		.join('');
	return new RegExp(`^${body}$`, 'i');
}

function list(raw: unknown): string[] {
	return String(raw ?? '')
		.split(/[\n,]/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** The run's Sync settings (read from the first item: they take no per-item expressions that matter). */
export function syncSettingsOf(ctx: IExecuteSingleFunctions, choices: string[]): SyncSettings {
	const removeMissing = ctx.getNodeParameter('removeMissing', false) === true;
	const removeAs = String(ctx.getNodeParameter('removeAs', choices[0]) ?? choices[0]);
	if (removeMissing && !choices.includes(removeAs)) refuse(ctx, 'Remove As', 'removeAs', `not one of ${choices.join(', ')}`, `The value given was "${removeAs.slice(0, 40)}".`);
	const manageOnly = (ctx.getNodeParameter('manageOnly', {}) ?? {}) as { rules?: Array<{ field?: unknown; pattern?: unknown }> };
	const rules = (manageOnly.rules ?? []).map((rule, i) => {
		const field = String(rule.field ?? '').trim();
		const pattern = String(rule.pattern ?? '').trim();
		if (!field || !pattern) refuse(ctx, 'Manage Only', `manageOnly.rules[${i}]`, 'each rule needs a Field and a Pattern');
		return { field, pattern: globOf(pattern) };
	});
	const options = (ctx.getNodeParameter('syncOptions', {}) ?? {}) as IDataObject;
	const max = options.maxRemovals;
	if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 0)) {
		refuse(ctx, 'Max Removals', 'syncOptions.maxRemovals', 'not a whole number, 0 or more', `The value given was ${JSON.stringify(max)}. 0 turns the limit off.`);
	}
	const tooMany = options.tooManyRemovals ?? 'stop';
	if (tooMany !== 'stop' && tooMany !== 'skipRemovals') refuse(ctx, 'If Too Many Removals', 'syncOptions.tooManyRemovals', 'not one of stop, skipRemovals');
	return {
		removeMissing,
		removeAs,
		rules,
		neverRemove: list(ctx.getNodeParameter('neverRemove', '')).map(globOf),
		dryRun: ctx.getNodeParameter('dryRun', true) !== false,
		maxRemovals: max === undefined ? undefined : max === 0 ? Infinity : (max as number),
		tooMany: tooMany as SyncSettings['tooMany'],
	};
}

/** Each person's plan, items of one key in input order, each seeing the state the earlier ones would leave. */
export async function planGroup(steps: UpsertSteps, group: Planned[], directory: Directory): Promise<PersonPlan[]> {
	const plans: PersonPlan[] = [];
	let matches = await matchesOf(steps, group[0], directory, undefined);
	let listed = true;
	for (const item of group) {
		if (matches.length > 1) {
			plans.push({ item, action: 'ambiguous', matches, changes: {} });
			continue;
		}
		if (matches.length === 0) {
			plans.push({ item, action: 'created', matches, changes: item.wanted });
			matches = [{ ...item.wanted }];
			listed = false;
			continue;
		}
		const { current, changes } = await changesOf(steps, item, matches[0], listed);
		const action = steps.update && Object.keys(changes).length > 0 ? 'updated' : 'unchanged';
		plans.push({ item, action, current, matches, changes: action === 'updated' ? changes : {} });
		matches = [action === 'updated' ? { ...current, ...changes } : current];
		listed = false;
	}
	return plans;
}

/** `{ field: { before, after } }` for what an update changes (`before` undefined for a create). */
export function beforeAfter(current: IDataObject | undefined, changes: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [field, after] of Object.entries(changes)) out[field] = { before: current?.[field] ?? null, after };
	return out;
}

export interface Removal {
	user: IDataObject;
	/** The match key as messages show it, e.g. `Email "ann@example.com"`. */
	shown: string;
}

/** Why a removal candidate is kept, or undefined when it may be removed. */
export type RemovalCheck = (user: IDataObject, key: string) => string | undefined;

/** How the run tells which vendor users it may remove. */
export interface RemovalRules {
	/** The user is already removed (e.g. archived): not planned again. */
	isRemoved(user: IDataObject): boolean;
	/** The vendor's fields that name a user (email, user name), compared with Never Remove besides the match key and ID. */
	nameFields: string[];
}

/**
 * The vendor users no input person has: those inside Manage Only (every user when it has no
 * rule), not on Never Remove, and not already removed. A user without a match key cannot be
 * matched, so is never removed.
 */
export function removalCandidates(
	ctx: IExecuteSingleFunctions,
	steps: UpsertSteps,
	directory: Directory,
	inputKeys: Set<string>,
	settings: SyncSettings,
	rules: RemovalRules,
): Removal[] {
	const out: Removal[] = [];
	for (const [key, users] of directory.entries()) {
		if (inputKeys.has(key)) continue;
		for (const user of users) {
			if (rules.isRemoved(user)) continue;
			if (settings.rules.length && !settings.rules.some((rule) => rule.pattern.test(String(valueAt(user, rule.field) ?? '')))) continue;
			const names = [key, steps.idOf(user), ...rules.nameFields.map((field) => user[field])].filter((v): v is string => typeof v === 'string' && v !== '');
			if (settings.neverRemove.some((glob) => names.some((name) => glob.test(name)))) continue;
			// a listed user has the fields a person's wanted fields have, so it is shown as a person's key is
			out.push({ user, shown: steps.keyOf(ctx, user) });
		}
	}
	return out;
}

/** The limit on removals for a directory of `size` users. */
export function removalLimitOf(settings: SyncSettings, size: number): number {
	return settings.maxRemovals ?? defaultRemovalLimit(size);
}

/** More removals planned than the limit allows, with If Too Many Removals on Stop: the run fails before any write. */
export function tooManyRemovals(ctx: IExecuteSingleFunctions, count: number, limit: number, settings: SyncSettings, size: number): NodeOperationError {
	const which =
		settings.maxRemovals === undefined
			? `the default limit of ${limit} (10% of the ${size} users listed, rounded up, or 50, whichever is smaller)`
			: `the limit of ${limit} set in Max Removals (syncOptions.maxRemovals)`;
	return new NodeOperationError(ctx.getNode(), `${count} users would be removed, more than ${limit} allowed: nothing was written`, {
		description:
			`${count} users in the managed scope are not in the input, above ${which}. No user was created, changed or removed. ` +
			'An input that is not the complete list (a filtered export, a failed step before this one) looks like this. ' +
			'Run with Dry Run on to see the plan; if these users really left, raise Max Removals, or set If Too Many Removals to "Skip Removals" to apply the rest.',
	});
}
