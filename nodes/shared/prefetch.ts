import type { IDataObject } from 'n8n-workflow';

import type { Page } from './paging';

/**
 * The pages of a list requested ahead of the reading, a few at once: the paging engine
 * (./paging.ts) takes them in one by one, in order. Each request still goes through the
 * transport's gate (Max Requests at Once per credential, ./inflight.ts); the prefetch keeps
 * no place of its own, so it cannot hold up a request its caller waits for.
 */
export interface Prefetch {
	/** The page at `index` (0 for the first page) when it was planned with this very query. */
	take(index: number, query: IDataObject): Promise<Page> | undefined;
	/** No more requests are started; resolves when the ones started have ended. */
	stop(): Promise<void>;
}

function sameQuery(a: IDataObject, b: IDataObject): boolean {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * Requests `queries` (the pages at index `from`, `from` + 1, ...) in order, at most `width`
 * at a time. After a failed page no further page is started: the reading stops at that
 * page's error.
 */
export function prefetch(queries: IDataObject[], fetchPage: (query: IDataObject) => Promise<Page>, width: number, from: number): Prefetch {
	const settle: Array<{ ok(page: Page): void; fail(error: unknown): void }> = [];
	const pages = queries.map(
		() =>
			new Promise<Page>((ok, fail) => {
				settle.push({ ok, fail });
			}),
	);
	// a page the reading never takes (it stopped before) must not be an unhandled rejection
	for (const page of pages) page.catch(() => undefined);
	let next = 0;
	let stopped = false;
	const worker = async (): Promise<void> => {
		while (!stopped && next < queries.length) {
			const i = next++;
			try {
				settle[i].ok(await fetchPage(queries[i]));
			} catch (error) {
				stopped = true;
				settle[i].fail(error);
			}
		}
	};
	const workers = Array.from({ length: Math.min(width, queries.length) }, async () => await worker());
	return {
		take: (index, query) => {
			const i = index - from;
			if (i < 0 || i >= queries.length || (stopped && i >= next) || !sameQuery(queries[i], query)) return undefined;
			return pages[i];
		},
		stop: async () => {
			stopped = true;
			await Promise.all(workers);
		},
	};
}
