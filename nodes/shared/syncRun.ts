import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeTypeDescription } from 'n8n-workflow';

import { readDirectory, type Directory, type DirectorySource } from './directory';
import { maxInFlightOf } from './inflight';
import {
	beforeAfter,
	planGroup,
	removalCandidates,
	removalLimitOf,
	syncSettingsOf,
	tooManyRemovals,
	type PersonPlan,
	type Removal,
	type SyncSettings,
} from './syncPlan';
import type { RequestOptions } from './transport';
import { changedFields, matchedMany, type UpsertSteps } from './upsert';
import { byKey, planAll } from './upsertRun';
import { batchingOf, buildAll, eachLimited, nodeErrorOf, Outcome, type RequestPlan } from './wholeInput';

/**
 * Sync Users as one function over all input items (n8n's `customOperations`): the input is
 * everyone who should exist. The whole directory is read (a failed or cut read fails the run:
 * nothing is written, nobody removed), every person planned as Create or Update would, the
 * vendor users without a person found, the removal limit checked, and only then written:
 * persons first (groups at most Max Requests at Once at a time), then the removals. With Dry
 * Run the plan is the output and nothing is written.
 */

export interface SyncVendor {
	steps: UpsertSteps & { directory: DirectorySource };
	/** The Remove As choices, gentlest first. */
	removeChoices: string[];
	/** Removes (archives, deletes) `user` the way `how` says; gives the vendor's answer, if any. */
	remove(ctx: IExecuteFunctions, request: RequestOptions, user: IDataObject, how: string): Promise<IDataObject | undefined>;
	/** The user is already removed in the way `how` says (e.g. archived): not planned again. */
	isRemoved?(user: IDataObject, how: string): boolean;
	/** The fields of a listed user that name it (email, user name): Never Remove compares them, besides the match key and ID. */
	nameFields: string[];
}

function personJson(plan: PersonPlan, user: IDataObject | undefined, dryRun: boolean, keyOf: string): IDataObject {
	const json: IDataObject = { action: plan.action, matchKey: keyOf };
	if (dryRun) json.dryRun = true;
	if (plan.action === 'created' || plan.action === 'updated') json.changedFields = beforeAfter(plan.action === 'created' ? undefined : plan.current, plan.changes);
	return { ...json, ...(user ?? {}) };
}

/** Writes one person as planned; a later item of the same key is compared with what the earlier one wrote. */
async function writePerson(steps: UpsertSteps, plan: PersonPlan, earlier: IDataObject | undefined): Promise<{ plan: PersonPlan; user: IDataObject }> {
	const { item } = plan;
	if (earlier !== undefined) {
		const changes = changedFields(earlier, item.wanted);
		if (!steps.update || Object.keys(changes).length === 0) return { plan: { ...plan, action: 'unchanged', current: earlier, changes: {} }, user: earlier };
		const user = await steps.update(item.ctx, item.request, earlier, changes);
		return { plan: { ...plan, action: 'updated', current: earlier, changes }, user };
	}
	if (plan.action === 'created') return { plan, user: await steps.create(item.ctx, item.request, item.wanted) };
	if (plan.action === 'updated' && steps.update) return { plan, user: await steps.update(item.ctx, item.request, plan.current!, plan.changes) };
	return { plan, user: plan.current! };
}

function ambiguousJson(plan: PersonPlan, steps: UpsertSteps, keyOf: string, dryRun: boolean): IDataObject {
	const { ids, text } = matchedMany(steps, keyOf, plan.matches);
	return {
		action: 'ambiguous',
		matchKey: keyOf,
		...(dryRun ? { dryRun: true } : {}),
		reason: `${text}. Nothing was written for this person: merge or remove the duplicates.`,
		matches: ids,
	};
}

function removalJson(removal: Removal, settings: SyncSettings, action: 'removed' | 'skipped', reason: string, answer?: IDataObject): IDataObject {
	return {
		action,
		matchKey: removal.shown,
		...(settings.dryRun && action === 'removed' ? { dryRun: true } : {}),
		...(action === 'removed' ? { removedAs: settings.removeAs } : {}),
		reason,
		...removal.user,
		...(answer ?? {}),
	};
}

/** The custom operation of Sync Users for a node whose description `description()` gives. */
export function syncRun(description: () => INodeTypeDescription, plan: RequestPlan, vendor: SyncVendor) {
	const { steps } = vendor;
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const size = this.getInputData().length;
		const outcome = new Outcome(this, size);
		const planned = planAll(await buildAll(this, description(), plan, outcome), steps, outcome);
		if (planned.length === 0) return outcome.items();
		const first = planned[0];
		const settings = syncSettingsOf(first.ctx, vendor.removeChoices);

		// The whole directory, or the run fails: a partial list must never make anyone look gone.
		let directory: Directory;
		try {
			directory = (await readDirectory(first.ctx, steps.directory, first.request, steps.idOf))!;
		} catch (error) {
			for (const item of planned) outcome.fail(item.ctx, error);
			return outcome.items();
		}

		const groups = byKey(planned);
		const plans: PersonPlan[][] = [];
		await eachLimited(groups, maxInFlightOf(this.getNode()), async (group) => {
			try {
				plans.push(await planGroup(steps, group, directory));
			} catch (error) {
				for (const item of group) outcome.fail(item.ctx, error);
			}
		});

		const candidates = settings.removeMissing
			? removalCandidates(first.ctx, steps, directory, new Set(planned.map((p) => p.key)), settings, {
					isRemoved: (user) => vendor.isRemoved?.(user, settings.removeAs) ?? false,
					nameFields: vendor.nameFields,
				})
			: [];
		const limit = removalLimitOf(settings, directory.listed);
		// An input item that could not be read may be a person who should stay: no removals then.
		const unread = size - planned.length + (groups.length - plans.length);
		let skip: string | undefined;
		if (unread > 0) skip = `${unread} input items failed before they could be matched, so no user is removed in this run`;
		else if (candidates.length > limit) {
			// Dry Run shows what the guard would do instead of failing
			if (settings.tooMany === 'stop' && !settings.dryRun) throw tooManyRemovals(first.ctx, candidates.length, limit, settings, directory.listed);
			skip =
				settings.tooMany === 'stop'
					? `${candidates.length} users would be removed, more than the limit of ${limit}: the run would stop before writing anything`
					: `${candidates.length} users would be removed, more than the limit of ${limit}: none is removed in this run`;
		}

		if (settings.dryRun) {
			for (const group of plans) {
				for (const p of group) {
					const keyOf = steps.keyOf(p.item.ctx, p.item.wanted);
					outcome.put(p.item.index, p.action === 'ambiguous' ? ambiguousJson(p, steps, keyOf, true) : personJson(p, p.action === 'created' ? p.item.wanted : { ...p.current, ...p.changes }, true, keyOf));
				}
			}
			const removals = candidates.map((removal) => ({ json: removalJson(removal, settings, skip ? 'skipped' : 'removed', skip ?? 'not in the input') }));
			return [[...outcome.items()[0], ...removals]];
		}

		await eachLimited(
			plans,
			maxInFlightOf(this.getNode()),
			async (group) => {
				let earlier: IDataObject | undefined;
				for (const p of group) {
					const keyOf = steps.keyOf(p.item.ctx, p.item.wanted);
					if (p.action === 'ambiguous') {
						outcome.put(p.item.index, ambiguousJson(p, steps, keyOf, false));
						continue;
					}
					try {
						const done = await writePerson(steps, p, earlier);
						earlier = done.user;
						outcome.put(p.item.index, personJson(done.plan, done.user, false, keyOf));
					} catch (error) {
						outcome.fail(p.item.ctx, error);
					}
				}
			},
			batchingOf(this),
		);

		const done: INodeExecutionData[] = new Array<INodeExecutionData>(candidates.length);
		if (skip) {
			candidates.forEach((removal, i) => (done[i] = { json: removalJson(removal, settings, 'skipped', skip) }));
		} else {
			const indexes = candidates.map((_, i) => i);
			await eachLimited(indexes, maxInFlightOf(this.getNode()), async (i) => {
				const removal = candidates[i];
				try {
					const answer = await vendor.remove(this, first.request, removal.user, settings.removeAs);
					done[i] = { json: removalJson(removal, settings, 'removed', 'not in the input', answer) };
				} catch (error) {
					const own = nodeErrorOf(this.getNode(), error);
					if (!outcome.continueOnFail) throw own;
					done[i] = { json: {}, error: own };
				}
			});
		}
		return [[...outcome.items()[0], ...done.filter(Boolean)]];
	};
}
