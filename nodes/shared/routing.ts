import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { RequestOptions } from './transport';
import { parameterError } from './validate';

/**
 * How the declarative nodes call the vendor API layers. n8n's RoutingNode builds each item's
 * request from the node's description (base URL, method, URL, query, headers, and the body
 * the preSend hooks set) and hands it to `routing.operations.pagination`, its one hook around
 * a whole request; these adapters pass that request to a vendor function and turn what it
 * gives into items. Nothing else of n8n's routing (postReceive, its own pagination) is used.
 */

export type Pagination = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/** The Limit; a value that is not a whole number of at least 1 is refused (none: Return All). */
export function limitOf(ctx: IExecuteSingleFunctions, raw: unknown): number | undefined {
	if (raw === undefined || raw === '' || raw === null) return undefined;
	const n = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN;
	if (!Number.isInteger(n) || n < 1) {
		const shown = typeof raw === 'object' ? 'an object' : `"${String(raw).slice(0, 40)}"`;
		throw parameterError(ctx, 'Limit', 'limit', 'not a whole number of at least 1', `The value given was ${shown}. Use a number such as 50, or turn on Return All.`);
	}
	return n;
}

function toItems(result: IDataObject | IDataObject[]): INodeExecutionData[] {
	return Array.isArray(result) ? result.map((json) => ({ json })) : [{ json: result }];
}

/** An operation: the vendor function gets the request RoutingNode built; its user(s) become the items. */
export function route(
	operation: (ctx: IExecutePaginationFunctions, request: RequestOptions) => Promise<IDataObject | IDataObject[]>,
): Pagination {
	return async function (this: IExecutePaginationFunctions, requestData) {
		return toItems(await operation(this, requestData.options));
	};
}
