import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * n8n runs a node's items concurrently and calls a credential's preAuthentication from
 * each item that finds the session field empty or that got a 401 with it, so without this
 * a run of 100 items would log in 100 times. One login per credential identity is shared by
 * every caller that arrives while it is under way, and a caller whose session this process
 * has already replaced (it was refused, or empty, and a login followed) gets the newest
 * session instead of logging in again.
 *
 * Only a session this process itself replaced counts. In queue mode each worker has its own
 * memory while the session lives in the credential in the database: a caller can hold a
 * session another worker logged in for, newer than this worker's newest one. Handing that
 * caller this worker's older session (it did before) meant a retry with a session the server
 * had dropped too, and the item failed; now a session this process never saw refused is
 * refused for real, so it logs in.
 */
interface Sessions {
	inFlight?: Promise<string>;
	newest?: string;
	/** Sessions (and '' for none) that a login of this process replaced; the latest last. */
	replaced: Set<string>;
}

/** Enough to cover every old session still held by in-flight items of a run. */
const MAX_REPLACED = 100;

const byIdentity = new Map<string, Sessions>();

export async function sharedSession(
	identity: string,
	current: unknown,
	login: () => Promise<string>,
): Promise<string> {
	const held = typeof current === 'string' ? current : '';
	let sessions = byIdentity.get(identity);
	if (!sessions) {
		sessions = { replaced: new Set() };
		byIdentity.set(identity, sessions);
	}
	const own = sessions;
	if (own.newest && own.newest !== held && own.replaced.has(held)) return own.newest;
	const pending = (own.inFlight ??= login().then(
		(session) => {
			own.newest = session;
			own.inFlight = undefined;
			return session;
		},
		(error: unknown) => {
			own.inFlight = undefined;
			throw error;
		},
	));
	const session = await pending;
	// Every caller the login served, whatever session it held, now counts as replaced.
	own.replaced.delete(held);
	own.replaced.add(held);
	if (own.replaced.size > MAX_REPLACED) own.replaced.delete(own.replaced.values().next().value as string);
	return session;
}

/** The fields that make two credentials the same login, as one key. */
export function identityOf(credentials: ICredentialDataDecryptedObject, fields: string[]): string {
	return JSON.stringify(fields.map((f) => credentials[f] ?? ''));
}

/** Forgets every cached session (tests). */
export function clearSessions(): void {
	byIdentity.clear();
}
