import type { INodeProperties } from 'n8n-workflow';

function text(displayName: string, name: string, description?: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return { displayName, name, type: 'string', default: '', ...(description ? { description } : {}), ...extra };
}

function linkList(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Link',
		default: {},
		description,
		options: [
			{
				displayName: 'Link',
				name: 'link',
				values: [
					text('Name', 'name', 'What the link is, e.g. LinkedIn'),
					text('Value', 'value', 'The address or handle'),
				],
			},
		],
	};
}

/** The fields of a HighQ user other than email, first name and last name, sorted by display name. */
export const userFields: INodeProperties[] = [
	text('Address Line 1', 'addressLine1', 'First line of the address of the user\'s location'),
	text('Address Line 2', 'addressLine2', 'Second line of the address of the user\'s location'),
	text('Bio', 'bio', 'A short biography', { typeOptions: { rows: 3 } }),
	text('City', 'city', 'City of the user\'s location'),
	text('Country', 'country', 'Country of the user\'s location'),
	linkList('Custom Links', 'customLinks', 'Custom links on the profile; when set, they replace the existing custom links'),
	text('Department', 'department'),
	text('External ID', 'externalId', 'The ID of the user in another system'),
	text('Image URL', 'img', 'Address of the profile picture'),
	text('Job Title', 'jobTitle'),
	linkList('Messaging Links', 'messagingLinks', 'Messaging accounts, e.g. Skype; when set, they replace the existing messaging links'),
	text('Mobile', 'mobile', 'Mobile phone number'),
	{
		displayName: 'Organisation Address ID',
		name: 'orgAddressId',
		type: 'number',
		default: 0,
		description: 'The ID of the organisation address the user works at',
	},
	{
		displayName: 'Organisation ID',
		name: 'orgId',
		type: 'number',
		default: 0,
		description: 'The ID of the user\'s organisation in HighQ',
	},
	text('Organisation Name', 'orgName'),
	text('Phone', 'phone'),
	text('Postcode', 'postcode', 'Postcode of the user\'s location'),
	text('Secretary Email', 'secretaryEmail', undefined, { placeholder: 'name@email.com' }),
	text('Secretary Name', 'secretaryName'),
	linkList('Social Links', 'socialLinks', 'Social profiles, e.g. LinkedIn; when set, they replace the existing social links'),
	text('Source Type', 'sourceType', 'Where the account comes from, e.g. AD'),
	text('Specialities', 'specialities', 'Comma-separated list, e.g. java,dotNet'),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'active',
		options: [
			{ name: 'Active', value: 'active' },
			{ name: 'Archived', value: 'archive' },
			{ name: 'Disabled', value: 'disable' },
			{ name: 'Suspended', value: 'suspended' },
		],
	},
	text('Title', 'title', 'Form of address, e.g. Dr'),
];
