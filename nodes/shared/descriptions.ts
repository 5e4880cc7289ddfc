import type { IExecuteSingleFunctions, INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { checkChoices, type ChoiceCheckOptions } from './validate';

/** The API root as the credential's Base URL gives it, without trailing slashes (a request default). */
export const CREDENTIAL_BASE_URL = '={{$credentials.baseUrl.replace(/\\/+$/, "")}}';

/**
 * The Resource dropdown. Its preSend, which runs before every other, refuses a value of any
 * options parameter that is not one of its choices (as an expression can give), for every operation.
 */
export function resourceSelector(
	description: () => INodeTypeDescription,
	resources: INodePropertyOptions[],
	checks: ChoiceCheckOptions = {},
): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources,
		default: 'user',
		routing: { send: { preSend: [checkChoices(description, checks)] } },
	};
}

/** Return All + Limit for a list operation; the pager reads Limit as the request's maxResults. */
export function returnAllAndLimit(resource: string, operation: string): INodeProperties[] {
	const displayOptions = { show: { resource: [resource], operation: [operation] } };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
			routing: { output: { maxResults: '={{$value}}' } },
		},
	];
}

/**
 * For each node's requestDefaults: responses reach the node as bytes (a Buffer), which its
 * postReceive reads as JSON or XML (readBody). So the body of a failed request reaches the
 * vendor error on n8n 1.x too, whatever it is: 1.x's NodeApiError keeps a body only when it is
 * an object, and a Buffer is one, while XML, HTML or plain text is dropped (shared/httpResponse.ts).
 */
export const RESPONSE_AS_BYTES = { encoding: 'arraybuffer' } as const;

/** The `options.format` choice: the wire format; the items are the same either way. */
export const formatOption: INodeProperties = {
	displayName: 'Format',
	name: 'format',
	type: 'options',
	default: 'json',
	description: 'The format the API sends data in. The items this node outputs are the same either way.',
	options: [
		{ name: 'JSON', value: 'json' },
		{ name: 'XML', value: 'xml' },
	],
};

/** The wire format an item asks for in Options → Format. */
export function formatOf(ctx: IExecuteSingleFunctions): 'json' | 'xml' {
	return ctx.getNodeParameter('options.format', 'json') === 'xml' ? 'xml' : 'json';
}

/** The Operation dropdown of one resource. */
export function operationSelector(
	resource: string,
	options: INodePropertyOptions[],
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}
