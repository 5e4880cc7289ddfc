import type { IDataObject, NodeApiError } from 'n8n-workflow';

import type { ErrorHints } from '../../shared/errors';
import type { Vendor } from '../../shared/transport';

/** How HCSS failures read: hints per HTTP status, and clearer words for a bare 404 or a refused token. */

const FORBIDDEN_HELP = 'See https://developer.hcssapps.com/getting-started/troubleshoot-forbidden';

/** Error hints for operations that read users. */
export const READ_HINTS: ErrorHints = {
	byStatus: {
		401: 'HCSS did not accept the access token even after n8n fetched a new one: check the Client ID, Client Secret and Access Token URL in the credential.',
		403: `HCSS refused access: the Scope in the credential probably lacks the Users API read scope (e.g. users:read). HCSS cannot add scopes to an existing client, so you may need a new client with that scope. ${FORBIDDEN_HELP}`,
		404: 'No HCSS user has this ID or user name.',
	},
};

/** Error hints for operations that change users. */
export const WRITE_HINTS: ErrorHints = {
	byStatus: {
		...READ_HINTS.byStatus,
		400: 'HCSS rejected the user data. See https://developer.hcssapps.com/getting-started/troubleshoot-bad-request',
		403: `HCSS refused access: the Scope in the credential probably lacks the Users API write scope (e.g. users:write). HCSS cannot add scopes to an existing client, so you may need a new client with that scope. ${FORBIDDEN_HELP}`,
	},
};

const NO_MESSAGE = /^The server answered with HTTP \d+ and no error message$/;
const TOKEN_FAILURE = /^Failed to acquire OAuth2 access token/;
/** The OAuth2 client's own text for `invalid_scope`, for when the error no longer holds the code. */
const SCOPE_REFUSED = /requested scope is invalid/i;

/** The OAuth2 `error` code (invalid_client, invalid_scope, ...) somewhere in an error's causes. */
function oauthErrorCode(error: unknown): string {
	let current = error as { cause?: unknown; body?: IDataObject } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.body?.error === 'string') return current.body.error;
		current = current.cause as typeof current;
	}
	return '';
}

/** What to check when n8n could not get a token from HCSS. */
function explainTokenFailure(error: NodeApiError, cause: unknown): void {
	if (!TOKEN_FAILURE.test(error.message)) return;
	const code = oauthErrorCode(cause) || (SCOPE_REFUSED.test(error.message) ? 'invalid_scope' : '');
	error.description =
		code === 'invalid_scope'
			? 'HCSS refused the Scope in the credential: enter the scopes exactly as HCSS issued them with your client, separated by spaces.'
			: 'HCSS did not issue an access token: check the Client ID, Client Secret, Scope and Access Token URL in the credential.';
}

/** Requests about users: a bare 404 says "User not found". */
export const HCSS: Vendor = {
	credentialType: () => 'hcssOAuth2Api',
	hints: WRITE_HINTS,
	// n8n starts every item at once: without this, each would fetch its own first token.
	firstTokenGuard: true,
	refine(error, cause) {
		if (error.httpCode === '404' && NO_MESSAGE.test(error.message)) error.message = 'User not found';
		explainTokenFailure(error, cause);
	},
};

/** Requests for other records (the dropdowns' roles, business units, subscription groups). */
export const HCSS_RECORDS: Vendor = { ...HCSS, refine: explainTokenFailure };
