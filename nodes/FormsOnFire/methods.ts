import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listGroupOptions } from './api';

/** The node's dropdowns, filled through the same API layer as its operations. */

export async function getGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listGroupOptions(this);
}
