import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * n8n runs a node's items concurrently and calls a credential's preAuthentication from
 * each item that finds the session field empty or expired, so without this a run of 100
 * items would log in 100 times. One login per credential identity is shared by every
 * caller that arrives while it is under way, and a caller holding an older session than
 * the newest one gets the newest instead of logging in again.
 */
const inFlight = new Map<string, Promise<string>>();
const newest = new Map<string, string>();

export async function sharedSession(
	identity: string,
	current: unknown,
	login: () => Promise<string>,
): Promise<string> {
	const latest = newest.get(identity);
	if (latest !== undefined && latest !== '' && latest !== current) return latest;
	let pending = inFlight.get(identity);
	if (!pending) {
		pending = login().then(
			(session) => {
				newest.set(identity, session);
				inFlight.delete(identity);
				return session;
			},
			(error: unknown) => {
				inFlight.delete(identity);
				throw error;
			},
		);
		inFlight.set(identity, pending);
	}
	return await pending;
}

/** The fields that make two credentials the same login, as one key. */
export function identityOf(credentials: ICredentialDataDecryptedObject, fields: string[]): string {
	return JSON.stringify(fields.map((f) => credentials[f] ?? ''));
}

/** Forgets every cached session (tests). */
export function clearSessions(): void {
	inFlight.clear();
	newest.clear();
}
