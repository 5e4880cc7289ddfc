import type { IDataObject, IExecuteFunctions, IExecuteSingleFunctions, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

/**
 * One input item of a whole-input operation (n8n's `customOperations`) seen as the per-item
 * context the declarative hooks and the vendor layer were written for: `getNodeParameter(name)`
 * reads the parameter for this item, `getItemIndex()` names it in errors, and everything else
 * (credentials, HTTP helpers, logger, cancel signal) is the run's own context, which n8n's
 * request helpers need as `this`.
 *
 * Each parameter is evaluated once per item. A parameter whose stored value holds no
 * expression is the same for every item: it is read once for the whole run.
 */

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
	const isFixed = (name: string): boolean => {
		const top = name.split('.')[0];
		return top in raw && !hasExpression(raw[top]);
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
				if (!read.has(key)) read.set(key, ctx.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType, options));
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
