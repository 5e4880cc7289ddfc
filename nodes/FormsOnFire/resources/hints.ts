import type { ErrorHints } from '../../shared/errors';

export const FOF_HINTS: ErrorHints = {
	byStatus: {
		401: 'The server refused the Company ID or Integration Key in the credential.',
		403: 'The Integration Key in the credential may not manage users.',
		404: 'The server has no such user, or the Server in the credential is not a Forms On Fire API.',
	},
};
