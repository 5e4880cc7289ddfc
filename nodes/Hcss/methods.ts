import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listOptions } from './api';

/** The node's dropdowns, filled through the same API layer as its operations. */

export async function getBusinessUnits(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listOptions(this, '/api/v1/BusinessUnits');
}

export async function getRoles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listOptions(this, '/api/v1/Roles');
}

export async function getSubscriptionGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listOptions(this, '/api/v1/SubscriptionGroups');
}
