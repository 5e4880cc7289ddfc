import {
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type PreSendAction,
} from 'n8n-workflow';

export type ValueKind = 'text' | 'email' | 'guid' | 'integer';

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_TEXT_LENGTH = 4096;

export interface ParamRule {
	/** Parameter path as n8n stores it, e.g. `userId` or `additionalFields.email`. */
	name: string;
	/** What the user sees in the editor, e.g. `User ID`. */
	label: string;
	kind?: ValueKind;
	/** Missing or blank is an error (default true). */
	required?: boolean;
	maxLength?: number;
}

function fail(ctx: IExecuteSingleFunctions, rule: ParamRule, message: string, description?: string): never {
	throw new NodeOperationError(ctx.getNode(), `${rule.label}: ${message}`, {
		description: description ?? `Check the "${rule.label}" parameter (${rule.name}).`,
		itemIndex: ctx.getItemIndex(),
	});
}

/** Checks a value against a rule; returns it trimmed, or undefined when optional and empty. */
export function checkValue(ctx: IExecuteSingleFunctions, rule: ParamRule, raw: unknown): string | undefined {
	const required = rule.required ?? true;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		if (required) fail(ctx, rule, 'a value is required');
		return undefined;
	}
	if (typeof raw === 'object') fail(ctx, rule, `expected text, got ${Array.isArray(raw) ? 'a list' : 'an object'}`);
	const value = String(raw).trim();
	const max = rule.maxLength ?? MAX_TEXT_LENGTH;
	if (value.length > max) fail(ctx, rule, `the value is ${value.length} characters long; at most ${max} are allowed`);
	switch (rule.kind) {
		case 'email':
			if (!EMAIL.test(value)) fail(ctx, rule, `"${value.slice(0, 100)}" is not a valid email address`);
			break;
		case 'guid':
			if (!GUID.test(value))
				fail(ctx, rule, `"${value.slice(0, 100)}" is not a valid GUID`, 'Expected a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.');
			break;
		case 'integer':
			if (!/^-?\d+$/.test(value)) fail(ctx, rule, `"${value.slice(0, 100)}" is not a whole number`);
			break;
		default:
	}
	return value;
}

/** Reads a parameter (resource locators give their value) and checks it. */
export function param(ctx: IExecuteSingleFunctions, rule: ParamRule): string | undefined {
	const raw = ctx.getNodeParameter(rule.name, undefined, { extractValue: true }) as unknown;
	return checkValue(ctx, rule, raw);
}

/**
 * One path segment: `/`, `?`, `#`, `%` and friends encoded. A segment of only dots is
 * refused by idPath, since URLs resolve `.`, `..` and their encoded forms as navigation.
 */
export function encodeSegment(value: string): string {
	return encodeURIComponent(value);
}

/**
 * preSend: checks a parameter and puts it, encoded as one path segment, into the URL in
 * place of `{id}`, e.g. `idPath('/users/{id}', { name: 'userId', label: 'User ID' })`.
 */
export function idPath(template: string, rule: ParamRule): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const value = param(this, { ...rule, required: true })!;
		if (/^\.+$/.test(value)) fail(this, rule, `"${value}" cannot be used in a URL path`);
		requestOptions.url = template.replace('{id}', encodeSegment(value));
		return requestOptions;
	};
}

/** preSend: checks parameters before any request goes out. */
export function checkParams(...rules: ParamRule[]): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		for (const rule of rules) param(this, rule);
		return requestOptions;
	};
}

/** Drops undefined, null and blank-string values from a fields collection. */
export function compact(fields: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined || value === null) continue;
		if (typeof value === 'string' && value.trim() === '') continue;
		out[key] = value;
	}
	return out;
}
