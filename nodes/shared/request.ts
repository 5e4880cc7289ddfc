import {
	NodeApiError,
	type DeclarativeRestApiSettings,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { toNodeApiError, type ErrorHints, type Secrets } from './errors';
import { parseXml, type XmlShape } from './xml';

const SECRET_FIELD = /password|secret|key|token|session/i;

function collectSecrets(data: unknown, out: Secrets, depth = 0): void {
	if (depth > 3 || data === null || typeof data !== 'object') return;
	for (const [name, value] of Object.entries(data as IDataObject)) {
		if (typeof value === 'string' && SECRET_FIELD.test(name)) out.push(value);
		else if (typeof value === 'object') collectSecrets(value, out, depth + 1);
	}
}

/**
 * The secret values of every credential the node has: any field whose name says
 * password, secret, key, token or session, and the OAuth token data.
 */
export async function credentialSecrets(this: IExecuteSingleFunctions): Promise<Secrets> {
	const secrets: Secrets = [];
	for (const type of Object.keys(this.getNode().credentials ?? {})) {
		try {
			const data: ICredentialDataDecryptedObject = await this.getCredentials(type);
			collectSecrets(data, secrets);
		} catch {
			// a credential that cannot be read has nothing to leak
		}
	}
	return secrets;
}

/** Rethrows any request failure as a NodeApiError with the vendor's message and no secrets. */
export async function rethrowAsVendorError(
	this: IExecuteSingleFunctions,
	error: unknown,
	hints?: ErrorHints,
): Promise<never> {
	const secrets = await credentialSecrets.call(this);
	throw toNodeApiError(this.getNode(), error, secrets, hints, this.getItemIndex());
}

/**
 * `routing.operations.pagination` is n8n's one hook around a whole declarative request;
 * operations that make one request use this, so that failures carry the vendor's message.
 */
export function sendOnce(hints?: ErrorHints) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		try {
			return await this.makeRoutingRequest(requestData);
		} catch (error) {
			return await rethrowAsVendorError.call(this, error, hints);
		}
	};
}

/**
 * Parses a response body that may be JSON (already parsed, or text) or XML text. XML
 * comes back without its document element (`<UserResponse>...</UserResponse>` gives
 * the content of UserResponse), shaped like the vendor's JSON by `shape`.
 */
export function readBody(this: IExecuteSingleFunctions, body: unknown, shape?: XmlShape): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	const text = body.trim();
	if (text === '') return undefined;
	if (text.startsWith('<')) {
		const parsed = parseXml(text, shape);
		if (parsed.refused !== undefined) {
			throw new NodeApiError(this.getNode(), {} as JsonObject, {
				message: parsed.refused,
				description: 'Check that the Base URL in the credential points at the API, and try the JSON format.',
			});
		}
		const values = Object.values(parsed.data);
		return values.length === 1 ? values[0] : parsed.data;
	}
	try {
		return JSON.parse(text);
	} catch {
		throw new NodeApiError(this.getNode(), {} as JsonObject, {
			message: 'The server sent a response that is neither JSON nor XML',
			description: `It began: ${text.slice(0, 120)}`,
		});
	}
}
