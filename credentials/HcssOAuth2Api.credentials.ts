import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import { CREDENTIAL_BASE_URL } from '../nodes/shared/descriptions';

/**
 * HCSS Apps API client (OAuth2 client credentials). n8n itself requests the token from
 * the Access Token URL (form body: grant_type=client_credentials, client_id,
 * client_secret, scope), stores it with the credential and fetches a new one when the
 * API answers 401; every request then carries `Authorization: Bearer <token>`.
 */
export class HcssOAuth2Api implements ICredentialType {
	name = 'hcssOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HCSS OAuth2 API';

	icon = { light: 'file:../icons/hcss.svg', dark: 'file:../icons/hcss.dark.svg' } as const;

	documentationUrl = 'https://developer.hcssapps.com/getting-started/client-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hcssapps.com/users',
			description: 'The root of the HCSS Users API; the node appends paths such as /api/v1/Users',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: 'https://api.hcssapps.com/identity/connect/token',
			required: true,
			description: "The token endpoint of HCSS's Identity API",
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'users:read users:write',
			description:
				'Space-separated scopes, exactly as HCSS issued them with your client. Read operations need read access to users; Create, Update and Delete need write access.',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
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
			// HCSS's documented token request sends client_id and client_secret in the form body.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: CREDENTIAL_BASE_URL,
			url: '/api/v1/Users',
			qs: { page: 0, pageSize: 1 },
		},
	};
}
