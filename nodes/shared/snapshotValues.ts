/**
 * How a snapshot line writes the values it keeps in full (a user's ID and identity fields),
 * short and so that the same value always gives the same text (lines are compared as text):
 *
 *   ''              no value (nothing, null, '', false, [])
 *   #<json>         a value that is not a string (a number such as HighQ's IDs, a boolean)
 *   ~<n>            the same string as the line's value number n (user name = e-mail)
 *   ~u<22> / ~U<22> a UUID in lower / upper case, its 128 bits in 22 characters
 *   ...@~<n>        an e-mail address on domain number n of the snapshot's `domains`
 *   anything else   the string itself, with `%`, `|`, `~` and a leading `#` escaped as
 *                   %25, %7C, %7E and %23
 */

const UUID_LOWER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const DOMAIN = /^[A-Za-z0-9.-]+$/;
const ESCAPES: Record<string, string> = { '%': '%25', '|': '%7C', '~': '%7E', '#': '%23' };
const UNESCAPES: Record<string, string> = { '%25': '%', '%7C': '|', '%7E': '~', '%23': '#' };

/** At most this many e-mail domains get a number; addresses on others are written in full. */
export const MAX_DOMAINS = 100;

function escape(text: string): string {
	return /[%|~]|^#/.test(text) ? text.replace(/[%|~]|^#/g, (c) => ESCAPES[c]) : text;
}

function unescape(text: string): string {
	return text.includes('%') ? text.replace(/%(25|7C|7E|23)/g, (c) => UNESCAPES[c]) : text;
}

/** 32 hex digits (a UUID without dashes) as 22 base64url characters, and back. */
function hexToShort(hex: string): string {
	return Buffer.from(hex, 'hex').toString('base64url');
}

function shortToHex(short: string): string {
	return Buffer.from(short, 'base64url').toString('hex');
}

function withDashes(hex: string): string {
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0);
}

export class ValueCodec {
	private readonly index = new Map<string, number>();

	/** The snapshot's numbered e-mail domains; grows as new ones come, up to MAX_DOMAINS. */
	constructor(readonly domains: string[]) {
		domains.forEach((domain, i) => this.index.set(domain, i));
	}

	/** `earlier`: the raw values already written in this line (for `~<n>`). */
	encode(value: unknown, earlier: unknown[]): string {
		if (isEmpty(value)) return '';
		if (typeof value !== 'string') return `#${escape(JSON.stringify(value))}`;
		const same = earlier.indexOf(value);
		if (same >= 0) return `~${same}`;
		if (value.length === 36) {
			if (UUID_LOWER.test(value)) return `~u${hexToShort(value.replace(/-/g, ''))}`;
			if (UUID_UPPER.test(value)) return `~U${hexToShort(value.replace(/-/g, ''))}`;
		}
		const at = value.lastIndexOf('@');
		if (at > 0) {
			const n = this.domainNumber(value.slice(at + 1));
			if (n !== undefined) return `${escape(value.slice(0, at))}@~${n}`;
		}
		return escape(value);
	}

	/** `earlier`: the values already decoded from this line. */
	decode(segment: string, earlier: unknown[]): unknown {
		if (segment === '') return null;
		if (segment[0] === '#') return JSON.parse(unescape(segment.slice(1)));
		if (segment[0] === '~') {
			if (segment[1] === 'u') return withDashes(shortToHex(segment.slice(2)));
			if (segment[1] === 'U') return withDashes(shortToHex(segment.slice(2))).toUpperCase();
			return earlier[Number(segment.slice(1))] ?? null;
		}
		const domain = /@~(\d+)$/.exec(segment);
		if (domain) return `${unescape(segment.slice(0, domain.index))}@${this.domains[Number(domain[1])] ?? ''}`;
		return unescape(segment);
	}

	private domainNumber(domain: string): number | undefined {
		const known = this.index.get(domain);
		if (known !== undefined || this.domains.length >= MAX_DOMAINS || !DOMAIN.test(domain)) return known;
		this.index.set(domain, this.domains.push(domain) - 1);
		return this.domains.length - 1;
	}
}
