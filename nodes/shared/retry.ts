import { httpResponseOf } from './httpResponse';

/** When a failed request is worth trying again (the transport, ./transport.ts, does the retrying). */

/** How often a rate-limited (429) request is tried again, and the longest wait honoured. */
export const RATE_LIMIT_RETRIES = 3;
export const MAX_RETRY_AFTER_MS = 10_000;

/** Milliseconds to wait before retrying a 429, or undefined when it should not be retried. */
export function retryDelay(error: unknown): number | undefined {
	const response = httpResponseOf(error);
	if (response?.status !== 429) return undefined;
	// n8n 1.x's NodeApiError keeps no headers: there a 429 waits as if it had no Retry-After
	const header = response.headers?.['retry-after'];
	if (header === undefined || header === null || header === '') return 1000;
	const seconds = Number(header);
	const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(String(header)) - Date.now();
	if (!Number.isFinite(ms)) return 1000;
	return ms <= MAX_RETRY_AFTER_MS ? Math.max(0, ms) : undefined;
}
