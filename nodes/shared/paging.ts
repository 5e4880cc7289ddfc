import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import { prefetch, type Prefetch } from './prefetch';

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
	/** Called with each page, in order, as it is taken in (e.g. to count requests or report progress). */
	onPage?(page: Page, index: number): void;
	/**
	 * How many pages may be requested at once once the first two pages have said how long the
	 * list is (its total or page count); 1, or not given: one page after another.
	 */
	pagesAtOnce?: number;
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
 *
 * With `pagesAtOnce` above 1 and pages that give the list's total or page count, the pages
 * after the second are requested up to that many at once (./prefetch.ts), planned from the
 * entries the first page actually held (a server may cap the page size below what was
 * asked) once the second page has confirmed it. Pages are still taken in one by one, in
 * order, through the same checks: a page is used only when it answers the very request the
 * one-by-one reading would send next, so
 * the items, their order and the errors are those of reading one page after another; when
 * the reading would go another way (a short page with offset paging, a list longer than
 * planned) it goes on one page at a time from there, so nothing is lost.
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
	let ahead: Prefetch | undefined;
	let perPage = 0;
	try {
		for (let index = 0; ; index++) {
			if (index >= MAX_PAGES) {
				throw new NodeApiError(node, {} as JsonObject, {
					message: `Stopped after ${MAX_PAGES} pages: the server kept reporting more results`,
					description: `${collected.length} items were received. Use Limit, or narrow the request with filters.`,
				});
			}
			const { query, asked } = pageQuery(style, index, collected.length, pageSize, limit);
			const prefetched = ahead?.take(index, query);
			if (ahead && !prefetched) {
				// the reading went another way than planned: one page at a time from here
				await ahead.stop();
				ahead = undefined;
			}
			const page = await (prefetched ?? fetchPage(query));
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
			// Once the second page has confirmed what the first said (not a repeat, as many
			// entries, the list not ended), the rest go at once: a server that repeats its page or
			// whose total shrinks is still stopped after two requests.
			if (index === 1 && (options.pagesAtOnce ?? 1) > 1 && entries.length === perPage) {
				const queries = plannedQueries(style, perPage, info, pageSize, limit, 2);
				if (queries.length > 0) ahead = prefetch(queries, fetchPage, options.pagesAtOnce ?? 1, 2);
			}
			if (index === 0) perPage = entries.length;
		}
		return collected;
	} finally {
		// no request of this list is left running once it has ended, in success or in error
		await ahead?.stop();
	}
}

/**
 * The requests for the pages from index `from` on that the list's length says remain, as
 * reading one page after another would send them if every page held as many entries as the
 * first did; none when the page says nothing of the list's length.
 */
export function plannedQueries(style: PagingStyle, perPage: number, info: PageInfo, pageSize: number, limit: number, from = 1): IDataObject[] {
	// a list that says nothing of its length (HighQ) is read page by page, a Limit or not
	if (info.total === undefined && info.pages === undefined) return [];
	let pages: number | undefined;
	const wanted = Math.min(limit, info.total ?? Infinity);
	if (wanted !== Infinity) pages = Math.ceil(wanted / perPage);
	if (info.pages !== undefined) pages = Math.min(pages ?? info.pages, info.pages);
	if (pages === undefined || !Number.isFinite(pages)) return [];
	const queries: IDataObject[] = [];
	for (let index = from; index < Math.min(pages, MAX_PAGES); index++) queries.push(pageQuery(style, index, index * perPage, pageSize, limit).query);
	return queries;
}
