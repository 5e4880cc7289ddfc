import type { INodeProperties } from 'n8n-workflow';

import { TIME_ZONE_OPTIONS } from '../../params';

/** The writable user attributes besides first and last name, for Additional Fields and Update Fields. */
export const optionalAttributes: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'The email address of the user',
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		description: 'An ID from your own system, kept on the user for tracking',
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: '31657116372',
		description: 'The phone number of the user',
	},
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'options',
		options: TIME_ZONE_OPTIONS,
		default: 'Europe/Amsterdam',
		description: 'The IANA time zone the user sees times in (in embedded components). Choose from the list, or specify a zone such as Europe/Berlin using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const nameAttributes: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		description: 'The first name of the user',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		description: 'The last name of the user',
	},
];

export const userIdProperty = (operation: string): INodeProperties => ({
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e1137be5-8bf9-4593-864c-d3342ce2c773',
	description: 'The ID of the Recrubo user',
	displayOptions: { show: { resource: ['user'], operation: [operation] } },
});
