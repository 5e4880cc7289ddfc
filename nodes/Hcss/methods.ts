import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { toNodeApiError, type Secrets } from '../shared/errors';
import { CREDENTIAL, READ_HINTS, readListPage } from './helpers';

async function secretsOf(ctx: ILoadOptionsFunctions): Promise<Secrets> {
	try {
		const credentials = await ctx.getCredentials(CREDENTIAL);
		const token = (credentials.oauthTokenData as IDataObject | undefined)?.access_token;
		return [credentials.clientSecret as string, token as string];
	} catch {
		return [];
	}
}

/** A dropdown filled from an HCSS list endpoint of `{id, name}` records. */
async function listOptions(ctx: ILoadOptionsFunctions, path: string): Promise<INodePropertyOptions[]> {
	const credentials = await ctx.getCredentials(CREDENTIAL);
	const base = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	let body: unknown;
	try {
		body = await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, {
			method: 'GET',
			url: `${base}${path}`,
			headers: { Accept: 'application/json' },
			json: true,
		});
	} catch (error) {
		throw toNodeApiError(ctx.getNode(), error, await secretsOf(ctx), READ_HINTS);
	}
	return readListPage(body)
		.entries.filter((entry) => entry && entry.id !== undefined && entry.id !== null)
		.map((entry) => {
			const id = String(entry.id);
			const label = [entry.name, entry.description, entry.code].find((v) => typeof v === 'string' && v.trim() !== '');
			return { name: typeof label === 'string' ? label : id, value: id };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getBusinessUnits(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listOptions(this, '/api/v1/BusinessUnits');
}

export async function getRoles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listOptions(this, '/api/v1/Roles');
}

export async function getSubscriptionGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listOptions(this, '/api/v1/SubscriptionGroups');
}
