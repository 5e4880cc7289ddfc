import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import type { CollectOptions, Page } from './paging';
import type { RequestOptions } from './transport';
import { refuse } from './validate';

/**
 * "Look Up Users" for Create or Update: read the vendor's whole user list once per node run
 * and match every item in memory, instead of one lookup request per item. The list is read
 * with the shared pager (every page guard applies) and kept up to date with what the run
 * itself creates and changes.
 */

export type LookUpMode = 'auto' | 'fetchAll' | 'perItem';

export const LOOK_UP_PARAM = 'lookUpUsers';

const MODES: LookUpMode[] = ['auto', 'fetchAll', 'perItem'];

/** The option on Create or Update (nodes whose API can list every user). */
export const lookUpProperty: INodeProperties = {
	displayName: 'Look Up Users',
	name: LOOK_UP_PARAM,
	type: 'options',
	default: 'auto',
	noDataExpression: true,
	options: [
		{
			name: 'Automatic',
			value: 'auto',
			description:
				'Whichever sends fewer requests: with two or more items, the first page of the user list says how many pages the whole list has, and the node reads them all only when that is fewer requests than one lookup per item',
		},
		{
			name: 'Fetch All Users Once',
			value: 'fetchAll',
			description: 'Read the whole user list once per run (one request per page) and match every item against it',
		},
		{
			name: 'One Request per Item',
			value: 'perItem',
			description: 'Look each user up with its own request, as for a single item',
		},
	],
	description: 'How the node finds the existing users. Writes (create, update) cost the same either way.',
	displayOptions: { show: { resource: ['user'], operation: ['upsert'] } },
};

/** A directory's users by match key; several under one key make that key ambiguous. */
export class Directory {
	private readonly byKey = new Map<string, IDataObject[]>();

	private readonly keyById = new Map<string, string>();

	constructor(
		users: IDataObject[],
		private readonly keyOf: (user: IDataObject) => string | undefined,
		private readonly idOf: (user: IDataObject) => string,
	) {
		for (const user of users) this.put(user);
		this.listed = users.length;
	}

	/** How many users the list gave. */
	readonly listed: number;

	find(key: string): IDataObject[] {
		return this.byKey.get(key) ?? [];
	}

	/** Every match key with its users. */
	entries(): IterableIterator<[string, IDataObject[]]> {
		return this.byKey.entries();
	}


	/** A user as it now is (read, created or changed by the run): replaces the entry with its ID. */
	put(user: IDataObject): void {
		const key = this.keyOf(user);
		const id = this.idOf(user);
		const old = this.keyById.get(id);
		if (old !== undefined) {
			const rest = (this.byKey.get(old) ?? []).filter((u) => this.idOf(u) !== id);
			if (rest.length) this.byKey.set(old, rest);
			else this.byKey.delete(old);
			this.keyById.delete(id);
		}
		if (key === undefined) return;
		const list = this.byKey.get(key);
		if (list) list.push(user);
		else this.byKey.set(key, [user]);
		this.keyById.set(id, key);
	}
}

/** Where a node's whole user list comes from. */
export interface DirectorySource {
	/** Every user, through the shared pager; `options.onPage` sees each page as it arrives. */
	list(ctx: IExecuteSingleFunctions, create: RequestOptions, options: CollectOptions): Promise<IDataObject[]>;
	/** The most users a page holds (the page size the list asks for). */
	pageSize: number;
	/** How a listed user's match key is read, normalised as the items' (undefined: it cannot match); asked once per list. */
	keyer(ctx: IExecuteSingleFunctions): (user: IDataObject) => string | undefined;
	/** What else the list depends on (credential type, match field): one directory per value in a run. */
	scope?(ctx: IExecuteSingleFunctions): string;
	/**
	 * The list may leave some users out (e.g. by status): a key it does not have is looked up
	 * with a request before a user is created.
	 */
	confirmMissing?: boolean;
	/** A listed user may lack fields a write needs: it is read whole before an update. */
	readWhole?(ctx: IExecuteSingleFunctions, create: RequestOptions, user: IDataObject): Promise<IDataObject>;
}

export function lookUpModeOf(ctx: IExecuteSingleFunctions): LookUpMode {
	const mode = ctx.getNodeParameter(LOOK_UP_PARAM, 'auto') as LookUpMode;
	if (!MODES.includes(mode)) {
		refuse(ctx, 'Look Up Users', LOOK_UP_PARAM, 'not one of the choices', `The value given was "${String(mode).slice(0, 40)}"; the choices are ${MODES.join(', ')}.`);
	}
	return mode;
}

/** Reading on would cost more requests than it saves; caught below, never seen by a user. */
class NotWorthIt extends Error {}

/**
 * Automatic's check on each page: read the whole list only while that costs fewer requests
 * than one lookup per item. The first page's total (or page count) says how many pages are
 * left; a list that says nothing about its length (HighQ) is read while the pages read stay
 * under half the number of lookups, so a long list costs at most half again as much.
 */
export function worthReading(lookups: number, pageSize: number): (page: Page, index: number) => void {
	return ({ entries, info }, index) => {
		if (info.done === true || entries.length === 0) return;
		const pages = info.pages ?? (info.total !== undefined ? Math.ceil(info.total / entries.length) : undefined);
		if (pages !== undefined) {
			if (index === 0 && pages - 1 >= lookups) throw new NotWorthIt();
			return;
		}
		// No length given: a short page is the last one.
		if (entries.length >= pageSize && (index + 1) * 2 >= lookups) throw new NotWorthIt();
	};
}

/**
 * The whole user list as a Directory, read once for a run. In Automatic (`lookups`: how many
 * lookups the run would otherwise send), undefined as soon as reading on would cost more
 * requests than it saves: the run then looks each user up with its own request.
 */
export async function readDirectory(
	ctx: IExecuteSingleFunctions,
	source: DirectorySource,
	create: RequestOptions,
	idOf: (user: IDataObject) => string,
	lookups?: number,
): Promise<Directory | undefined> {
	const onPage = lookups !== undefined ? worthReading(lookups, source.pageSize) : undefined;
	return await source.list(ctx, create, { onPage }).then(
		(users) => new Directory(users, source.keyer(ctx), idOf),
		(error: unknown) => {
			if (error instanceof NotWorthIt) return undefined;
			throw error;
		},
	);
}
