import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodePropertyOptions,
} from 'n8n-workflow';

import { paginate } from '../../../shared/pagination';
import { PCR_PAGING, resultsToItems, teamsFromUsers } from '../../helpers';
import { PCR_HINTS } from '../hints';

const allUsers = paginate(PCR_PAGING, PCR_HINTS);

/** Every user with `Fields=Teams`, folded into one item per team. */
async function teams(this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions) {
	return teamsFromUsers(await allUsers.call(this, { ...requestData, maxResults: undefined }));
}

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many teams',
	description: 'List the teams (groups) with the user names of their members',
	routing: {
		request: { method: 'GET', url: '/users', qs: { Fields: 'Teams' } },
		send: { paginate: true },
		operations: { pagination: teams },
		output: { postReceive: [resultsToItems] },
	},
};
