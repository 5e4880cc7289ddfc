/**
 * A quick well-formedness check for the plain XML the vendors send: one root element, ASCII
 * element and attribute names, quoted attribute values without `<`, no repeated attribute,
 * matching end tags, `&` only in `&name;` / `&#n;` / `&#xh;`, whitespace around the root, and
 * at most an `<?xml ...?>` declaration at the very start. No comments, CDATA, DOCTYPE or
 * processing instructions: a document with any of those is not vouched for.
 *
 * `true` means fast-xml-parser's XMLValidator would accept the document too (everything
 * accepted here is a subset of what it accepts), so it need not run; `false` only means
 * "not vouched for": the caller runs XMLValidator, which gives the refusal and its reason.
 * About five times faster than XMLValidator on the vendors' pages.
 */

const NAME = '[A-Za-z_:][\\w.:-]*';
const WS = '[ \\t\\n\\r]';
const ATTRIBUTE = `${WS}+${NAME}${WS}*=${WS}*(?:"[^"<]*"|'[^'<]*')`;
/** An element's start or end tag: `/`, name, attributes, `/` of an empty element. */
const TAG = new RegExp(`<(/?)(${NAME})((?:${ATTRIBUTE})*)${WS}*(/?)>`, 'y');
/** One attribute of a start tag, its name captured. */
const ATTRIBUTE_NAME = new RegExp(`${WS}+(${NAME})${WS}*=${WS}*(?:"[^"<]*"|'[^'<]*')`, 'y');
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
	ATTRIBUTE_NAME.lastIndex = 0;
	for (let m = ATTRIBUTE_NAME.exec(attributes); m; m = ATTRIBUTE_NAME.exec(attributes)) {
		if (names.includes(m[1])) return false;
		names.push(m[1]);
	}
	return true;
}

/** True when the document is plain, well-formed XML (see above); false when XMLValidator must decide. */
export function plainWellFormed(text: string): boolean {
	let i = 0;
	if (text.startsWith('<?xml')) {
		DECLARATION.lastIndex = 0;
		if (!DECLARATION.test(text)) return false;
		i = DECLARATION.lastIndex;
	}
	const open: string[] = [];
	let rootClosed = false;
	let amp = -1; // the next `&` at or after i, once looked for
	for (;;) {
		const lt = text.indexOf('<', i);
		const end = lt === -1 ? text.length : lt;
		if (open.length === 0) {
			// before or after the root element: only whitespace
			if (!isBlank(text, i, end)) return false;
		} else {
			if (amp < i && amp !== -2) amp = text.indexOf('&', i);
			if (amp === -1) amp = -2; // none left in the document
			while (amp >= 0 && amp < end) {
				REFERENCE.lastIndex = amp;
				if (!REFERENCE.test(text)) return false;
				amp = text.indexOf('&', REFERENCE.lastIndex);
				if (amp === -1) amp = -2;
			}
		}
		if (lt === -1) return rootClosed && open.length === 0;
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
				open.push(text.slice(lt + 1, j));
				i = j + 1;
				continue;
			}
			if (c === SLASH && text.charCodeAt(j + 1) === GT) {
				if (open.length === 0) rootClosed = true;
				i = j + 2;
				continue;
			}
		}
		TAG.lastIndex = lt;
		const m = TAG.exec(text);
		if (!m) return false;
		i = TAG.lastIndex;
		if (m[1] === '/') {
			if (m[3] !== '' || m[4] === '/' || open.pop() !== m[2]) return false;
			if (open.length === 0) rootClosed = true;
			continue;
		}
		if (rootClosed || (m[3] !== '' && !distinctAttributes(m[3]))) return false;
		if (m[4] === '/') {
			if (open.length === 0) rootClosed = true;
		} else {
			open.push(m[2]);
		}
	}
}
