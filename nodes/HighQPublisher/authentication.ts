import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** The two HighQ credentials, chosen by `authentication`: the node and its trigger offer both. */
export const highQCredentials: INodeCredentialDescription[] = [
	{
		name: 'highQPublisherApi',
		required: true,
		displayOptions: { show: { authentication: ['accessToken'] } },
	},
	{
		name: 'highQPublisherOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
];

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Access Token', value: 'accessToken' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'accessToken',
};
