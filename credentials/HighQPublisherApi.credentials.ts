import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { CREDENTIAL_BASE_URL } from '../nodes/shared/descriptions';

export class HighQPublisherApi implements ICredentialType {
	name = 'highQPublisherApi';

	displayName = 'HighQ Publisher API';

	icon = { light: 'file:../icons/highQPublisher.svg', dark: 'file:../icons/highQPublisher.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-user-sync/n8n-nodes-user-sync#highq-publisher';

	properties: INodeProperties[] = [
		{
			displayName: 'Instance URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://acme.highq.com/acme',
			description:
				'The address of your HighQ Publisher site including its context path, without /api (the node appends /api/2/users)',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'An OAuth2 access token issued by your HighQ instance for an API-registered application',
		},
	];

	// A function rather than an expression template: n8n resolves templates on every request.
	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	) => {
		requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${credentials.accessToken}` };
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: CREDENTIAL_BASE_URL,
			url: '/api/2/users',
			qs: { limit: 1, offset: 0 },
			headers: { Accept: 'application/json' },
		},
	};
}
