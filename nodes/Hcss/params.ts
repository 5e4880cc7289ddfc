import {
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type PreSendAction,
} from 'n8n-workflow';

import { checkValue, compact, refuse, type ParamRule } from '../shared/validate';

/** The node's parameters read and checked into the JSON body of a create or an update, before any request. */

export const USER_ID: ParamRule = { name: 'userId', label: 'User ID', kind: 'guid' };

type Mode = 'create' | 'update';

interface FieldSpec {
	key: string;
	label: string;
	kind?: 'email' | 'guid' | 'text';
	boolean?: boolean;
}

/** The optional fields, in the order the API documents them. */
const OPTIONAL_FIELDS: FieldSpec[] = [
	{ key: 'phoneNumber', label: 'Phone Number' },
	{ key: 'email', label: 'Email', kind: 'email' },
	{ key: 'subscriptionGroup', label: 'Subscription Group', kind: 'guid' },
	{ key: 'note', label: 'Note' },
	{ key: 'homeBusinessUnit', label: 'Home Business Unit', kind: 'guid' },
	{ key: 'employeeCode', label: 'Employee Code' },
	{ key: 'allowPhoneNumberLogin', label: 'Allow Phone Number Login', boolean: true },
	{ key: 'excludeFromExternalAuthentication', label: 'Exclude From External Authentication', boolean: true },
];

/** A list of IDs given as a multi-select, a list, or comma/space/newline separated text. */
function idList(raw: unknown): string[] {
	const parts = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[\s,;]+/) : [];
	return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function accessBlock(
	ctx: IExecuteSingleFunctions,
	fields: IDataObject,
	collection: string,
	spec: {
		typeKey: string;
		typeLabel: string;
		valuesKey: string;
		valuesLabel: string;
		all: string;
		selected: string;
		selectedLabel: string;
	},
): IDataObject | undefined {
	const type = fields[spec.typeKey] === undefined || fields[spec.typeKey] === '' ? undefined : String(fields[spec.typeKey]);
	const rawValues = fields[spec.valuesKey];
	const values = idList(rawValues);
	const valuesName = `${collection}.${spec.valuesKey}`;
	if (type === undefined) {
		if (values.length) {
			refuse(ctx, spec.valuesLabel, valuesName, `only allowed when ${spec.typeLabel} is "${spec.selectedLabel}"; set ${spec.typeLabel} too`);
		}
		return undefined;
	}
	if (type !== spec.all && type !== spec.selected) {
		refuse(ctx, spec.typeLabel, `${collection}.${spec.typeKey}`, `not one of ${spec.all}, ${spec.selected}`, `The value given was "${String(type).slice(0, 50)}".`);
	}
	if (type === spec.all) {
		if (values.length) {
			refuse(ctx, spec.valuesLabel, valuesName, `must be empty when ${spec.typeLabel} is "All": the API takes values only for "${spec.selectedLabel}"`);
		}
		return { type, values: null };
	}
	if (!values.length) {
		refuse(ctx, spec.valuesLabel, valuesName, `at least one ID is required when ${spec.typeLabel} is "${spec.selectedLabel}"`);
	}
	for (const value of values) {
		checkValue(ctx, { name: valuesName, label: spec.valuesLabel, kind: 'guid' }, value);
	}
	return { type, values };
}

const HOME_BUSINESS_UNIT: ParamRule = { name: 'homeBusinessUnit', label: 'Home Business Unit', kind: 'guid' };

/**
 * Create's home business unit, required by HCSS: the parameter of that name or, in a workflow
 * saved before it existed, Additional Fields > Home Business Unit. The editor shows one of the
 * two (the parameter is hidden while the old field is there), and the one shown is sent.
 */
function createHomeBusinessUnit(ctx: IExecuteSingleFunctions, fields: IDataObject): string {
	const saved = checkValue(ctx, { ...HOME_BUSINESS_UNIT, name: 'additionalFields.homeBusinessUnit', required: false }, fields.homeBusinessUnit);
	if (saved !== undefined) return saved;
	// no extractValue: it would look the parameter up among those shown, and it may be hidden
	const own = checkValue(ctx, { ...HOME_BUSINESS_UNIT, required: false }, ctx.getNodeParameter(HOME_BUSINESS_UNIT.name, ''));
	if (own !== undefined) return own;
	const description =
		((ctx.getNodeParameter('additionalFields', {}) ?? {}) as IDataObject).homeBusinessUnit === undefined
			? 'HCSS requires a home business unit for every new user: choose one from the list.'
			: 'HCSS requires a home business unit for every new user: remove the empty Home Business Unit (Old Place) from Additional Fields (additionalFields.homeBusinessUnit), then choose one from the list.';
	return refuse(ctx, HOME_BUSINESS_UNIT.label, HOME_BUSINESS_UNIT.name, 'a value is required', description);
}

/**
 * Builds the JSON body of a create (required fields + `additionalFields`) or update
 * (`updateFields`, only what the user set) and checks the API's documented rules first.
 */
export function userBody(ctx: IExecuteSingleFunctions, mode: Mode): IDataObject {
	const collection = mode === 'create' ? 'additionalFields' : 'updateFields';
	const fields = compact((ctx.getNodeParameter(collection, {}) as IDataObject) ?? {});
	const body: IDataObject = {};
	const textRule = (key: string, label: string, required: boolean, kind?: 'email' | 'guid' | 'text'): ParamRule => ({
		name: mode === 'create' && required ? key : `${collection}.${key}`,
		label,
		kind,
		required,
	});

	const core: Array<[string, string, ('guid' | 'text')?]> = [
		['userName', 'User Name'],
		['firstName', 'First Name'],
		['lastName', 'Last Name'],
		['contactMethod', 'Contact Method'],
		['userRole', 'User Role', 'guid'],
	];
	for (const [key, label, kind] of core) {
		const raw = mode === 'create' ? ctx.getNodeParameter(key, '', { extractValue: true }) : fields[key];
		const value = checkValue(ctx, textRule(key, label, mode === 'create', kind), raw);
		if (value !== undefined) body[key] = value;
	}
	if (body.contactMethod !== undefined && body.contactMethod !== 'Email' && body.contactMethod !== 'PhoneNumber') {
		const name = mode === 'create' ? 'contactMethod' : `${collection}.contactMethod`;
		refuse(ctx, 'Contact Method', name, 'not one of Email, PhoneNumber', `The value given was "${String(body.contactMethod).slice(0, 50)}".`);
	}

	if (mode === 'create') {
		body.homeBusinessUnit = createHomeBusinessUnit(ctx, fields);
	}

	for (const spec of OPTIONAL_FIELDS) {
		if (mode === 'create' && spec.key === 'homeBusinessUnit') continue;
		const raw = fields[spec.key];
		if (raw === undefined) continue;
		if (spec.boolean) {
			if (typeof raw !== 'boolean') refuse(ctx, spec.label, `${collection}.${spec.key}`, 'expected true or false');
			body[spec.key] = raw;
			continue;
		}
		const value = checkValue(ctx, textRule(spec.key, spec.label, false, spec.kind), raw);
		if (value !== undefined) body[spec.key] = value;
	}

	// "Email is required when ContactMethod is 'Email'; PhoneNumber when 'PhoneNumber'."
	if (body.contactMethod === 'Email' && body.email === undefined) {
		refuse(ctx, 'Email', `${collection}.email`, 'required when Contact Method is Email');
	}
	if (body.contactMethod === 'PhoneNumber' && body.phoneNumber === undefined) {
		refuse(ctx, 'Phone Number', `${collection}.phoneNumber`, 'required when Contact Method is Phone Number');
	}

	const businessUnitAccess = accessBlock(ctx, fields, collection, {
		typeKey: 'businessUnitAccess',
		typeLabel: 'Business Unit Access',
		valuesKey: 'businessUnitIds',
		valuesLabel: 'Business Units',
		all: 'AllBusinessUnits',
		selected: 'SelectedBusinessUnits',
		selectedLabel: 'Selected Business Units',
	});
	if (businessUnitAccess) body.businessUnitAccess = businessUnitAccess;
	const jobAccess = accessBlock(ctx, fields, collection, {
		typeKey: 'jobAccess',
		typeLabel: 'Job Access',
		valuesKey: 'jobIds',
		valuesLabel: 'Job IDs',
		all: 'AllJobs',
		selected: 'SelectedJobs',
		selectedLabel: 'Selected Jobs',
	});
	if (jobAccess) body.jobAccess = jobAccess;

	if (mode === 'update' && Object.keys(body).length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Update Fields: choose at least one field to update', {
			description: 'Add a field under "Update Fields" (updateFields).',
			itemIndex: ctx.getItemIndex(),
		});
	}
	return body;
}

/** preSend for Create and Update: the checked body as JSON. */
export function userBodyPreSend(mode: Mode): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		requestOptions.body = userBody(this, mode);
		requestOptions.json = true;
		return requestOptions;
	};
}

/** preSend of Get Many: Filters → Business Unit, checked as a GUID, as the `businessUnitId` query. */
export async function businessUnitQuery(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const filters = (this.getNodeParameter('filters', {}) ?? {}) as IDataObject;
	const id = checkValue(this, { name: 'filters.businessUnitId', label: 'Business Unit', kind: 'guid', required: false }, filters.businessUnitId);
	if (id !== undefined) requestOptions.qs = { ...(requestOptions.qs ?? {}), businessUnitId: id };
	return requestOptions;
}
