import type { INodePropertyOptions } from 'n8n-workflow';

import { getEmailAliases } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many email aliases',
	description: 'List the outgoing email aliases of the user the credential signs in as',
	routing: {
		request: { method: 'GET', url: '/users/EmailAliases' },
		send: { paginate: true },
		operations: { pagination: getEmailAliases },
	},
};
