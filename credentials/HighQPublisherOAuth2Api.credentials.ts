import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import { CREDENTIAL_BASE_URL } from '../nodes/shared/descriptions';

export class HighQPublisherOAuth2Api implements ICredentialType {
	name = 'highQPublisherOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HighQ Publisher OAuth2 API';

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
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			default: '={{$self["baseUrl"].replace(/\\/+$/, "")}}/authorise.action',
			required: true,
			description: 'Derived from the Instance URL; change it only if your instance uses another address',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: '={{$self["baseUrl"].replace(/\\/+$/, "")}}/api/oauth2/token',
			required: true,
			description: 'Derived from the Instance URL; change it only if your instance uses another address',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: CREDENTIAL_BASE_URL,
			url: '/api/2/users',
			qs: { limit: 1, offset: 0 },
			headers: { Accept: 'application/json' },
		},
	};
}
