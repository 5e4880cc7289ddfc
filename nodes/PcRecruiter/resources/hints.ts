import type { ErrorHints } from '../../shared/errors';

export const PCR_HINTS: ErrorHints = {
	byStatus: {
		401: 'PCRecruiter refused the session even after a fresh login: check the Database ID, Username, Password, API Key and App ID in the credential.',
		403: 'The PCRecruiter user in the credential may not read users.',
		404: 'PCRecruiter has no such record.',
	},
};
