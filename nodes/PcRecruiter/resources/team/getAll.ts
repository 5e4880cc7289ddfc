import type { INodePropertyOptions } from 'n8n-workflow';

import { getTeams } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many teams',
	description: 'List the teams (groups) with the user names of their members',
	routing: {
		request: { method: 'GET', url: '/users' },
		send: { paginate: true },
		operations: { pagination: getTeams },
	},
};
