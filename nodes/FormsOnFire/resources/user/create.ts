import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { userBody } from '../../params';
import { created } from '../../routing';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a user',
	description: 'Create a user; the server invites them by email unless told not to',
	routing: {
		request: { method: 'POST', url: '/user' },
		send: { paginate: true, preSend: [userBody] },
		operations: { pagination: created },
	},
};

const show = { resource: ['user'], operation: ['create', 'upsert'] };

export const properties: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Color Code',
				name: 'colorCode',
				type: 'color',
				default: '',
				description: 'The colour the user is shown in, e.g. on the task schedule',
			},
			{
				displayName: 'Country',
				name: 'country',
				type: 'string',
				default: '',
				description: 'The user\'s country',
			},
			{
				displayName: 'Do Not Email',
				name: 'doNotEmail',
				type: 'boolean',
				default: false,
				description: 'Whether to skip sending the user an activation email',
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'The identifier your other systems know the user by',
			},
			{
				displayName: 'Folder IDs',
				name: 'folders',
				type: 'string',
				default: '',
				placeholder: '3f2504e0-4f89-11d3-9a0c-0305e82c3301, 6ba7b810-9dad-11d1-80b4-00c04fd430c8',
				description: 'GUIDs of the folders the user may access, separated by commas',
			},
			{
				displayName: 'Group Names or IDs',
				name: 'groups',
				type: 'multiOptions',
				default: [],
				description:
					'The groups the user belongs to. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				typeOptions: { loadOptionsMethod: 'getGroups' },
			},
			{
				displayName: 'Metadata',
				name: 'metadataPairs',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Key and Value',
				default: {},
				description: 'Key/value pairs stored with the user, read in forms with USERMETA(\'key\')',
				options: [
					{
						displayName: 'Pair',
						name: 'pair',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Metadata (JSON)',
				name: 'metadata',
				type: 'string',
				default: '',
				placeholder: '{"PayrollId": "P-17"}',
				description:
					'Key/value pairs as JSON: an object, or a list of {"Key", "Value"}. Workflows saved before Metadata took pairs keep their value here; text that is not such JSON is refused.',
			},
			{
				displayName: 'Password',
				name: 'password',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'The user\'s first password; without it the user sets one from the activation email',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'AUS Eastern Standard Time',
				description: 'The user\'s time zone as the website lists it',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				default: 'Standard',
				description: 'The user licence type',
				options: [
					{ name: 'Full', value: 'Full' },
					{ name: 'Lite', value: 'Lite' },
					{ name: 'Premium', value: 'Premium' },
					{ name: 'Standard', value: 'Standard' },
				],
			},
			{
				displayName: 'Website Role',
				name: 'websiteRole',
				type: 'options',
				default: 'User',
				description: 'The user\'s access to the website, if any',
				options: [
					{ name: 'Admin', value: 'Admin' },
					{ name: 'Enterprise Admin', value: 'EnterpriseAdmin' },
					{ name: 'Read Only', value: 'ReadOnly' },
					{ name: 'Super Admin', value: 'SuperAdmin' },
					{ name: 'User', value: 'User' },
					{ name: 'Vendor Admin', value: 'VendorAdmin' },
				],
			},
		],
	},
];
