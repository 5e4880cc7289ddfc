/**
 * The paging engine on its own: a fetchPage callback and a paging style, no n8n routing.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { collect, type Page, type PagingStyle } from '../../nodes/shared/paging';

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
