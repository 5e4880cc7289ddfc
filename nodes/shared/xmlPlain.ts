/**
 * A reader of the plain XML the vendors send, for the pages it can vouch for: one root
 * element, ASCII element and attribute names, quoted attribute values without `<` or `&`, no
 * repeated attribute, matching end tags, in text `&` only as `&lt;` `&gt;` `&amp;` `&quot;`
 * `&apos;`, whitespace around the root, and at most an `<?xml ...?>` declaration at the very
 * start. No comments, CDATA, DOCTYPE or processing instructions.
 *
 * What it vouches for, fast-xml-parser's XMLValidator accepts too (everything accepted here is
 * a subset of what it accepts), and it reads it into exactly what fast-xml-parser's XMLParser
 * gives with xml.ts's options (ordered output, namespace prefixes removed, text trimmed, the
 * five entities decoded, `\r\n` read as `\n`); a quarter of the time on the vendors' pages, in
 * one pass that is also the check. `undefined` means only "not vouched for": the caller runs
 * XMLValidator (the refusal and its reason) and fast-xml-parser. So is every name fast-xml-parser
 * treats specially (`xmlns`, `__proto__`, `constructor`, ...), any other `&` and deep nesting.
 */

import type { Ordered } from './xmlShape';

type Attributes = Record<string, string> | undefined;

const NAME = '[A-Za-z_:][\\w.:-]*';
const WS = '[ \\t\\n\\r]';
const ATTRIBUTE = `${WS}+${NAME}${WS}*=${WS}*(?:"[^"<&]*"|'[^'<&]*')`;
/** An element's start or end tag: `/`, name, attributes, `/` of an empty element. */
const TAG = new RegExp(`<(/?)(${NAME})((?:${ATTRIBUTE})*)${WS}*(/?)>`, 'y');
/** One attribute of a start tag: name, and value in double or single quotes. */
const ATTRIBUTE_PARTS = new RegExp(`${WS}+(${NAME})${WS}*=${WS}*(?:"([^"<&]*)"|'([^'<&]*)')`, 'y');
/** `<?xml version="1.0" ...?>`: quoted values (fast-xml-parser cannot find the end of the declaration without). */
const DECLARATION = new RegExp(`<\\?xml(?:${WS}+[A-Za-z]+${WS}*=${WS}*(?:"[^"<>&?]*"|'[^'<>&?]*'))+${WS}*\\?>`, 'y');
/** Nesting at which the document is left to fast-xml-parser, whose own limit (xml.ts) then decides. */
const DEEPEST = 48;
/** Names fast-xml-parser refuses or renames (prototype pollution): such documents are left to it. */
const GUARDED = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

const SLASH = 47;
const GT = 62;
/** ASCII name characters as NAME spells them: 1 may start a name, 2 only follow. */
const NAME_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
	const ch = String.fromCharCode(c);
	NAME_CHARS[c] = /[A-Za-z_:]/.test(ch) ? 1 : /[\d.-]/.test(ch) ? 2 : 0;
}
function isNameStart(c: number): boolean {
	return c < 128 && NAME_CHARS[c] === 1;
}
function isNameChar(c: number): boolean {
	return c < 128 && NAME_CHARS[c] !== 0;
}

function isBlank(text: string, from: number, to: number): boolean {
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return false;
	}
	return true;
}

/** Start-tag attributes (` a="1" b='2'`, as TAG captured them) with no name given twice. */
function distinctAttributes(attributes: string): boolean {
	if (attributes.indexOf('=') === attributes.lastIndexOf('=')) return true; // one attribute (or `=` in a value: counted below)
	const names: string[] = [];
	ATTRIBUTE_PARTS.lastIndex = 0;
	for (let m = ATTRIBUTE_PARTS.exec(attributes); m; m = ATTRIBUTE_PARTS.exec(attributes)) {
		if (names.includes(m[1])) return false;
		names.push(m[1]);
	}
	return true;
}

/** Attributes as fast-xml-parser reads them: `xmlns` ones dropped, `p:name` as `@name`, values trimmed. */
function parsedAttributes(attributes: string): Attributes {
	let out: Attributes;
	ATTRIBUTE_PARTS.lastIndex = 0;
	for (let m = ATTRIBUTE_PARTS.exec(attributes); m; m = ATTRIBUTE_PARTS.exec(attributes)) {
		const parts = m[1].split(':');
		const name = parts[0] === 'xmlns' ? '' : parts.length === 2 ? parts[1] : m[1];
		if (name === '') continue;
		(out ??= {})[`@${name}`] = (m[2] ?? m[3]).trim();
	}
	return out;
}

/** The element's name as fast-xml-parser gives it (prefix removed); undefined for the names it treats specially. */
function elementName(raw: string): string | undefined {
	const colon = raw.indexOf(':');
	const name = colon === -1 ? raw : raw.slice(colon + 1);
	if (colon === 0 || name === '' || name.includes(':') || GUARDED.has(name)) return undefined;
	return name;
}

/** Text as fast-xml-parser keeps it: trimmed, the five entities decoded; undefined for any other `&`. */
function textOf(raw: string): string | undefined {
	const text = raw.trim();
	let amp = text.indexOf('&');
	if (amp === -1) return text;
	let out = '';
	let from = 0;
	while (amp !== -1) {
		const semi = text.indexOf(';', amp);
		const entity = semi === -1 ? undefined : ENTITIES.get(text.slice(amp + 1, semi));
		if (entity === undefined) return undefined;
		out += text.slice(from, amp) + entity;
		from = semi + 1;
		amp = text.indexOf('&', from);
	}
	return out + text.slice(from);
}
const ENTITIES = new Map([
	['lt', '<'],
	['gt', '>'],
	['amp', '&'],
	['quot', '"'],
	['apos', "'"],
]);

/** The document read as fast-xml-parser would read it, when it is plain (see above); undefined when fast-xml-parser must decide. */
export function readPlain(document: string): Ordered[] | undefined {
	// fast-xml-parser's first step: line ends as `\n`
	const text = document.includes('\r') ? document.replace(/\r\n?/g, '\n') : document;
	let i = 0;
	if (text.startsWith('<?xml')) {
		DECLARATION.lastIndex = 0;
		if (!DECLARATION.test(text)) return undefined;
		i = DECLARATION.lastIndex;
	}
	const top: Ordered[] = [];
	/** Names of the open elements, as written, and their children. */
	const open: string[] = [];
	const levels: Ordered[][] = [top];
	let children = top;
	let rootClosed = false;
	const names = new Map<string, string | undefined>();
	const attributesRead = new Map<string, Attributes>();
	const start = (raw: string, attributes: Attributes, empty: boolean): boolean => {
		let name = names.get(raw);
		if (name === undefined) {
			if (names.has(raw)) return false;
			name = elementName(raw);
			names.set(raw, name);
			if (name === undefined) return false;
		}
		const inner: Ordered[] = [];
		children.push(attributes === undefined ? { [name]: inner } : { [name]: inner, ':@': attributes });
		if (empty) {
			if (open.length === 0) rootClosed = true;
			return true;
		}
		if (open.length === DEEPEST) return false;
		open.push(raw);
		levels.push(inner);
		children = inner;
		return true;
	};
	const end = () => {
		open.pop();
		levels.pop();
		children = levels[levels.length - 1];
		if (open.length === 0) rootClosed = true;
	};
	for (;;) {
		const lt = text.indexOf('<', i);
		const stop = lt === -1 ? text.length : lt;
		if (open.length === 0) {
			// before or after the root element: only whitespace
			if (!isBlank(text, i, stop)) return undefined;
		} else if (stop > i) {
			const value = textOf(text.slice(i, stop));
			if (value === undefined) return undefined;
			if (value !== '') children.push({ '#text': value });
		}
		if (lt === -1) return rootClosed && open.length === 0 ? top : undefined;
		// the common tags, `</Name>`, `<Name>` and `<Name/>`, without a regular expression
		if (text.charCodeAt(lt + 1) === SLASH) {
			const last = open.length === 0 ? undefined : open[open.length - 1];
			if (last !== undefined && text.charCodeAt(lt + 2 + last.length) === GT && text.startsWith(last, lt + 2)) {
				end();
				i = lt + 3 + last.length;
				continue;
			}
		} else if (!rootClosed && isNameStart(text.charCodeAt(lt + 1))) {
			let j = lt + 2;
			while (isNameChar(text.charCodeAt(j))) j++;
			const c = text.charCodeAt(j);
			if (c === GT || (c === SLASH && text.charCodeAt(j + 1) === GT)) {
				if (!start(text.slice(lt + 1, j), undefined, c === SLASH)) return undefined;
				i = c === GT ? j + 1 : j + 2;
				continue;
			}
		}
		TAG.lastIndex = lt;
		const m = TAG.exec(text);
		if (!m) return undefined;
		i = TAG.lastIndex;
		if (m[1] === '/') {
			if (m[3] !== '' || m[4] === '/' || open[open.length - 1] !== m[2]) return undefined;
			end();
			continue;
		}
		if (rootClosed) return undefined;
		let attributes: Attributes;
		if (m[3] !== '') {
			attributes = attributesRead.get(m[3]);
			if (attributes === undefined && !attributesRead.has(m[3])) {
				if (!distinctAttributes(m[3])) return undefined;
				attributes = parsedAttributes(m[3]);
				attributesRead.set(m[3], attributes);
			}
		}
		if (!start(m[2], attributes, m[4] === '/')) return undefined;
	}
}
