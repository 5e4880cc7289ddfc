import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { CREDENTIAL_BASE_URL } from '../nodes/shared/descriptions';

export class RecruboApi implements ICredentialType {
	name = 'recruboApi';

	displayName = 'Recrubo API';

	icon = { light: 'file:../icons/recrubo.svg', dark: 'file:../icons/recrubo.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-user-sync/n8n-nodes-user-sync#recrubo';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key from your Recrubo account settings',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.recrubo.app/public/v2',
			description: 'The root of the Recrubo public API. Change it only to use a sandbox or another Recrubo host.',
		},
		{
			displayName: 'Authorization Header',
			name: 'authorizationFormat',
			type: 'options',
			default: 'raw',
			description: 'How the API key is written into the Authorization header',
			options: [
				{
					name: 'Key Only',
					value: 'raw',
					description: 'Authorization: <API key>, as in the Recrubo API samples',
				},
				{
					name: 'Bearer',
					value: 'bearer',
					description: 'Authorization: Bearer <API key>',
				},
			],
		},
	];

	// A function rather than an expression template: n8n resolves templates on every request.
	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	) => {
		const key = String(credentials.apiKey ?? '').trim();
		const value = credentials.authorizationFormat === 'bearer' ? `Bearer ${key}` : key;
		requestOptions.headers = { ...requestOptions.headers, Authorization: value };
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: CREDENTIAL_BASE_URL,
			url: '/users',
			qs: { 'page[size]': 1 },
			headers: { Accept: 'application/vnd.api+json' },
		},
	};
}
