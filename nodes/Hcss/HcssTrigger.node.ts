import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import type { UserShape } from '../shared/snapshot';
import { asItemContext, pollDirectory } from '../shared/trigger';
import { optionsOf, triggerFilters, triggerProperties } from '../shared/triggerDescription';
import { checkValue } from '../shared/validate';
import { baseRequest, listUsers } from './api';
import { getBusinessUnits } from './methods';
import { properties as getManyProperties } from './resources/user/getAll';

/** HCSS users as Get Many outputs them; HCSS has no status of its own. */
export const HCSS_USERS: UserShape = {
	idField: 'id',
	identityFields: ['userName', 'email', 'employeeCode', 'firstName', 'lastName'],
};

const BUSINESS_UNIT = { name: 'filters.businessUnitId', label: 'Business Unit', kind: 'guid' as const, required: false };

export class HcssTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HCSS Trigger',
		name: 'hcssTrigger',
		icon: { light: 'file:hcss.svg', dark: 'file:hcss.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"users " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when HCSS users are created, updated or removed',
		defaults: { name: 'HCSS Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hcssOAuth2Api', required: true }],
		properties: triggerProperties([
			triggerFilters(optionsOf(getManyProperties, 'filters', ['businessUnitId']), 'Watch part of the directory only'),
		]),
	};

	methods = {
		loadOptions: { getBusinessUnits },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// Get Many's own check: a business unit ID must be a GUID, refused before any request
		const businessUnitId = checkValue(asItemContext(this), BUSINESS_UNIT, this.getNodeParameter(BUSINESS_UNIT.name, ''));
		const qs: IDataObject = businessUnitId === undefined ? {} : { businessUnitId };
		const request = { ...(await baseRequest(this)), qs };
		return await pollDirectory(this, HCSS_USERS, async (limit) => await listUsers(this, request, { limit }), qs);
	}
}
