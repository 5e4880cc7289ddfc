import type { ErrorHints } from '../../shared/errors';

export const RECRUBO_HINTS: ErrorHints = {
	byStatus: {
		401: 'Recrubo refused the API key (access denied): check the API Key in the credential, and its Authorization Header setting (key only or Bearer).',
		403: 'The API key may not do this with users.',
		404: 'Recrubo has no user with this ID.',
		422: 'Recrubo did not accept the values sent: see the fields named above.',
	},
};
