import {
	NodeApiError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { withPageInfo } from '../shared/pagination';
import { readBody } from '../shared/request';
import type { XmlShape } from '../shared/xml';

/** How PCRecruiter's XML maps onto its JSON. */
export const PCR_XML: XmlShape = {
	lists: ['Results', 'Teams'],
	numbers: ['TotalRecords', 'RecordId', 'ReplicationNumber'],
};

function body(ctx: IExecuteSingleFunctions, response: IN8nHttpFullResponse): IDataObject {
	const data = readBody.call(ctx, response.body, PCR_XML);
	if (data !== null && typeof data === 'object' && !Array.isArray(data)) return data as IDataObject;
	throw new NodeApiError(ctx.getNode(), {} as JsonObject, {
		message: data === undefined ? 'PCRecruiter sent an empty response' : 'PCRecruiter sent a response that is not a record',
		description: 'Check that the Base URL in the credential points at the PCRecruiter REST API, e.g. https://www2.pcrecruiter.net/rest/api.',
		itemIndex: ctx.getItemIndex(),
	});
}

/** postReceive for lists: one item per entry of `Results`; `TotalRecords` drives paging. */
export async function resultsToItems(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const data = body(this, response);
	const results = Array.isArray(data.Results) ? (data.Results as IDataObject[]) : [];
	const total = data.TotalRecords === undefined || data.TotalRecords === null ? undefined : Number(data.TotalRecords);
	return withPageInfo(
		results.map((json) => ({ json })),
		{ total: Number.isFinite(total) ? total : undefined },
	);
}

/** postReceive for one record: the object itself. */
export async function recordToItem(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return [{ json: body(this, response) }];
}

/** The distinct teams of a list of users (fetched with `Fields=Teams`), with their members' user names. */
export function teamsFromUsers(users: INodeExecutionData[]): INodeExecutionData[] {
	const teams = new Map<string, { Name: unknown; RecordId: unknown; Members: string[] }>();
	for (const { json: user } of users) {
		const list = Array.isArray(user.Teams) ? (user.Teams as IDataObject[]) : [];
		for (const team of list) {
			const key = String(team.RecordId ?? team.Name);
			let entry = teams.get(key);
			if (!entry) {
				entry = { Name: team.Name, RecordId: team.RecordId, Members: [] };
				teams.set(key, entry);
			}
			entry.Members.push(String(user.UserName));
		}
	}
	return [...teams.values()].map((team) => ({ json: team as unknown as IDataObject }));
}

/** PCRecruiter list paging: `Page` from 1 and `ResultsPerPage`, with `TotalRecords` in the envelope. */
export const PCR_PAGING = {
	type: 'page',
	pageParam: 'Page',
	sizeParam: 'ResultsPerPage',
	firstPage: 1,
	maxPageSize: 500,
} as const;
