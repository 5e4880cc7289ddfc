import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

import type { ApiContext } from './transport';

/**
 * A credential read once for the many requests of one list, as n8n's own routing reads it
 * once per node run: without it n8n reads and decrypts the credential from its database for
 * every page (measured: about 1 ms of n8n's time per page, against 1.5 ms for a raw fetch of
 * the whole page). Each request gets its own copy, so that a login n8n makes on the way
 * (PCRecruiter's session after a 401) is that request's own, as when n8n reads the credential
 * itself; a new session one request got is kept for the requests after it. OAuth2 credentials
 * are n8n's business either way: it reads those itself.
 */
export class CredentialOnce {
	private constructor(
		private readonly type: string,
		private readonly id: string,
		private readonly name: string,
		private readonly data: ICredentialDataDecryptedObject,
	) {}

	/** The node's credential of `type`, or undefined when it cannot be read here (the request then reads it, and fails, as before). */
	static async load(ctx: ApiContext, type: string): Promise<CredentialOnce | undefined> {
		const details = ctx.getNode().credentials?.[type];
		if (!details) return undefined;
		try {
			const data = await ctx.getCredentials(type);
			return new CredentialOnce(type, details.id ?? '', details.name, data);
		} catch {
			return undefined;
		}
	}

	/** What a request passes to n8n: a copy of the credential. */
	copy(): ICredentialsDecrypted {
		return { id: this.id, name: this.name, type: this.type, data: { ...this.data } };
	}

	/** After a request: what n8n changed in its copy (a new session) is kept for the next ones. */
	keep(used: ICredentialsDecrypted | undefined): void {
		const data = used?.data;
		if (!data) return;
		for (const key of Object.keys(data)) if (data[key] !== this.data[key]) this.data[key] = data[key];
	}
}
