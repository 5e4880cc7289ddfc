import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeTypeDescription,
	type PreSendAction,
} from 'n8n-workflow';

import { vendorApiError } from './errors';
import { itemContexts } from './itemContext';
import type { RequestOptions } from './transport';

/**
 * What every whole-input operation (n8n's `customOperations`: one function over all input
 * items, inside a declarative node) needs: each item's request built and checked by the same
 * hooks as the declarative operation, before any request goes out; Continue On Fail (the
 * failing item becomes an error item, the others go through); n8n's request options; and the
 * items put back in input order with their pairedItem.
 */

/** How an operation's request is built for each item, as the declarative routing would. */
export interface RequestPlan {
	/** The request every item starts from: the credential's base URL, Accept, the wire format. */
	base(ctx: IExecuteSingleFunctions): Promise<RequestOptions>;
	/** The operation's method, URL and headers. */
	request: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string> };
	/** The operation's preSend hooks, which build and check the body (after the node's own, on Resource). */
	preSend?: PreSendAction[];
}

/** One input item, its request built. */
export interface Built {
	index: number;
	ctx: IExecuteSingleFunctions;
	request: RequestOptions;
}

/** n8n's per-node request options (timeout, proxy, self-signed certificates), as RoutingNode applies them. */
function requestOptionsOf(ctx: IExecuteSingleFunctions): Partial<IHttpRequestOptions> {
	const options = (ctx.getNodeParameter('requestOptions', {}) ?? {}) as IDataObject;
	const out: Partial<IHttpRequestOptions> = { timeout: Number(options.timeout) > 0 ? Number(options.timeout) : 300_000 };
	if (options.allowUnauthorizedCerts === true) out.skipSslCertificateValidation = true;
	if (typeof options.proxy === 'string' && options.proxy.trim() !== '') {
		const url = new URL(options.proxy.includes('://') ? options.proxy : `http://${options.proxy}`);
		out.proxy = {
			host: url.hostname,
			port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
			protocol: url.protocol.replace(/:$/, ''),
			...(url.username ? { auth: { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } } : {}),
		};
	}
	return out;
}

/** The preSend hooks every operation of the node runs first (the Resource parameter's). */
function nodeHooks(description: INodeTypeDescription): PreSendAction[] {
	return description.properties.find((p) => p.name === 'resource')?.routing?.send?.preSend ?? [];
}

/** n8n's Batching (Request Options): items start `batchSize` at a time, `batchInterval` ms apart. */
export function batchingOf(ctx: IExecuteFunctions): { size: number; interval: number } {
	const options = (ctx.getNodeParameter('requestOptions', 0, {}) ?? {}) as IDataObject;
	const batch = ((options.batching as IDataObject | undefined)?.batch ?? {}) as IDataObject;
	const size = Number(batch.batchSize) > 0 ? Number(batch.batchSize) : 1;
	const interval = Number(batch.batchInterval) > 0 ? Number(batch.batchInterval) : 0;
	return { size, interval };
}

/** A failure as an item's own error (a shared failure, such as the directory read, is given to each item). */
export function errorForItem(ctx: IExecuteSingleFunctions, error: unknown): Error {
	const itemIndex = ctx.getItemIndex();
	if (error instanceof NodeApiError) {
		if (error.context?.itemIndex === itemIndex) return error;
		return vendorApiError(ctx.getNode(), error.message, error.description ?? '', Number(error.httpCode) || undefined, itemIndex);
	}
	if (error instanceof NodeOperationError) {
		if (error.context?.itemIndex === itemIndex) return error;
		return new NodeOperationError(ctx.getNode(), error.message, { description: error.description ?? undefined, itemIndex });
	}
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : new Error(String(error)), { itemIndex });
}

/** A failure that belongs to no input item (a removal), as the node's error. */
export function nodeErrorOf(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : new Error(String(error)));
}

/** The items of a run, in input order: each input's output, or its error item under Continue On Fail. */
export class Outcome {
	private readonly out: INodeExecutionData[][];

	readonly continueOnFail: boolean;

	constructor(exec: IExecuteFunctions, size: number) {
		this.out = Array.from({ length: size }, () => []);
		this.continueOnFail = exec.continueOnFail();
	}

	/** Input `index` gives these JSON objects. */
	put(index: number, ...json: IDataObject[]): void {
		this.putAll(index, json);
	}

	/** Input `index` gives this list (a loop, not a spread: a list may hold 100,000 users). */
	putAll(index: number, json: IDataObject[]): void {
		const out = this.out[index];
		for (const j of json) out.push({ json: j, pairedItem: { item: index } });
	}

	/** Input `index` failed: an error item under Continue On Fail, else the run stops with the error. */
	fail(ctx: IExecuteSingleFunctions, error: unknown): void {
		const own = errorForItem(ctx, error);
		if (!this.continueOnFail) throw own;
		this.out[ctx.getItemIndex()] = [{ json: {}, error: own as NodeApiError, pairedItem: { item: ctx.getItemIndex() } }];
	}

	items(): INodeExecutionData[][] {
		return [this.out.length === 1 ? this.out[0] : this.out.flat()];
	}
}

/**
 * Every input item's request, built and checked as the declarative operation would (the
 * node's own checks on Resource, then the operation's preSend), before any request is sent.
 * An item that fails here fails alone under Continue On Fail and is left out of the result.
 */
export async function buildAll(exec: IExecuteFunctions, description: INodeTypeDescription, plan: RequestPlan, outcome: Outcome): Promise<Built[]> {
	const contexts = itemContexts(exec);
	const inputs = exec.getInputData();
	const hooks = [...nodeHooks(description), ...(plan.preSend ?? [])];
	const built: Built[] = [];
	let base: RequestOptions | undefined;
	for (let index = 0; index < inputs.length; index++) {
		const ctx = contexts.item(index);
		try {
			// the credential and the request options are the node's, the same for every item
			base ??= { ...(await plan.base(ctx)), ...requestOptionsOf(ctx) };
			let request = {
				...base,
				method: plan.request.method,
				url: plan.request.url,
				headers: { ...(base.headers ?? {}), ...(plan.request.headers ?? {}) },
				qs: { ...(base.qs ?? {}) },
			} as IHttpRequestOptions;
			for (const hook of hooks) request = await hook.call(ctx, request);
			built.push({ index, ctx, request: request as RequestOptions });
		} catch (error) {
			outcome.fail(ctx, error);
		}
	}
	return built;
}

/**
 * Runs `work` on every entry, at most `limit` at a time, each next one starting as one ends,
 * none after one has failed; n8n's Batching, when set, starts them `size` at a time with `interval` ms between batches.
 */
export async function eachLimited<T>(entries: T[], limit: number, work: (entry: T) => Promise<void>, batching = { size: 1, interval: 0 }): Promise<void> {
	let next = 0;
	let started = 0;
	let failed = false;
	const worker = async (): Promise<void> => {
		while (next < entries.length && !failed) {
			const entry = entries[next++];
			if (batching.interval > 0 && started > 0 && started % batching.size === 0) {
				await sleep(batching.interval);
			}
			started++;
			// a failure stops the run: no further entry starts (those under way finish)
			await work(entry).catch((error: unknown) => {
				failed = true;
				throw error;
			});
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, entries.length)) }, worker));
}
