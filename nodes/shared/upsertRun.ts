import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { lookUpModeOf, readDirectory, type Directory } from './directory';
import { maxInFlightOf } from './inflight';
import { changedFields, matchedMany, type UpsertAction, type UpsertSteps } from './upsert';
import { batchingOf, buildAll, eachLimited, Outcome, type Built, type RequestPlan } from './wholeInput';

/**
 * Create or Update as one function over all input items (n8n's `customOperations`):
 * 1. every item's parameters are read once and its create request built and checked, before
 *    any request (a bad item fails alone under Continue On Fail);
 * 2. the items are grouped by match key: one person is written once, and a later item with
 *    the same key sees what an earlier one found or wrote;
 * 3. where the API lists every user, Look Up Users decides whether the list is read once
 *    and matched in memory, or each person looked up with its own request;
 * 4. the groups run at most Max Requests at Once at a time (each request also waits for a
 *    place in the credential's in-flight cap), items of a group one after another in input
 *    order; n8n's Batching setting spaces out when groups start.
 */

export interface Planned extends Built {
	wanted: IDataObject;
	key: string;
}

/** Each built item's wanted fields and match key (a missing key fails that item). */
export function planAll(built: Built[], steps: UpsertSteps, outcome: Outcome): Planned[] {
	const planned: Planned[] = [];
	for (const item of built) {
		try {
			const wanted = steps.wanted(item.ctx, item.request);
			planned.push({ ...item, wanted, key: steps.matchKey(item.ctx, wanted) });
		} catch (error) {
			outcome.fail(item.ctx, error);
		}
	}
	return planned;
}

/** The planned items by match key, each key's items in input order, keys in order of first appearance. */
export function byKey(planned: Planned[]): Planned[][] {
	const groups = new Map<string, Planned[]>();
	for (const item of planned) {
		const group = groups.get(item.key);
		if (group) group.push(item);
		else groups.set(item.key, [item]);
	}
	return [...groups.values()];
}

/** Several users under one match key: Create or Update changes a user only when exactly one matches. */
export function ambiguous(ctx: IExecuteSingleFunctions, steps: UpsertSteps, wanted: IDataObject, matches: IDataObject[]): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), matchedMany(steps, steps.keyOf(ctx, wanted), matches).text, {
		description: 'Create or Update changes a user only when exactly one matches. Merge or remove the duplicates, or match on another field.',
		itemIndex: ctx.getItemIndex(),
	});
}

/** The users that match an item: from the directory (confirmed with a lookup where it may leave users out), else a lookup. */
export async function matchesOf(steps: UpsertSteps, item: Planned, directory: Directory | undefined, earlier: IDataObject | undefined): Promise<IDataObject[]> {
	if (directory) {
		const listed = directory.find(item.key);
		if (listed.length > 0 || !steps.directory?.confirmMissing) return listed;
		return await steps.find(item.ctx, item.request, item.wanted);
	}
	return earlier ? [earlier] : await steps.find(item.ctx, item.request, item.wanted);
}

/** The fields of `current` that differ from `wanted`; a listed user is read whole first where the list may lack fields. */
export async function changesOf(steps: UpsertSteps, item: Planned, current: IDataObject, fromList: boolean): Promise<{ current: IDataObject; changes: IDataObject }> {
	let changes = changedFields(current, item.wanted);
	const readWhole = steps.directory?.readWhole;
	if (steps.update && fromList && readWhole && Object.keys(changes).length > 0) {
		current = await readWhole(item.ctx, item.request, current);
		changes = changedFields(current, item.wanted);
	}
	return { current, changes };
}

async function upsertOne(steps: UpsertSteps, item: Planned, directory: Directory | undefined, earlier: IDataObject | undefined): Promise<{ action: UpsertAction; user: IDataObject }> {
	const matches = await matchesOf(steps, item, directory, earlier);
	if (matches.length > 1) throw ambiguous(item.ctx, steps, item.wanted, matches);
	if (matches.length === 0) return { action: 'created', user: await steps.create(item.ctx, item.request, item.wanted) };
	const { current, changes } = await changesOf(steps, item, matches[0], directory !== undefined);
	if (!steps.update || Object.keys(changes).length === 0) return { action: 'unchanged', user: current };
	return { action: 'updated', user: await steps.update(item.ctx, item.request, current, changes) };
}

/**
 * The run's directories (one per scope, e.g. per Match On), read when Look Up Users asks for
 * it; undefined for an item looked up with its own request. A failed read fails every item
 * that needed it.
 */
function directories(steps: UpsertSteps, planned: Planned[], lookups: number, idOf: (user: IDataObject) => string) {
	const source = steps.directory;
	const reads = new Map<string, Promise<Directory | undefined>>();
	return async (item: Planned): Promise<Directory | undefined> => {
		if (!source) return undefined;
		const mode = lookUpModeOf(item.ctx);
		if (mode === 'perItem' || (mode === 'auto' && lookups < 2)) return undefined;
		const scope = `${mode}|${source.scope?.(item.ctx) ?? ''}`;
		let read = reads.get(scope);
		if (!read) {
			read = readDirectory(item.ctx, source, item.request, idOf, mode === 'auto' ? lookups : undefined);
			reads.set(scope, read);
		}
		return await read;
	};
}

/** The custom operation of Create or Update for a node whose description `description()` gives. */
export function upsertRun(description: () => INodeTypeDescription, plan: RequestPlan, steps: UpsertSteps) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const outcome = new Outcome(this, this.getInputData().length);
		const planned = planAll(await buildAll(this, description(), plan, outcome), steps, outcome);
		const groups = byKey(planned);
		const directoryOf = directories(steps, planned, groups.length, steps.idOf);
		await eachLimited(
			groups,
			maxInFlightOf(this.getNode()),
			async (group) => {
				let earlier: IDataObject | undefined;
				for (const item of group) {
					try {
						const directory = await directoryOf(item);
						const { action, user } = await upsertOne(steps, item, directory, earlier);
						directory?.put(user);
						earlier = user;
						outcome.put(item.index, { action, ...user });
					} catch (error) {
						outcome.fail(item.ctx, error);
					}
				}
			},
			batchingOf(this),
		);
		return outcome.items();
	};
}
