import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

/**
 * The paging engine: collects a list page by page through a `fetchPage(query)` callback, so
 * a declarative node, a trigger's `poll()` and a directory read all page the same way and
 * with the same guards. It knows nothing of URLs or of n8n's routing.
 */

/** What a list response said about the whole list. */
export interface PageInfo {
	/** Total number of records the server reports for the whole list. */
	total?: number;
	/** The server says this was the last page. */
	done?: boolean;
	/** How many pages the server says the whole list has. */
	pages?: number;
}

/** One page as a vendor's reader gives it. */
export interface Page {
	entries: IDataObject[];
	info: PageInfo;
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

export interface CollectOptions {
	/** Stop once this many entries have arrived (Limit); all of them when not given. */
	limit?: number;
	/** Called with each page as it arrives (e.g. to count requests or report progress). */
	onPage?(page: Page, index: number): void;
}

function fingerprint(page: IDataObject[]): string {
	return `${page.length}|${JSON.stringify(page[0])}|${JSON.stringify(page[page.length - 1])}`;
}

/** The paging parameters of the page at `index`, given how many entries have arrived. */
export function pageQuery(style: PagingStyle, index: number, received: number, pageSize: number, limit: number): { query: IDataObject; asked: number } {
	if (style.type === 'page') {
		return { query: { [style.pageParam]: style.firstPage + index, [style.sizeParam]: pageSize }, asked: pageSize };
	}
	const asked = Math.min(pageSize, limit - received);
	return { query: { [style.offsetParam]: received, [style.limitParam]: asked }, asked };
}

/**
 * Fetches pages until the list ends: on the envelope's total or last-page flag, on an empty
 * page, or on a short page when the envelope says nothing. With a limit it asks for no more
 * than it needs and stops as soon as it has enough. A page that repeats the previous one, a
 * list that grows past twice what the server first said, or more than MAX_PAGES pages end in
 * an error that says how many entries had arrived, never in a loop or a silent partial list.
 */
export async function collect(
	node: INode,
	style: PagingStyle,
	fetchPage: (query: IDataObject) => Promise<Page>,
	options: CollectOptions = {},
): Promise<IDataObject[]> {
	const limit = options.limit ?? Infinity;
	const pageSize = style.type === 'page' ? Math.min(style.maxPageSize, limit) : style.maxPageSize;
	const collected: IDataObject[] = [];
	let previous = '';
	let first: PageInfo = {};
	for (let index = 0; ; index++) {
		if (index >= MAX_PAGES) {
			throw new NodeApiError(node, {} as JsonObject, {
				message: `Stopped after ${MAX_PAGES} pages: the server kept reporting more results`,
				description: `${collected.length} items were received. Use Limit, or narrow the request with filters.`,
			});
		}
		const { query, asked } = pageQuery(style, index, collected.length, pageSize, limit);
		const page = await fetchPage(query);
		options.onPage?.(page, index);
		const { entries, info } = page;
		if (entries.length === 0) break;
		const print = fingerprint(entries);
		if (print === previous) {
			throw new NodeApiError(node, {} as JsonObject, {
				message: 'The server returned the same page twice, so paging was stopped',
				description: `Page ${index + 1} repeated page ${index}; ${collected.length} items had been received. The server may be ignoring the paging parameters.`,
			});
		}
		previous = print;
		if (index === 0) first = { total: info.total, pages: info.pages };
		for (const entry of entries) collected.push(entry);
		// A list may grow a little while it is read, but not to twice what the server first said.
		const grewTotal = first.total !== undefined && collected.length > 2 * first.total + pageSize;
		const grewPages = first.pages !== undefined && index + 1 > 2 * first.pages + 1;
		if ((grewTotal || grewPages) && collected.length < limit) {
			throw new NodeApiError(node, {} as JsonObject, {
				message: 'The server kept reporting more results than it first said, so paging was stopped',
				description: `It first reported ${grewTotal ? `${first.total} results` : `${first.pages} pages`}; ${collected.length} items had been received in ${index + 1} pages. Use Limit, or try again later.`,
			});
		}
		if (collected.length >= limit) return collected.slice(0, limit);
		if (info.done === true) break;
		if (info.total !== undefined) {
			if (collected.length >= info.total) break;
		} else if (info.done === undefined && page.entries.length < asked) {
			break;
		}
	}
	return collected;
}
