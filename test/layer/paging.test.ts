/**
 * The paging engine on its own: a fetchPage callback and a paging style, no n8n routing.
 */
import { sleep, type IDataObject, type INode } from 'n8n-workflow';

import { collect, MAX_PAGES, type Page, type PagingStyle } from '../../nodes/shared/paging';

const node = { name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
const PAGE: PagingStyle = { type: 'page', pageParam: 'p', sizeParam: 's', firstPage: 1, maxPageSize: 10 };
const OFFSET: PagingStyle = { type: 'offset', offsetParam: 'o', limitParam: 'l', maxPageSize: 10 };

/** A directory of `n` entries served by page or offset; `info` decides what the envelope says. */
function server(n: number, info: (received: number) => Page['info'] = () => ({ total: n })) {
	const queries: IDataObject[] = [];
	const all = Array.from({ length: n }, (_, i) => ({ id: i }));
	const fetchPage = async (query: IDataObject): Promise<Page> => {
		queries.push(query);
		const from = 'o' in query ? Number(query.o) : (Number(query.p) - 1) * Number(query.s);
		const size = 'l' in query ? Number(query.l) : Number(query.s);
		const entries = all.slice(from, from + size);
		return { entries, info: info(from + entries.length) };
	};
	return { queries, fetchPage };
}

describe('collect', () => {
	it('pages until the total is reached, asking for the largest page', async () => {
		const s = server(25);
		const got = await collect(node, PAGE, s.fetchPage);
		expect(got.map((e) => e.id)).toEqual(Array.from({ length: 25 }, (_, i) => i));
		expect(s.queries).toEqual([{ p: 1, s: 10 }, { p: 2, s: 10 }, { p: 3, s: 10 }]);
	});

	it('with a limit it asks for no more than it needs (offset paging) and stops', async () => {
		const s = server(100, () => ({}));
		expect(await collect(node, OFFSET, s.fetchPage, { limit: 15 })).toHaveLength(15);
		expect(s.queries).toEqual([{ o: 0, l: 10 }, { o: 10, l: 5 }]);
	});

	it('without a total, a short page ends the list; a last-page flag ends it at once', async () => {
		const short = server(23, () => ({}));
		expect(await collect(node, OFFSET, short.fetchPage)).toHaveLength(23);
		expect(short.queries).toHaveLength(3);
		const flagged = server(30, (received) => ({ done: received >= 20 }));
		expect(await collect(node, PAGE, flagged.fetchPage)).toHaveLength(20);
	});

	it('tells a caller about every page as it arrives', async () => {
		const s = server(25);
		const seen: number[] = [];
		await collect(node, PAGE, s.fetchPage, { onPage: (page, index) => seen.push(index * 100 + page.entries.length) });
		expect(seen).toEqual([10, 110, 205]);
	});

	it('a server that ignores the paging parameters is stopped with an error saying how much had arrived', async () => {
		const same = async (): Promise<Page> => ({ entries: [{ id: 1 }, { id: 2 }], info: {} });
		await expect(collect(node, { ...PAGE, maxPageSize: 2 }, same)).rejects.toMatchObject({
			message: 'The server returned the same page twice, so paging was stopped',
			description: expect.stringContaining('2 items had been received'),
		});
	});

	it('a list that grows past twice what the server first said is stopped, never read forever', async () => {
		let next = 0;
		const growing = async (): Promise<Page> => ({ entries: Array.from({ length: 10 }, () => ({ id: next++ })), info: { total: 20 + next } });
		await expect(collect(node, PAGE, growing)).rejects.toMatchObject({
			message: 'The server kept reporting more results than it first said, so paging was stopped',
		});
	});

	it('an error of a page is the error of the whole list: nothing partial comes back', async () => {
		let calls = 0;
		const failing = async (): Promise<Page> => {
			if (++calls === 2) throw new Error('page 2 failed');
			return { entries: Array.from({ length: 10 }, (_, i) => ({ id: i })), info: { total: 30 } };
		};
		await expect(collect(node, PAGE, failing)).rejects.toThrow('page 2 failed');
	});
});

/** The directory of `server`, answering after a delay that differs per page, and counting what is in flight. */
function slowServer(n: number, options: { cap?: number; info?: (received: number) => Page['info']; fail?: (query: IDataObject) => Error | undefined } = {}) {
	const queries: IDataObject[] = [];
	const gauge = { now: 0, peak: 0 };
	const all = Array.from({ length: n }, (_, i) => ({ id: i }));
	const fetchPage = async (query: IDataObject): Promise<Page> => {
		queries.push(query);
		gauge.now++;
		gauge.peak = Math.max(gauge.peak, gauge.now);
		// later pages answer sooner: they arrive out of order
		await sleep(Math.max(1, 12 - queries.length));
		gauge.now--;
		const failure = options.fail?.(query);
		if (failure) throw failure;
		const asked = 'l' in query ? Number(query.l) : Number(query.s);
		const size = Math.min(asked, options.cap ?? Infinity);
		const from = 'o' in query ? Number(query.o) : (Number(query.p) - 1) * size;
		const entries = all.slice(from, from + size);
		return { entries, info: (options.info ?? (() => ({ total: n })))(from + entries.length) };
	};
	return { queries, gauge, fetchPage };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('collect, several pages at once', () => {
	it('sends the requests reading page by page sends, never more than allowed at once, and keeps the order', async () => {
		const s = slowServer(95);
		const got = await collect(node, PAGE, s.fetchPage, { pagesAtOnce: 3 });
		expect(got.map((e) => e.id)).toEqual(range(95));
		expect(s.queries).toEqual(range(10).map((i) => ({ p: i + 1, s: 10 })));
		expect(s.gauge.peak).toBe(3);
		// the second page confirms the first before the rest go at once
		expect(s.queries.slice(0, 2)).toEqual([{ p: 1, s: 10 }, { p: 2, s: 10 }]);
	});

	it('a page count alone (no total) is enough', async () => {
		const pages = slowServer(45, { info: (received) => ({ pages: 5, done: received >= 45 }) });
		expect((await collect(node, PAGE, pages.fetchPage, { pagesAtOnce: 5 })).map((e) => e.id)).toEqual(range(45));
		expect(pages.queries).toHaveLength(5);
		// the first two pages one after the other, then the other three at once
		expect(pages.gauge.peak).toBe(3);
	});

	it('with a limit, only the pages the limit needs', async () => {
		const s = slowServer(100);
		expect(await collect(node, PAGE, s.fetchPage, { pagesAtOnce: 5, limit: 35 })).toHaveLength(35);
		expect(s.queries).toEqual([{ p: 1, s: 10 }, { p: 2, s: 10 }, { p: 3, s: 10 }, { p: 4, s: 10 }]);
		const offset = slowServer(100);
		expect((await collect(node, OFFSET, offset.fetchPage, { pagesAtOnce: 5, limit: 35 })).map((e) => e.id)).toEqual(range(35));
		expect(offset.queries).toEqual([{ o: 0, l: 10 }, { o: 10, l: 10 }, { o: 20, l: 10 }, { o: 30, l: 5 }]);
	});

	it('a server that gives fewer entries per page than asked: the pages are counted from what the first page held', async () => {
		const s = slowServer(23, { cap: 4 });
		expect((await collect(node, PAGE, s.fetchPage, { pagesAtOnce: 5 })).map((e) => e.id)).toEqual(range(23));
		expect(s.queries).toEqual(range(6).map((i) => ({ p: i + 1, s: 10 })));
		const offset = slowServer(23, { cap: 4 });
		expect((await collect(node, OFFSET, offset.fetchPage, { pagesAtOnce: 5 })).map((e) => e.id)).toEqual(range(23));
		expect(offset.queries).toEqual(range(6).map((i) => ({ o: i * 4, l: 10 })));
	});

	it('a page shorter than planned while the total says more remain: read on one page at a time, nothing lost', async () => {
		// offset paging: the third page holds 2 entries, not 4; what follows is asked again from where it ended
		let calls = 0;
		const all = range(20).map((id) => ({ id }));
		const queries: IDataObject[] = [];
		const fetchPage = async (query: IDataObject): Promise<Page> => {
			queries.push(query);
			calls++;
			await sleep(2);
			const from = Number(query.o);
			const size = from === 8 ? 2 : Math.min(4, Number(query.l));
			return { entries: all.slice(from, from + size), info: { total: 20 } };
		};
		const got = await collect(node, OFFSET, fetchPage, { pagesAtOnce: 5 });
		expect(got.map((e) => e.id)).toEqual(range(20));
		// 0 and 4 one after the other, then 8, 12, 16 at once; after the short page at 8, reading goes on at 10, 14, 18
		expect(queries.slice(0, 5).map((q) => q.o)).toEqual([0, 4, 8, 12, 16]);
		expect(queries.slice(5).map((q) => q.o)).toEqual([10, 14, 18]);
		expect(calls).toBe(8);
	});

	it('a list that says nothing of its length is read page by page, also with a Limit', async () => {
		const s = slowServer(25, { info: () => ({}) });
		expect((await collect(node, OFFSET, s.fetchPage, { pagesAtOnce: 5, limit: 100 })).map((e) => e.id)).toEqual(range(25));
		expect(s.queries).toEqual([{ o: 0, l: 10 }, { o: 10, l: 10 }, { o: 20, l: 10 }]);
		expect(s.gauge.peak).toBe(1);
	});

	it('a list longer than the first page said: the pages after the planned ones are read one at a time', async () => {
		const s = slowServer(35, { info: (received) => ({ total: received < 30 ? 30 : 35 }) });
		expect((await collect(node, PAGE, s.fetchPage, { pagesAtOnce: 5 })).map((e) => e.id)).toEqual(range(35));
		expect(s.queries.map((q) => q.p)).toEqual([1, 2, 3, 4]);
	});

	it('a failing page in the middle fails the whole list with its error; no page is asked for after it, none is left running', async () => {
		const s = slowServer(200, { fail: (query) => (query.p === 4 ? new Error('page 4 failed') : undefined) });
		await expect(collect(node, PAGE, s.fetchPage, { pagesAtOnce: 3 })).rejects.toThrow('page 4 failed');
		expect(s.gauge.now).toBe(0);
		// pages 3-5 went at once, and 6 and 7 at most as places freed up before page 4 answered; none after
		expect(Math.max(...s.queries.map((q) => Number(q.p)))).toBeLessThanOrEqual(7);
	});

	it('of two failing pages, the error is the earlier page\'s, as reading page by page gives', async () => {
		const s = slowServer(100, { fail: (query) => (query.p === 3 || query.p === 5 ? new Error(`page ${String(query.p)} failed`) : undefined) });
		await expect(collect(node, PAGE, s.fetchPage, { pagesAtOnce: 5 })).rejects.toThrow('page 3 failed');
	});

	it('a caller that stops at the first page (onPage throws) gets no other page asked for', async () => {
		const s = slowServer(100);
		const stop = new Error('not worth it');
		await expect(
			collect(node, PAGE, s.fetchPage, {
				pagesAtOnce: 5,
				onPage: () => {
					throw stop;
				},
			}),
		).rejects.toBe(stop);
		expect(s.queries).toEqual([{ p: 1, s: 10 }]);
	});

	it('the guards hold: a repeated page and a list growing past twice its total are stopped as page by page', async () => {
		let calls = 0;
		const same = async (): Promise<Page> => {
			calls++;
			return { entries: [{ id: 1 }, { id: 2 }], info: { total: 1000 } };
		};
		await expect(collect(node, { ...PAGE, maxPageSize: 2 }, same, { pagesAtOnce: 5 })).rejects.toMatchObject({
			message: 'The server returned the same page twice, so paging was stopped',
			description: expect.stringContaining('2 items had been received'),
		});
		// the second page is read alone: nothing more was asked for
		expect(calls).toBe(2);
		let next = 0;
		const growing = async (): Promise<Page> => ({ entries: Array.from({ length: 10 }, () => ({ id: next++ })), info: { total: 20 + next } });
		await expect(collect(node, PAGE, growing, { pagesAtOnce: 5 })).rejects.toMatchObject({
			message: 'The server kept reporting more results than it first said, so paging was stopped',
		});
	});

	it('a total that would take more than MAX_PAGES pages is stopped at MAX_PAGES, saying how many items had arrived', async () => {
		let id = 0;
		const endless = async (): Promise<Page> => ({ entries: [{ id: id++ }], info: { total: 10 * MAX_PAGES } });
		await expect(collect(node, { ...PAGE, maxPageSize: 1 }, endless, { pagesAtOnce: 5 })).rejects.toMatchObject({
			message: `Stopped after ${MAX_PAGES} pages: the server kept reporting more results`,
			description: expect.stringContaining(`${MAX_PAGES} items were received`),
		});
		expect(id).toBe(MAX_PAGES);
	});
});
