import type { INodeProperties } from 'n8n-workflow';

export const contactMethodOptions = [
	{ name: 'Email', value: 'Email' },
	{ name: 'Phone Number', value: 'PhoneNumber' },
];

/** userRole: a dropdown from /api/v1/Roles (an ID by expression works too). */
export const userRoleField: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'User Role Name or ID',
	name: 'userRole',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getRoles' },
	default: '',
	description:
		'The role assigned to the user. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** homeBusinessUnit: a dropdown from /api/v1/BusinessUnits; required by Create, optional in an update. */
export const homeBusinessUnitField: INodeProperties = {
	displayName: 'Home Business Unit Name or ID',
	name: 'homeBusinessUnit',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getBusinessUnits' },
	default: '',
	description:
		'The default business unit the user belongs to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** The fields Update offers under Update Fields (and Create, but for Home Business Unit, under Additional Fields). */
export const optionalUserFields: INodeProperties[] = [
	{
		displayName: 'Allow Phone Number Login',
		name: 'allowPhoneNumberLogin',
		type: 'boolean',
		default: false,
		description: 'Whether the user may sign in to HCSS Apps with their phone number',
	},
	{
		displayName: 'Business Unit Access',
		name: 'businessUnitAccess',
		type: 'options',
		default: 'AllBusinessUnits',
		description: 'Which business units the user can access',
		options: [
			{ name: 'All Business Units', value: 'AllBusinessUnits' },
			{ name: 'Selected Business Units', value: 'SelectedBusinessUnits' },
		],
	},
	{
		displayName: 'Business Unit Names or IDs',
		name: 'businessUnitIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getBusinessUnits' },
		default: [],
		description:
			'The business units the user can access; only with Business Unit Access "Selected Business Units". Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Required when Contact Method is Email',
	},
	{
		displayName: 'Employee Code',
		name: 'employeeCode',
		type: 'string',
		default: '',
		description: 'Links the user to an employee',
	},
	{
		displayName: 'Exclude From External Authentication',
		name: 'excludeFromExternalAuthentication',
		type: 'boolean',
		default: false,
		description: 'Whether the user must sign in with their HCSS Apps login rather than external authentication',
	},
	homeBusinessUnitField,
	{
		displayName: 'Job Access',
		name: 'jobAccess',
		type: 'options',
		default: 'AllJobs',
		description: 'Which jobs the user can access',
		options: [
			{ name: 'All Jobs', value: 'AllJobs' },
			{ name: 'Selected Jobs', value: 'SelectedJobs' },
		],
	},
	{
		displayName: 'Job IDs',
		name: 'jobIds',
		type: 'string',
		default: '',
		placeholder: '6f1c2d7e-0b7a-4d8e-9a1b-2c3d4e5f6a7b, ...',
		description: 'Comma-separated job IDs the user can access; only with Job Access "Selected Jobs"',
	},
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		description: 'Required when Contact Method is Phone Number',
	},
	{
		displayName: 'Subscription Group Name or ID',
		name: 'subscriptionGroup',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSubscriptionGroups' },
		default: '',
		description:
			'The subscription group assigned to the user. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

/** The required fields of Create, offered under Update Fields as optional ones. */
export const coreUpdateFields: INodeProperties[] = [
	{
		displayName: 'Contact Method',
		name: 'contactMethod',
		type: 'options',
		default: 'Email',
		options: contactMethodOptions,
		description: 'How HCSS notifies the user; Email needs Email set too, Phone Number needs Phone Number',
	},
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{ displayName: 'User Name', name: 'userName', type: 'string', default: '', description: 'The unique user name used to sign in to HCSS Apps' },
	{ ...userRoleField } as INodeProperties,
];

/**
 * Create's Additional Fields. Home Business Unit is a required parameter of its own since HCSS
 * documents it as required; it stays here too, where workflows saved before that stored it
 * (n8n drops a stored value its collection no longer offers); the parameter is hidden while it is.
 */
export const createAdditionalFields: INodeProperties[] = optionalUserFields.map((field) =>
	field === homeBusinessUnitField
		? {
				...field,
				displayName: 'Home Business Unit (Old Place) Name or ID',
				description:
					'Kept for workflows saved before Home Business Unit became a required parameter, which is hidden while this field is here: remove this field to choose the home business unit above',
			}
		: field,
);
