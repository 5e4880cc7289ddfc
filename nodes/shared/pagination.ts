import {
	NodeApiError,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import type { ErrorHints } from './errors';
import { routedRequest } from './request';
import { parameterError } from './validate';

/** What a list response said about the whole list, recorded by the node's postReceive. */
export interface PageInfo {
	/** Total number of records the server reports for the whole list. */
	total?: number;
	/** The server says this was the last page. */
	done?: boolean;
	/** How many pages the server says the whole list has. */
	pages?: number;
}

const pageInfo = new WeakMap<INodeExecutionData[], PageInfo>();

/** Called by a node's list postReceive to tell the pager what the envelope said. */
export function withPageInfo(items: INodeExecutionData[], info: PageInfo): INodeExecutionData[] {
	pageInfo.set(items, info);
	return items;
}

export type PagingStyle =
	| {
			/** Page number and page size parameters; pages count from `firstPage`. */
			type: 'page';
			pageParam: string;
			sizeParam: string;
			firstPage: 0 | 1;
			maxPageSize: number;
	  }
	| {
			/** Offset (items to skip) and limit parameters. */
			type: 'offset';
			offsetParam: string;
			limitParam: string;
			maxPageSize: number;
	  };

/** A server that keeps saying "more" cannot make a run go on past this many requests. */
export const MAX_PAGES = 5000;

function fingerprint(page: INodeExecutionData[]): string {
	return `${page.length}|${JSON.stringify(page[0]?.json)}|${JSON.stringify(page[page.length - 1]?.json)}`;
}

/** The Limit (the request's `maxResults`); a value that is not a whole number of at least 1 is refused. */
function limitOf(ctx: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions): number {
	const raw: unknown = requestData.maxResults;
	if (raw === undefined || raw === '' || raw === null) return Infinity;
	const n = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN;
	if (!Number.isInteger(n) || n < 1) {
		const shown = typeof raw === 'object' ? 'an object' : `"${String(raw).slice(0, 40)}"`;
		throw parameterError(ctx, 'Limit', 'limit', 'not a whole number of at least 1', `The value given was ${shown}. Use a number such as 50, or turn on Return All.`);
	}
	return n;
}

/**
 * A `routing.operations.pagination` function for list operations. Return All fetches
 * every page; with Limit (the `maxResults` of the request) it asks for no more than it
 * needs and stops as soon as it has enough. It stops on the envelope's total or last-page
 * flag, on an empty page, or on a short page when the envelope says nothing. A page that
 * repeats the previous one, or more than MAX_PAGES pages, ends in an error instead of a loop.
 */
export function paginate(style: PagingStyle, hints?: ErrorHints) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const limit = limitOf(this, requestData);
		const pageSize = style.type === 'page' ? Math.min(style.maxPageSize, limit) : style.maxPageSize;
		const collected: INodeExecutionData[] = [];
		let previous = '';
		let first: PageInfo = {};
		for (let index = 0; ; index++) {
			if (index >= MAX_PAGES) {
				throw new NodeApiError(this.getNode(), {} as JsonObject, {
					message: `Stopped after ${MAX_PAGES} pages: the server kept reporting more results`,
					description: `${collected.length} items were received. Use Limit, or narrow the request with filters.`,
				});
			}
			const qs = { ...(requestData.options.qs ?? {}) };
			let asked = pageSize;
			if (style.type === 'page') {
				qs[style.pageParam] = style.firstPage + index;
				qs[style.sizeParam] = pageSize;
			} else {
				asked = Math.min(pageSize, limit - collected.length);
				qs[style.offsetParam] = collected.length;
				qs[style.limitParam] = asked;
			}
			const page = await routedRequest.call(
				this,
				{ ...requestData, options: { ...requestData.options, qs } },
				hints,
			);
			const info = pageInfo.get(page) ?? {};
			if (page.length === 0) break;
			const print = fingerprint(page);
			if (print === previous) {
				throw new NodeApiError(this.getNode(), {} as JsonObject, {
					message: 'The server returned the same page twice, so paging was stopped',
					description: `Page ${index + 1} repeated page ${index}; ${collected.length} items had been received. The server may be ignoring the paging parameters.`,
				});
			}
			previous = print;
			if (index === 0) first = { total: info.total, pages: info.pages };
			for (const item of page) collected.push(item);
			// A list may grow a little while it is read, but not to twice what the server first said.
			const grewTotal = first.total !== undefined && collected.length > 2 * first.total + pageSize;
			const grewPages = first.pages !== undefined && index + 1 > 2 * first.pages + 1;
			if ((grewTotal || grewPages) && collected.length < limit) {
				throw new NodeApiError(this.getNode(), {} as JsonObject, {
					message: 'The server kept reporting more results than it first said, so paging was stopped',
					description: `It first reported ${grewTotal ? `${first.total} results` : `${first.pages} pages`}; ${collected.length} items had been received in ${index + 1} pages. Use Limit, or try again later.`,
				});
			}
			if (collected.length >= limit) return collected.slice(0, limit);
			if (info.done === true) break;
			if (info.total !== undefined) {
				if (collected.length >= info.total) break;
			} else if (info.done === undefined && page.length < asked) {
				break;
			}
		}
		return collected;
	};
}
