import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type DeclarativeRestApiSettings,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { CredentialOnce } from './credentialOnce';
import { asObject } from './data';
import { redact, toNodeApiError, vendorApiError, type ErrorHints, type Secrets } from './errors';
import { acquire, maxInFlightOf } from './inflight';
import { collect, type CollectOptions, type Page, type PagingStyle } from './paging';
import { BadResponse } from './read';
import { RATE_LIMIT_RETRIES, retryDelay } from './retry';

/**
 * Sending a request to a vendor from any n8n context that has credentials and request
 * helpers: a declarative node's routing hooks, a trigger's `poll()`, a dropdown's
 * `loadOptions`. Auth goes through n8n (`httpRequestWithAuthentication`), so a credential's
 * `preAuthentication` session (refreshed on 401) and OAuth2 tokens work as in any n8n node.
 */
export type ApiContext = IExecuteSingleFunctions | IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** What the transport needs to know of a vendor. */
export interface Vendor {
	/** The credential type the node uses in this context (HighQ: chosen by `authentication`). */
	credentialType(ctx: ApiContext): string;
	/** Error hints when an operation gives none. */
	hints?: ErrorHints;
	/**
	 * While the credential has no OAuth2 token stored, let one request fetch it and hold the
	 * others back until it has (n8n starts every item at once, and each would ask for a token).
	 */
	firstTokenGuard?: boolean;
	/** A last word on a converted error (e.g. a clearer message for a bare 404). */
	refine?(error: NodeApiError, cause: unknown): void;
}

/** A request as the vendor layers build it (the URL may be relative to `baseURL`). */
export type RequestOptions = DeclarativeRestApiSettings.HttpRequestOptions;

function itemIndexOf(ctx: ApiContext): number | undefined {
	return 'getItemIndex' in ctx ? ctx.getItemIndex() : undefined;
}

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
export async function credentialSecrets(ctx: ApiContext): Promise<Secrets> {
	const secrets: Secrets = [];
	for (const type of Object.keys(ctx.getNode().credentials ?? {})) {
		try {
			const data: ICredentialDataDecryptedObject = await ctx.getCredentials(type);
			collectSecrets(data, secrets);
		} catch {
			// a credential that cannot be read has nothing to leak
		}
	}
	return secrets;
}

/** Any failure of a request, or of reading its answer, as the node's error: the vendor's message, no secrets. */
export async function nodeErrorOf(
	ctx: ApiContext,
	vendor: Vendor,
	error: unknown,
	hints: ErrorHints | undefined = vendor.hints,
): Promise<NodeApiError | NodeOperationError> {
	const converted = await convert(ctx, vendor, error, hints);
	if (hints?.note && converted !== error) {
		converted.description = [hints.note, converted.description].filter(Boolean).join('\n');
	}
	return converted;
}

async function convert(ctx: ApiContext, vendor: Vendor, error: unknown, hints?: ErrorHints): Promise<NodeApiError | NodeOperationError> {
	const itemIndex = itemIndexOf(ctx);
	if (error instanceof BadResponse) {
		// What a server sent back may echo a secret (a key in the query string): redact it too.
		const secrets = await credentialSecrets(ctx);
		const message = redact(error.message, secrets);
		const description = redact(error.description ?? '', secrets);
		if (error.fromVendor) return vendorApiError(ctx.getNode(), message, description, undefined, itemIndex);
		return new NodeApiError(ctx.getNode(), {} as JsonObject, { message, description, itemIndex });
	}
	const converted = toNodeApiError(ctx.getNode(), error, await credentialSecrets(ctx), hints, itemIndex);
	if (converted instanceof NodeApiError && converted !== error) vendor.refine?.(converted, error);
	return converted;
}

// ------------------------------------------------------------------------------ first token

const firstToken = new Map<string, Promise<void>>();
/** Contexts (an item of a run, a poll) that have seen the token: their next pages need not read the credential again. */
const sawToken = new WeakSet<object>();

function hasToken(data: IDataObject): boolean {
	const token = asObject(data.oauthTokenData)?.access_token;
	return typeof token === 'string' && token !== '';
}

/**
 * Waits while another request is fetching the credential's first token; when there is no
 * token and nobody is fetching one, this request becomes the one that does, and the
 * function it returns lets the others go (n8n has then stored the token). Refreshing an
 * expired token is n8n's own, already single-flight, business.
 */
async function awaitFirstToken(ctx: ApiContext, type: string): Promise<(() => void) | undefined> {
	if (sawToken.has(ctx)) return undefined;
	const key = ctx.getNode().credentials?.[type]?.id ?? ctx.getNode().name;
	for (;;) {
		if (hasToken(await ctx.getCredentials(type))) {
			sawToken.add(ctx);
			return undefined;
		}
		const pending = firstToken.get(key);
		if (!pending) break;
		await pending;
	}
	let release: () => void = () => undefined;
	const pending = new Promise<void>((resolve) => (release = resolve));
	firstToken.set(key, pending);
	return () => {
		if (firstToken.get(key) === pending) firstToken.delete(key);
		release();
	};
}

// ------------------------------------------------------------------------------ sending

/**
 * One request with the node's credential, as a full response. A 429 that asks for a short
 * wait (Retry-After) is tried again, at most RATE_LIMIT_RETRIES times; any failure becomes
 * the vendor's NodeApiError (with `hints` for its HTTP status). At most the node's "Max
 * Requests at Once" requests per credential are in flight from this process (./inflight.ts).
 */
export async function send(
	ctx: ApiContext,
	vendor: Vendor,
	options: RequestOptions,
	hints?: ErrorHints,
	credential?: CredentialOnce,
): Promise<IN8nHttpFullResponse> {
	const type = vendor.credentialType(ctx);
	const node = ctx.getNode();
	const limit = maxInFlightOf(node);
	// First the first-token wait, then a place among the credential's requests in flight: a
	// request waiting for the token holds no place, so the one fetching it always gets one.
	const release = vendor.firstTokenGuard ? await awaitFirstToken(ctx, type) : undefined;
	try {
		const free = await acquire(`${type}:${node.credentials?.[type]?.id ?? node.name}`, limit);
		try {
			return await sendHolding(ctx, vendor, type, options, hints, credential);
		} finally {
			free();
		}
	} finally {
		release?.();
	}
}

/** The request and its 429 retries (the place in flight is held through the waits: a rate-limited vendor gets no more). */
async function sendHolding(ctx: ApiContext, vendor: Vendor, type: string, options: RequestOptions, hints?: ErrorHints, credential?: CredentialOnce): Promise<IN8nHttpFullResponse> {
	for (let attempt = 0; ; attempt++) {
		const credentialsDecrypted = credential?.copy();
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				type,
				{
					// The answer as bytes, which the readers parse: on n8n 1.x only then does a
					// failed request's body (XML, HTML or text too) reach the error (./httpResponse.ts).
					encoding: 'arraybuffer',
					...options,
					returnFullResponse: true,
				} as IHttpRequestOptions,
				credentialsDecrypted ? { credentialsDecrypted } : undefined,
			)) as IN8nHttpFullResponse;
			credential?.keep(credentialsDecrypted);
			return response;
		} catch (error) {
			credential?.keep(credentialsDecrypted);
			const wait = retryDelay(error);
			if (wait !== undefined && attempt < RATE_LIMIT_RETRIES) {
				await sleep(wait);
				continue;
			}
			if (attempt > 0 && error !== null && typeof error === 'object') {
				(error as { rateLimitRetries?: number }).rateLimitRetries = attempt;
			}
			throw await nodeErrorOf(ctx, vendor, error, hints ?? vendor.hints);
		}
	}
}

/** One request, its answer read by `reader`; a reader's BadResponse becomes the node's error too. */
export async function call<T>(
	ctx: ApiContext,
	vendor: Vendor,
	options: RequestOptions,
	reader: (response: IN8nHttpFullResponse) => T,
	hints?: ErrorHints,
	credential?: CredentialOnce,
): Promise<T> {
	const response = await send(ctx, vendor, options, hints, credential);
	try {
		return reader(response);
	} catch (error) {
		throw await nodeErrorOf(ctx, vendor, error, hints ?? vendor.hints);
	}
}

/**
 * A write's request options turned into a read: GET `url` (the same URL by default) with
 * `qs`, no body and no Content-Type; base URL, Accept and the rest are kept.
 */
export function readOf(options: RequestOptions, url?: string, qs: IDataObject | undefined = options.qs): RequestOptions {
	const headers: IDataObject = { ...(options.headers ?? {}) };
	for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-type') delete headers[name];
	return { ...options, method: 'GET', url: url ?? options.url, qs, body: undefined, headers };
}

/**
 * A whole list through the paging engine: `request` (its URL, filters and headers) is sent
 * once per page with the paging parameters added to its query, and `reader` reads each page.
 * Once the first page gives the list's length, the other pages go up to the node's Max
 * Requests at Once at a time (./paging.ts).
 */
export async function listAll(
	ctx: ApiContext,
	vendor: Vendor,
	style: PagingStyle,
	request: RequestOptions,
	reader: (response: IN8nHttpFullResponse) => Page,
	options: CollectOptions & { hints?: ErrorHints } = {},
): Promise<IDataObject[]> {
	const list = { ...request, method: 'GET' as const };
	// the credential read once for all the pages (./credentialOnce.ts)
	const credential = await CredentialOnce.load(ctx, vendor.credentialType(ctx));
	const fetchPage = async (query: IDataObject) => await call(ctx, vendor, { ...list, qs: { ...(list.qs ?? {}), ...query } }, reader, options.hints, credential);
	// as many pages at once as the node's Max Requests at Once; send() keeps the credential's cap
	return await collect(ctx.getNode(), style, fetchPage, { pagesAtOnce: maxInFlightOf(ctx.getNode()), ...options });
}
