import {
	NodeHelpers,
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
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

/**
 * A NodeOperationError naming the parameter. n8n swaps a message that contains a Node.js
 * error code (EPERM, ENOENT, ...) for a generic text; a user's value can contain one, so
 * the message and description are set again after construction.
 */
export function parameterError(ctx: IExecuteSingleFunctions, label: string, name: string, message: string, description?: string): NodeOperationError {
	const text = `${label}: ${message}`;
	const full = description ? `${description} Check the "${label}" parameter (${name}).` : `Check the "${label}" parameter (${name}).`;
	const error = new NodeOperationError(ctx.getNode(), text, { description: full, itemIndex: ctx.getItemIndex() });
	error.message = text;
	error.description = full;
	return error;
}

/** Throws parameterError: for checks of one parameter that a ParamRule does not describe. */
export function refuse(ctx: IExecuteSingleFunctions, label: string, name: string, message: string, description?: string): never {
	throw parameterError(ctx, label, name, message, description);
}

function fail(ctx: IExecuteSingleFunctions, rule: ParamRule, message: string, description?: string): never {
	throw parameterError(ctx, rule.label, rule.name, message, description);
}

/** Checks a value against a rule; returns it trimmed, or undefined when optional and empty. */
export function checkValue(ctx: IExecuteSingleFunctions, rule: ParamRule, raw: unknown): string | undefined {
	const required = rule.required ?? true;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		if (required) fail(ctx, rule, 'a value is required');
		return undefined;
	}
	if (typeof raw === 'object' || typeof raw === 'function') fail(ctx, rule, `expected text, got ${Array.isArray(raw) ? 'a list' : 'an object'}`);
	const value = String(raw).trim();
	const max = rule.maxLength ?? MAX_TEXT_LENGTH;
	if (value.length > max) fail(ctx, rule, `the value is ${value.length} characters long; at most ${max} are allowed`);
	// The value goes into the description, never the message: n8n swaps a message that
	// contains a Node.js error code (EPERM, ENOENT, ...) for a generic text, also when it
	// re-wraps our error, and a value typed by a user can contain one.
	const given = `The value given was "${value.slice(0, 100)}".`;
	switch (rule.kind) {
		case 'email':
			if (!EMAIL.test(value)) fail(ctx, rule, 'not a valid email address', given);
			break;
		case 'guid':
			if (!GUID.test(value)) fail(ctx, rule, 'not a valid GUID', `${given} Expected a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.`);
			break;
		case 'integer':
			if (!/^-?\d+$/.test(value)) fail(ctx, rule, 'not a whole number', given);
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
		if (/^\.+$/.test(value)) fail(this, rule, 'a value of only dots cannot be used in a URL path', `The value given was "${value}".`);
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

/** A choice list whose values a node checks itself (e.g. time zones, which also take aliases). */
export interface ChoiceCheckOptions {
	skip?: string[];
}

function choiceValues(property: INodeProperties): Array<string | number | boolean> | undefined {
	if (property.type !== 'options' && property.type !== 'multiOptions') return undefined;
	if (property.typeOptions?.loadOptionsMethod || property.typeOptions?.loadOptions) return undefined;
	return ((property.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
}

function checkChoice(ctx: IExecuteSingleFunctions, property: INodeProperties, path: string, raw: unknown, allowed: Array<string | number | boolean>) {
	const list = property.type === 'multiOptions' && Array.isArray(raw) ? raw : [raw];
	for (const value of list) {
		if (property.type === 'multiOptions' && raw === undefined) continue;
		if (allowed.includes(value as string)) continue;
		const shown = value !== null && typeof value === 'object' ? (Array.isArray(value) ? 'a list' : 'an object') : `"${String(value).slice(0, 100)}"`;
		const choices = allowed.length > 12 ? `${allowed.slice(0, 12).join(', ')}, ...` : allowed.join(', ');
		throw parameterError(ctx, property.displayName, path, 'not one of the choices', `The value given was ${shown}; the choices are ${choices}.`);
	}
}

/**
 * preSend for every operation (put on the Resource parameter, whose preSend runs first):
 * a value of an options parameter that is not one of its choices, as an expression can
 * give, is refused before any request. Choices loaded from the server are left to the
 * node's own checks, and so are the parameters named in `skip`.
 */
export function checkChoices(description: () => INodeTypeDescription, options: ChoiceCheckOptions = {}): PreSendAction {
	interface Check {
		property: INodeProperties;
		/** The choices of an options parameter. */
		allowed?: Array<string | number | boolean>;
		/** The options parameters inside a collection, with their paths. */
		nested?: Array<{ option: INodeProperties; path: string; allowed: Array<string | number | boolean> }>;
	}
	// The description does not change: which parameters have fixed choices is worked out once,
	// not for every item.
	let checks: Check[] | undefined;
	const checksOf = (desc: INodeTypeDescription): Check[] => {
		const skip = new Set(options.skip ?? []);
		const out: Check[] = [];
		for (const property of desc.properties) {
			if (property.name === 'resource' || property.name === 'operation') continue;
			const allowed = choiceValues(property);
			if (allowed && !skip.has(property.name)) {
				out.push({ property, allowed });
				continue;
			}
			if (property.type !== 'collection') continue;
			const nested: Check['nested'] = [];
			for (const option of (property.options ?? []) as INodeProperties[]) {
				const path = `${property.name}.${option.name}`;
				const optionChoices = choiceValues(option);
				if (optionChoices && !skip.has(path)) nested.push({ option, path, allowed: optionChoices });
			}
			if (nested.length) out.push({ property, nested });
		}
		return out;
	};
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const node = this.getNode();
		const desc = description();
		checks ??= checksOf(desc);
		for (const { property, allowed, nested } of checks) {
			if (!NodeHelpers.displayParameter(node.parameters, property, node, desc)) continue;
			if (allowed) {
				checkChoice(this, property, property.name, this.getNodeParameter(property.name, property.default), allowed);
				continue;
			}
			const values = (this.getNodeParameter(property.name, {}) ?? {}) as IDataObject;
			if (values === null || typeof values !== 'object') continue;
			for (const { option, path, allowed: choices } of nested ?? []) {
				if (!(option.name in values)) continue;
				checkChoice(this, option, path, values[option.name], choices);
			}
		}
		return requestOptions;
	};
}
