import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import { isObject, toNumber } from '../../shared/data';
import type { Page } from '../../shared/paging';
import { BadResponse, readBody } from '../../shared/read';
import type { XmlShape } from '../../shared/xml';

/** Readers of PCRecruiter's answers (JSON, or XML read into the same shape): plain functions of a response. */

/** How PCRecruiter's XML maps onto its JSON. */
export const PCR_XML: XmlShape = {
	lists: ['Results', 'Teams'],
	numbers: ['TotalRecords', 'RecordId', 'ReplicationNumber'],
};

/** The answer as a record; an empty answer or anything else is an error. */
export function readRecord(response: IN8nHttpFullResponse): IDataObject {
	const data = readBody(response.body, PCR_XML);
	if (isObject(data)) return data;
	throw new BadResponse(
		data === undefined ? 'PCRecruiter sent an empty response' : 'PCRecruiter sent a response that is not a record',
		'Check that the Base URL in the credential points at the PCRecruiter REST API, e.g. https://www2.pcrecruiter.net/rest/api.',
	);
}

/** A list page: the entries of `Results`; `TotalRecords` drives paging. */
export function readResultsPage(response: IN8nHttpFullResponse): Page {
	const data = readRecord(response);
	const entries = Array.isArray(data.Results) ? (data.Results as IDataObject[]) : [];
	return { entries, info: { total: toNumber(data.TotalRecords) } };
}

/** The distinct teams of a list of users (fetched with `Fields=Teams`), with their members' user names. */
export function teamsFromUsers(users: IDataObject[]): IDataObject[] {
	const teams = new Map<string, { Name: unknown; RecordId: unknown; Members: string[] }>();
	for (const user of users) {
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
	return [...teams.values()] as unknown as IDataObject[];
}
