/**
 * A quick well-formedness check for the plain XML the vendors send: one root element, ASCII
 * element and attribute names, quoted attribute values without `<` or `&`, no repeated attribute,
 * matching end tags, `&` only in `&name;` / `&#n;` / `&#xh;`, whitespace around the root, and
 * at most an `<?xml ...?>` declaration at the very start. No comments, CDATA, DOCTYPE or
 * processing instructions: a document with any of those is not vouched for.
 *
 * A document vouched for would be accepted by fast-xml-parser's XMLValidator too (everything
 * accepted here is a subset of what it accepts), so that need not run; `undefined` only means
 * "not vouched for": the caller runs XMLValidator, which gives the refusal and its reason.
 * About five times faster than XMLValidator on the vendors' pages.
 *
 * The check also notes which elements carry attributes, so that fast-xml-parser can skip
 * attributes on these documents (a fifth of its time) and `withAttributes` puts back what
 * it would have read.
 */

const NAME = '[A-Za-z_:][\\w.:-]*';
const WS = '[ \\t\\n\\r]';
const ATTRIBUTE = `${WS}+${NAME}${WS}*=${WS}*(?:"[^"<&]*"|'[^'<&]*')`;
/** An element's start or end tag: `/`, name, attributes, `/` of an empty element. */
const TAG = new RegExp(`<(/?)(${NAME})((?:${ATTRIBUTE})*)${WS}*(/?)>`, 'y');
/** One attribute of a start tag: name, and value in double or single quotes. */
const ATTRIBUTE_PARTS = new RegExp(`${WS}+(${NAME})${WS}*=${WS}*(?:"([^"<&]*)"|'([^'<&]*)')`, 'y');
const DECLARATION = /<\?xml [^?<>]*\?>/y;
/** What XMLValidator accepts after `&` in text (a name of up to 20 word characters, or a character number). */
const REFERENCE = /&(?:\w{1,20}|#\d+|#x[\da-fA-F]+);/y;

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

/** A document vouched for: its start tags that carry attributes (by their place among all start tags, from 0). */
export interface PlainDocument {
	attributed: number[];
	attributes: string[];
}

/** The document when it is plain, well-formed XML (see above); undefined when XMLValidator must decide. */
export function plainDocument(text: string): PlainDocument | undefined {
	let i = 0;
	if (text.startsWith('<?xml')) {
		DECLARATION.lastIndex = 0;
		if (!DECLARATION.test(text)) return undefined;
		i = DECLARATION.lastIndex;
	}
	const open: string[] = [];
	const plain: PlainDocument = { attributed: [], attributes: [] };
	let starts = 0;
	let rootClosed = false;
	let amp = -1; // the next `&` at or after i, once looked for
	for (;;) {
		const lt = text.indexOf('<', i);
		const end = lt === -1 ? text.length : lt;
		if (open.length === 0) {
			// before or after the root element: only whitespace
			if (!isBlank(text, i, end)) return undefined;
		} else {
			if (amp < i && amp !== -2) amp = text.indexOf('&', i);
			if (amp === -1) amp = -2; // none left in the document
			while (amp >= 0 && amp < end) {
				REFERENCE.lastIndex = amp;
				if (!REFERENCE.test(text)) return undefined;
				amp = text.indexOf('&', REFERENCE.lastIndex);
				if (amp === -1) amp = -2;
			}
		}
		if (lt === -1) return rootClosed && open.length === 0 ? plain : undefined;
		// the common tags, `</Name>`, `<Name>` and `<Name/>`, without a regular expression
		if (text.charCodeAt(lt + 1) === SLASH) {
			const top = open.length === 0 ? undefined : open[open.length - 1];
			if (top !== undefined && text.charCodeAt(lt + 2 + top.length) === GT && text.startsWith(top, lt + 2)) {
				open.pop();
				if (open.length === 0) rootClosed = true;
				i = lt + 3 + top.length;
				continue;
			}
		} else if (!rootClosed && isNameStart(text.charCodeAt(lt + 1))) {
			let j = lt + 2;
			while (isNameChar(text.charCodeAt(j))) j++;
			const c = text.charCodeAt(j);
			if (c === GT) {
				starts++;
				open.push(text.slice(lt + 1, j));
				i = j + 1;
				continue;
			}
			if (c === SLASH && text.charCodeAt(j + 1) === GT) {
				starts++;
				if (open.length === 0) rootClosed = true;
				i = j + 2;
				continue;
			}
		}
		TAG.lastIndex = lt;
		const m = TAG.exec(text);
		if (!m) return undefined;
		i = TAG.lastIndex;
		if (m[1] === '/') {
			if (m[3] !== '' || m[4] === '/' || open.pop() !== m[2]) return undefined;
			if (open.length === 0) rootClosed = true;
			continue;
		}
		if (rootClosed) return undefined;
		if (m[3] !== '') {
			if (!distinctAttributes(m[3])) return undefined;
			plain.attributed.push(starts);
			plain.attributes.push(m[3]);
		}
		starts++;
		if (m[4] === '/') {
			if (open.length === 0) rootClosed = true;
		} else {
			open.push(m[2]);
		}
	}
}

/**
 * The attributes fast-xml-parser would have read (`ignoreAttributes: false`, `removeNSPrefix`,
 * prefix `@`), put on the elements of its ordered output for `doc`, read without attributes.
 * Elements come in document order, as their start tags. Values hold no `&` (see TAG), so they
 * need no entity decoding: the parser would only have trimmed them.
 */
export function withAttributes(ordered: Ordered[], doc: PlainDocument): void {
	if (doc.attributed.length > 0) walk(ordered, { doc, element: 0, next: 0, read: new Map() });
}

type Ordered = Record<string, unknown>;

interface Walk {
	doc: PlainDocument;
	/** Elements passed so far. */
	element: number;
	/** The next entry of doc.attributed. */
	next: number;
	/** Attribute strings read so far (the same few recur on every record). */
	read: Map<string, Record<string, string> | undefined>;
}

/** Puts the attributes on the elements among `children` and below; false once none are left. */
function walk(children: Ordered[], at: Walk): boolean {
	for (const child of children) {
		let tag: string | undefined;
		for (const key in child) {
			tag = key;
			break;
		}
		if (tag === undefined || tag === '#text') continue;
		if (at.doc.attributed[at.next] === at.element) {
			const source = at.doc.attributes[at.next];
			let attributes = at.read.get(source);
			if (attributes === undefined && !at.read.has(source)) {
				attributes = parsedAttributes(source);
				at.read.set(source, attributes);
			}
			if (attributes) child[':@'] = attributes;
			if (++at.next === at.doc.attributed.length) return false;
		}
		at.element++;
		if (!walk(child[tag] as Ordered[], at)) return false;
	}
	return true;
}
/** Attributes as fast-xml-parser reads them: `xmlns` ones dropped, `p:name` as `@name`, values trimmed. */
function parsedAttributes(attributes: string): Record<string, string> | undefined {
	let out: Record<string, string> | undefined;
	ATTRIBUTE_PARTS.lastIndex = 0;
	for (let m = ATTRIBUTE_PARTS.exec(attributes); m; m = ATTRIBUTE_PARTS.exec(attributes)) {
		const parts = m[1].split(':');
		const name = parts[0] === 'xmlns' ? '' : parts.length === 2 ? parts[1] : m[1];
		if (name === '') continue;
		(out ??= {})[`@${name}`] = (m[2] ?? m[3]).trim();
	}
	return out;
}
