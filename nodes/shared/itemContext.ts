import type { IDataObject, IExecuteFunctions, IExecuteSingleFunctions, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

/**
 * One input item of a whole-input operation (n8n's `customOperations`) seen as the per-item
 * context the declarative hooks and the vendor layer were written for: `getNodeParameter(name)`
 * reads the parameter for this item, `getItemIndex()` names it in errors, and everything else
 * (credentials, HTTP helpers, logger, cancel signal) is the run's own context, which n8n's
 * request helpers need as `this`.
 *
 * Each parameter is evaluated once per item. A parameter whose stored value holds no
 * expression is the same for every item: it is read once for the whole run. A parameter whose
 * expressions are all plain references to a field of the item (`={{ $json.email }}`,
 * `={{ $json.name.first }}`, `={{ $json["first name"] }}`) is read from the item directly:
 * that is the value n8n's expression sandbox would give, at a small part of the cost (most of
 * a large run's time was those evaluations). Anything else, and a reference to a field the
 * item does not have, goes to n8n.
 */

/** `={{ $json.a.b }}` or `={{ $json["a b"] }}`, nothing else around it. */
const PLAIN_REFERENCE = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:"[^"\\]*"|'[^'\\]*'|\d+)\])+)\s*\}\}$/;
const STEP = /\.([A-Za-z_$][\w$]*)|\[(?:"([^"\\]*)"|'([^'\\]*)'|(\d+))\]/g;

/** The field path of a plain reference, or undefined. */
export function plainReference(expression: string): string[] | undefined {
	const match = PLAIN_REFERENCE.exec(expression);
	if (!match) return undefined;
	return [...match[1].matchAll(STEP)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
}

const NOT_PLAIN = Symbol('not plain');

/** A stored value with its plain references read from `json`; NOT_PLAIN when any expression is not one, or names a missing field. */
function readPlain(value: unknown, json: IDataObject): unknown {
	if (typeof value === 'string') {
		if (!value.startsWith('=')) return value;
		const path = plainReference(value);
		if (!path) return NOT_PLAIN;
		let current: unknown = json;
		for (const key of path) {
			if (current === null || typeof current !== 'object') return NOT_PLAIN;
			current = (current as IDataObject)[key];
		}
		return current === undefined || current === null ? NOT_PLAIN : copyOf(current);
	}
	if (Array.isArray(value)) {
		const out: unknown[] = [];
		for (const entry of value) {
			const read = readPlain(entry, json);
			if (read === NOT_PLAIN) return NOT_PLAIN;
			out.push(read);
		}
		return out;
	}
	if (value !== null && typeof value === 'object') {
		const out: IDataObject = {};
		for (const [key, entry] of Object.entries(value)) {
			const read = readPlain(entry, json);
			if (read === NOT_PLAIN) return NOT_PLAIN;
			out[key] = read as IDataObject[string];
		}
		return out;
	}
	return value;
}

function storedAt(parameters: INodeParameters, name: string): unknown {
	let current: unknown = parameters;
	for (const key of name.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/** A value handed out more than once: objects are copied, so that no item changes another's. */
function copyOf<T>(value: T): T {
	return value !== null && typeof value === 'object' ? (structuredClone(value) as T) : value;
}

export interface ItemContexts {
	/** The per-item context of input item `itemIndex`. */
	item(itemIndex: number): IExecuteSingleFunctions;
}

export function itemContexts(ctx: IExecuteFunctions): ItemContexts {
	const raw: INodeParameters = ctx.getNode().parameters ?? {};
	const fixed = new Map<string, unknown>();
	const inputs = ctx.getInputData();
	// whether a top-level parameter holds no expression: worked out once per run, not on every read
	const noExpression = new Map<string, boolean>();
	const isFixed = (name: string): boolean => {
		const top = name.split('.')[0];
		let fixedTop = noExpression.get(top);
		if (fixedTop === undefined) {
			fixedTop = top in raw && !hasExpression(raw[top]);
			noExpression.set(top, fixedTop);
		}
		return fixedTop;
	};
	return {
		item(itemIndex: number): IExecuteSingleFunctions {
			const read = new Map<string, unknown>();
			const item = Object.create(ctx) as IExecuteFunctions & Record<string, unknown>;
			const getNodeParameter = (name: string, fallback?: unknown, options?: IDataObject): unknown => {
				const key = options ? `${name}|${JSON.stringify(options)}` : name;
				if (isFixed(name)) {
					if (!fixed.has(key)) fixed.set(key, ctx.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType, options));
					return copyOf(fixed.get(key));
				}
				if (!read.has(key)) {
					// extractValue matters only for a resource locator (an object), never for a plain string
					const onlyExtract = options !== undefined && Object.keys(options).length === 1 && options.extractValue === true;
					const candidate = !options || onlyExtract ? storedAt(raw, name) : undefined;
					const stored = onlyExtract && typeof candidate !== 'string' ? undefined : candidate;
					const json = stored === undefined ? undefined : inputs[itemIndex]?.json;
					const plain = json ? readPlain(stored, json) : NOT_PLAIN;
					read.set(key, plain !== NOT_PLAIN ? plain : ctx.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType, options));
				}
				return copyOf(read.get(key));
			};
			Object.assign(item, {
				getItemIndex: () => itemIndex,
				getNodeParameter,
				getCredentials: async (type: string) => await ctx.getCredentials(type, itemIndex),
				getInputData: () => ctx.getInputData()[itemIndex],
			});
			return item as unknown as IExecuteSingleFunctions;
		},
	};
}
