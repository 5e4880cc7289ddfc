import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { identityOf, sharedSession } from '../nodes/shared/session';
import { CREDENTIAL_BASE_URL } from '../nodes/shared/descriptions';

export class PcRecruiterApi implements ICredentialType {
	name = 'pcRecruiterApi';

	displayName = 'PCRecruiter API';

	icon = { light: 'file:../icons/pcRecruiter.svg', dark: 'file:../icons/pcRecruiter.dark.svg' } as const;

	documentationUrl = 'https://www.pcrecruiter.net/apidocs_v2/';

	properties: INodeProperties[] = [
		{
			displayName: 'Session ID',
			name: 'sessionId',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://www2.pcrecruiter.net/rest/api',
			description: 'The REST API root of your PCRecruiter database; change it only for a custom domain or an on-premise install',
		},
		{
			displayName: 'Database ID',
			name: 'databaseId',
			type: 'string',
			default: '',
			required: true,
			description: 'The database name you sign in to PCRecruiter with',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key Main Sequence issued to you with your App ID',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
		},
	];

	/**
	 * One session for all requests: n8n stores the SessionId in the hidden expirable field
	 * and calls this again only when it is empty or a request answered 401.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const identity = identityOf(credentials, ['baseUrl', 'databaseId', 'username', 'password', 'apiKey', 'appId']);
		const sessionId = await sharedSession(identity, credentials.sessionId, async () => {
			const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${String(credentials.baseUrl).replace(/\/+$/, '')}/access-token`,
			headers: { Accept: 'application/json' },
			body: {
				Username: credentials.username,
				Password: credentials.password,
				DatabaseId: credentials.databaseId,
				ApiKey: credentials.apiKey,
				AppId: credentials.appId,
			},
			json: true,
		})) as { SessionId?: string };
			return response.SessionId ?? '';
		});
		return { sessionId };
	}

	// A function rather than an expression template: n8n resolves templates on every request.
	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	) => {
		requestOptions.headers = { ...requestOptions.headers, Authorization: `BEARER ${credentials.sessionId}` };
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: CREDENTIAL_BASE_URL,
			url: '/users',
			qs: { ResultsPerPage: 1 },
		},
	};
}
