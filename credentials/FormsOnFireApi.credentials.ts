import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { addAuth, ERROR_CODE_SET, FOF_BASE_URL, FOF_SERVERS } from '../nodes/FormsOnFire/api/auth';

export class FormsOnFireApi implements ICredentialType {
	name = 'formsOnFireApi';

	displayName = 'Forms On Fire API';

	icon = { light: 'file:../icons/formsOnFire.svg', dark: 'file:../icons/formsOnFire.dark.svg' } as const;

	documentationUrl = 'https://support.formsonfire.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'Server',
			name: 'baseUrl',
			type: 'options',
			options: FOF_SERVERS,
			default: 'https://secure.formsonfire.com/api/v2',
			description: 'The server your organisation signs in to. White-label products run the same API on their own host.',
		},
		{
			displayName: 'Custom Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://forms.example.com/api/v2',
			description: 'The API root of a private server or another reseller, e.g. https://forms.example.com/api/v2 (a bare host gets /api/v2 added)',
			displayOptions: { show: { baseUrl: ['custom'] } },
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '12345',
			description: 'The number shown as Company ID on the Organisation Setup page of the website (under My Account)',
		},
		{
			displayName: 'Integration Key',
			name: 'integrationKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Integration Key shown on the Organisation Setup page of the website (under My Account)',
		},
	];

	/** Query string for GET and DELETE, body for POST: see addAuth. */
	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	) => addAuth(credentials, requestOptions);

	/**
	 * The API answers a wrong Company ID or Integration Key with HTTP 200 and a
	 * ResponseStatus error. n8n's success-body rule compares one path with one value, so
	 * the path reaches the first character of ErrorCode: it is a string exactly when
	 * ErrorCode is set and not empty.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: FOF_BASE_URL,
			url: '/usergroup/search',
			qs: { format: 'json', PageNo: 0, PageSize: 1 },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: ERROR_CODE_SET.path,
					value: ERROR_CODE_SET.value,
					message: 'The server refused the Company ID or Integration Key',
				},
			},
		],
	};
}
