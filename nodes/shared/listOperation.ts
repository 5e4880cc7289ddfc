import type { IDataObject, IExecuteFunctions, IExecuteSingleFunctions, IHttpRequestOptions, INodeTypeDescription } from 'n8n-workflow';

import { maxInFlightOf } from './inflight';
import { limitOf } from './routing';
import type { RequestOptions } from './transport';
import type { CustomOperation } from './upsertOperation';
import { batchingOf, buildAll, eachLimited, Outcome, type Built, type RequestPlan } from './wholeInput';

/**
 * Get Many as one function over all input items (n8n's `customOperations`), not through n8n's
 * RoutingNode: RoutingNode evaluates the node's base-URL expression twice for every item in
 * n8n's expression sandbox and walks every parameter of the node, which a profile of a
 * 10,000-user Return All in n8n 2.41 put at about 18 ms a run, more than the whole gap to a
 * raw fetch of the same pages. Each item's request is built and checked by the same hooks as
 * before (./wholeInput.ts), Limit is read and checked as before, and the list is read by the
 * vendor layer's paging as before; items come out in input order with their pairedItem, and
 * Continue On Fail gives a failing item its error item.
 */
export interface ListPlan extends RequestPlan {
	/** The users of one item's request: all of them, or the first `limit`. */
	list(ctx: IExecuteSingleFunctions, request: RequestOptions, limit: number | undefined): Promise<IDataObject[]>;
}

/** Return All, or the Limit (checked: a whole number of at least 1). */
export function listLimit(ctx: IExecuteSingleFunctions): number | undefined {
	if (ctx.getNodeParameter('returnAll', false) === true) return undefined;
	return limitOf(ctx, ctx.getNodeParameter('limit', 50));
}

/** The whole-input function a node lists under `customOperations.<resource>.getAll`. */
export function listRun(description: () => INodeTypeDescription, plan: ListPlan): CustomOperation {
	return async function (this: IExecuteFunctions) {
		const outcome = new Outcome(this, this.getInputData().length);
		// every item's request and Limit checked before the first request
		const built: Array<Built & { limit: number | undefined }> = [];
		for (const item of await buildAll(this, description(), plan, outcome)) {
			try {
				built.push({ ...item, limit: listLimit(item.ctx) });
			} catch (error) {
				outcome.fail(item.ctx, error);
			}
		}
		// items' lists run at most Max Requests at Once at a time, as their requests do
		await eachLimited(
			built,
			maxInFlightOf(this.getNode()),
			async ({ index, ctx, request, limit }) => {
				try {
					const users = await plan.list(ctx, request, limit);
					outcome.putAll(index, users);
				} catch (error) {
					outcome.fail(ctx, error);
				}
			},
			batchingOf(this),
		);
		return outcome.items();
	};
}

/**
 * preSend: the fields of the collection parameter `collection` the user added, into the query
 * under the API's names (`names`: field -> query name), as n8n's `routing.send` of type query
 * put them.
 */
export function collectionQuery(collection: string, names: Record<string, string>) {
	return async function (this: IExecuteSingleFunctions, request: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const fields = (this.getNodeParameter(collection, {}) ?? {}) as IDataObject;
		const qs: IDataObject = { ...(request.qs ?? {}) };
		for (const [field, name] of Object.entries(names)) {
			const value = fields[field];
			if (value === undefined) continue;
			qs[name] = value;
		}
		request.qs = qs;
		return request;
	};
}
