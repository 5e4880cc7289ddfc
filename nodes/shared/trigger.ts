import {
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import { baseline, comparable, diff, removalLimit, type DirectoryChanges, type DirectoryEvent } from './changes';
import { readSnapshot, type UserShape } from './snapshot';

/**
 * The poll of a directory trigger, for any vendor: list the whole directory, compare it with
 * the snapshot of the previous poll (in the workflow's static data) and emit one item per
 * event. It uses only what n8n 1.x and 2.x both give a poll node (`getMode`,
 * `getWorkflowStaticData('node')`, `getNodeParameter`).
 *
 * Safety: a bad read never reports leavers.
 * - The snapshot is written only after a complete listing: a listing that fails or stops early
 *   throws the vendor's error before anything is compared or written.
 * - A poll that would report more removals than the limit throws, emits nothing (no
 *   created/updated either) and writes nothing: the next poll compares with the same snapshot,
 *   so every change is still reported once the listing is right or the limit is raised. The
 *   limit guards the snapshot even when `removed` is not among the events: a short listing
 *   stored as the snapshot would turn into false joiners when it recovers.
 */

export const EVENTS = ['created', 'updated', 'removed'] as const;

/** How many current users a manual run ("Fetch Test Event") returns as samples. */
export const SAMPLE_SIZE = 3;

/** Lists the directory: every user, or the first `limit`. Throws when the listing fails. */
export type ListUsers = (limit?: number) => Promise<IDataObject[]>;

interface TriggerOptions {
	events: Set<string>;
	maxRemovals?: number;
	emitExistingUsers: boolean;
	ignore: Set<string>;
}

function readOptions(ctx: IPollFunctions): TriggerOptions {
	const node = ctx.getNode();
	const events = ctx.getNodeParameter('events', []) as string[];
	const unknown = events.filter((e) => !(EVENTS as readonly string[]).includes(e));
	if (events.length === 0 || unknown.length > 0) {
		throw new NodeOperationError(node, 'Events: choose at least one of Created, Updated and Removed', {
			description: unknown.length > 0 ? `Not an event: ${unknown.join(', ')}` : 'No event is selected, so the trigger would never start the workflow.',
		});
	}
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const max = options.maxRemovals;
	if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 0)) {
		throw new NodeOperationError(node, 'Max Removals per Poll must be a whole number, 0 or more', {
			description: `The value was ${JSON.stringify(max)}. 0 turns the check off.`,
		});
	}
	const ignore = String(options.ignoreFields ?? '')
		.split(',')
		.map((f) => f.trim())
		.filter((f) => f !== '');
	return {
		events: new Set(events),
		maxRemovals: max as number | undefined,
		emitExistingUsers: options.emitExistingUsers === true,
		ignore: new Set(ignore),
	};
}

/** One item per event: `{ event, ...user }`, with `changedFields` (updated) or `reason` (removed). */
export function eventItem(e: DirectoryEvent): INodeExecutionData {
	const json: IDataObject = { event: e.event, ...e.user };
	json.event = e.event;
	if (e.event === 'updated') json.changedFields = e.changedFields;
	if (e.event === 'removed') json.reason = e.reason;
	return { json };
}

function output(events: DirectoryEvent[], selected: Set<string>): INodeExecutionData[][] | null {
	const items = events.filter((e) => selected.has(e.event)).map(eventItem);
	return items.length > 0 ? [items] : null;
}

function refuse(ctx: IPollFunctions, changes: DirectoryChanges, limit: number, maxRemovals: number | undefined): NodeOperationError {
	const { deleted, deactivated } = changes.removals;
	const which =
		maxRemovals === undefined
			? `the default limit of ${limit} (10% of the ${changes.previousActive} active users at the previous poll, rounded up, or 50, whichever is smaller)`
			: `the limit of ${limit} set in Max Removals per Poll`;
	return new NodeOperationError(ctx.getNode(), `${deleted + deactivated} users would be reported as removed, more than ${limit} allowed: nothing was reported`, {
		description:
			`${deleted} are gone from the list and ${deactivated} were deactivated, above ${which}. ` +
			'This poll emitted nothing (no created or updated either) and kept the previous snapshot, so no change is lost: ' +
			'the next poll compares with the same snapshot. A listing that comes back short (a changed filter or permission, ' +
			'a partial answer from the server) looks like this. If these users really left, raise Options → Max Removals per Poll ' +
			'above that number (0 turns the check off) for one poll, then set it back.',
	});
}

/**
 * The poll's context seen as the context of item 0, for the parameter readers and checks the
 * vendors' operations use (they read parameters and name them in errors), so a trigger's
 * filters are read and refused exactly like Get Many's.
 */
export function asItemContext(ctx: IPollFunctions): IExecuteSingleFunctions {
	return Object.assign(Object.create(ctx) as object, { getItemIndex: () => 0 }) as IExecuteSingleFunctions;
}

const polling = new Set<string>();

/**
 * The whole poll. `list` is the vendor's listing (its own paging and errors); `scope` what it
 * selects (the trigger's filters): when it differs from the snapshot's, the poll records a new
 * baseline instead of reporting the difference as joiners and leavers.
 */
export async function pollDirectory(
	ctx: IPollFunctions,
	shape: UserShape,
	list: ListUsers,
	scope: IDataObject = {},
): Promise<INodeExecutionData[][] | null> {
	const options = readOptions(ctx);
	if (ctx.getMode() === 'manual') {
		// Samples for the editor: a few current users as `created`; the snapshot is not touched.
		const samples = (await list(SAMPLE_SIZE * 4)).filter((u) => shape.isInactive?.(u) !== true).slice(0, SAMPLE_SIZE);
		return output(samples.map((user) => ({ event: 'created', user })), new Set(['created']));
	}
	// n8n may start a poll while the previous one of the same node still runs (a slow listing,
	// a short interval): that one would compare with the same snapshot and repeat its events.
	const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
	if (polling.has(key)) return null;
	polling.add(key);
	try {
		const staticData = ctx.getWorkflowStaticData('node');
		const previous = readSnapshot(staticData.snapshot);
		const users = await list();
		const scopeKey = JSON.stringify(scope);
		if (previous === undefined || !comparable(previous, shape, scopeKey)) {
			const { snapshot, listed } = baseline(shape, scopeKey, users);
			staticData.snapshot = snapshot;
			if (previous !== undefined || !options.emitExistingUsers) return null;
			const active = listed.filter((u) => shape.isInactive?.(u) !== true);
			return output(active.map((user) => ({ event: 'created', user })), options.events);
		}
		const changes = diff(shape, previous, users, options.ignore);
		const limit = removalLimit(options.maxRemovals, changes.previousActive);
		if (changes.removals.deleted + changes.removals.deactivated > limit) throw refuse(ctx, changes, limit, options.maxRemovals);
		if (changes.differs) staticData.snapshot = changes.next;
		return output(changes.events, options.events);
	} finally {
		polling.delete(key);
	}
}
