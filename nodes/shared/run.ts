import type { IExecuteData, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * What the items of one node run share. n8n's RoutingNode builds every item's request and
 * starts them all at once; the items of one run have the same execute data (the node's input),
 * so the state lives in a WeakMap under that object: it is never shared between runs,
 * executions or nodes, and goes when n8n drops the run. It is released explicitly when the
 * run's last item has finished (and, on n8n versions that have the hook, when the execution
 * ends), so a directory read for the run does not outlive it.
 *
 * Items are ordered by a key: an item waits until every earlier item of the run with the same
 * key has finished. Items enter in input order: RoutingNode starts them in that order and
 * every item goes through the same preSend hooks, the upsert's registering it before its
 * first await. The key is known only once the item's request has been built, so items are
 * dispatched one after another in the order they entered, each as soon as its key is known.
 */

export interface Slot {
	/** The item's key once its request is built; undefined when building it failed. */
	keyed(key: string | undefined): void;
	/** Resolves when every earlier item with the same key has finished. */
	readonly turn: Promise<void>;
	/** The item is done (call on every path; a second call does nothing). */
	finish(): void;
	/** What the item's preSend worked out, kept for its pagination (so it is not evaluated twice). */
	value?: unknown;
}

export class RunState {
	private readonly slots = new Map<number, Slot>();

	private readonly tails = new Map<string, Promise<void>>();

	private readonly shared = new Map<string, unknown>();

	private dispatched: Promise<void> = Promise.resolve();

	private finished = 0;

	private released = false;

	constructor(
		/** How many items the run has. */
		readonly size: number,
		private readonly onRelease: () => void,
	) {
		open++;
	}

	/** Registers an item (call synchronously as it starts, so items enter in input order). */
	enter(itemIndex: number): Slot {
		let keyed: (key: string | undefined) => void = () => undefined;
		const key = new Promise<string | undefined>((resolve) => (keyed = resolve));
		let markDone: () => void = () => undefined;
		const done = new Promise<void>((resolve) => (markDone = resolve));
		let own: string | undefined;
		const dispatch = this.dispatched.then(async () => {
			own = await key;
			if (own === undefined) return undefined;
			const previous = this.tails.get(own);
			this.tails.set(own, done);
			return previous;
		});
		this.dispatched = dispatch.then(() => undefined);
		let finished = false;
		const slot: Slot = {
			keyed,
			turn: dispatch.then(async (previous) => await previous),
			finish: () => {
				if (finished) return;
				finished = true;
				keyed(undefined);
				markDone();
				if (own !== undefined && this.tails.get(own) === done) this.tails.delete(own);
				this.slots.delete(itemIndex);
				if (++this.finished >= this.size) this.release();
			},
		};
		this.slots.set(itemIndex, slot);
		return slot;
	}

	/** The slot an item registered, if it did. */
	slot(itemIndex: number): Slot | undefined {
		return this.slots.get(itemIndex);
	}

	/** A value made once per run and shared by its items (e.g. the directory read). */
	once<T>(name: string, make: () => T): T {
		if (!this.shared.has(name)) this.shared.set(name, make());
		return this.shared.get(name) as T;
	}

	release(): void {
		if (this.released) return;
		this.released = true;
		open--;
		this.shared.clear();
		this.tails.clear();
		this.onRelease();
	}
}

const runs = new WeakMap<IExecuteData, RunState>();

/** Run states made and not yet released (tests: a run must not leave its state behind). */
let open = 0;
export function openRuns(): number {
	return open;
}

function sizeOf(ctx: IExecuteSingleFunctions, data: IExecuteData): number {
	if (ctx.getNode().executeOnce === true) return 1;
	const connections = data.data ?? {};
	const input: Array<INodeExecutionData[] | null> | undefined = connections.main ?? connections.ai_tool;
	return Array.isArray(input?.[0]) ? input[0].length : 1;
}

/** The state of the run `ctx` belongs to, made on first use; undefined outside a node run. */
export function runOf(ctx: IExecuteSingleFunctions): RunState | undefined {
	const data = typeof ctx.getExecuteData === 'function' ? ctx.getExecuteData() : undefined;
	if (!data || typeof data !== 'object') return undefined;
	let run = runs.get(data);
	if (!run) {
		const made = new RunState(sizeOf(ctx, data), () => {
			if (runs.get(data) === made) runs.delete(data);
		});
		runs.set(data, made);
		ctx.onExecutionFinish?.(() => made.release());
		run = made;
	}
	return run;
}
