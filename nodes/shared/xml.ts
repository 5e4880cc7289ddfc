import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { IDataObject } from 'n8n-workflow';
import { readPlain } from './xmlPlain';
import { normalise, type Ordered } from './xmlShape';

/** Documents larger than this are refused rather than parsed. */
export const MAX_XML_BYTES = 32 * 1024 * 1024;
/** Deeper nesting than this is refused (user records are a few levels deep). */
export const MAX_XML_DEPTH = 64;

export interface XmlShape {
	/**
	 * Elements that hold a list: their children, whatever their tag, become a JSON array
	 * (`<Results><User/><User/></Results>` -> `Results: [{..}, {..}]`), also with one child
	 * or none, so one user still gives an array as the JSON would.
	 */
	lists?: string[];
	/** Elements whose text is a number in the vendor's JSON. */
	numbers?: string[];
	/**
	 * The vendor's JSON leaves out null members (ServiceStack does) while its XML writes them as
	 * `i:nil="true"`: leave those out too, so both formats give the same items.
	 */
	omitNil?: boolean;
}

const options = {
	// The document as fast-xml-parser reads it, before its own conversion to objects:
	// normalise() below builds our shape straight from that, in one pass instead of two.
	preserveOrder: true,
	// no callbacks use the element path: do not build its string for every element
	jPath: false,
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	removeNSPrefix: true,
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: true,
	// No DOCTYPE entities at all: documents that declare them are refused before parsing.
	processEntities: true,
	htmlEntities: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
	maxNestedTags: MAX_XML_DEPTH,
};
const parser = new XMLParser(options);

/** The document as fast-xml-parser reads it with the options above (what `readPlain` must match). */
export function fastXmlReading(text: string): Ordered[] {
	return parser.parse(text) as Ordered[];
}

function refusal(text: string): string | undefined {
	if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
		return 'The XML response declares a DOCTYPE or entities, which are refused for safety';
	}
	const valid = XMLValidator.validate(text);
	if (valid !== true) return `The XML response is malformed: ${valid.err.msg} (line ${valid.err.line})`;
	return undefined;
}

export type XmlResult = { data: IDataObject; refused?: undefined } | { refused: string; data?: undefined };

/**
 * Parses XML into the JSON shape the vendor's JSON API gives: one key per element,
 * text as strings, `true`/`false` as booleans, `i:nil="true"` as null, listed numeric
 * elements as numbers, and listed list elements as arrays even with one child.
 * Namespace prefixes are dropped. Documents with DOCTYPE/entity declarations, over
 * MAX_XML_BYTES, malformed, or nested deeper than MAX_XML_DEPTH are refused with a reason.
 */
export function parseXml(text: string, shape: XmlShape = {}): XmlResult {
	if (text.length > MAX_XML_BYTES) {
		return { refused: `The XML response is larger than ${MAX_XML_BYTES / 1024 / 1024} MB and was not read` };
	}
	let ordered: Ordered[] | undefined;
	try {
		// Plain documents (the vendors' pages) are read by a reader of ours that is also a quick
		// check: it gives what fast-xml-parser would, and vouches only for what XMLValidator would
		// accept (no `<!` at all, so no DOCTYPE either). Any other document goes through the
		// DOCTYPE refusal, XMLValidator (with its reason) and fast-xml-parser.
		ordered = readPlain(text);
		if (ordered === undefined) {
			const refused = refusal(text);
			if (refused) return { refused };
			ordered = fastXmlReading(text);
		}
	} catch (error) {
		return { refused: `The XML response could not be read: ${(error as Error).message}` };
	}
	const result = normalise(ordered, undefined, '', {
		lists: new Set(shape.lists ?? []),
		numbers: new Set(shape.numbers ?? []),
		omitNil: shape.omitNil === true,
	});
	if (result === null || typeof result !== 'object' || Array.isArray(result)) {
		return { refused: 'The XML response has no root element' };
	}
	return { data: result as IDataObject };
}

export interface BuildXmlOptions {
	/** Attributes on the root element, e.g. `{ 'xmlns:i': 'http://www.w3.org/2001/XMLSchema-instance' }`. */
	rootAttributes?: Record<string, string>;
	/** Sort child elements alphabetically (ordinal), as .NET DataContract serializers want. */
	sortKeys?: boolean;
	/** Element name for each entry of an array, by array name (default: the array name repeated). */
	arrayItem?: (arrayName: string) => { name: string; attributes?: Record<string, string> } | undefined;
	/** Add `<?xml ...?>` declaration. */
	declaration?: boolean;
}

const builder = new XMLBuilder({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	suppressEmptyNode: false,
	suppressBooleanAttributes: false,
	format: false,
	processEntities: true,
});

function ordinal(a: string, b: string) {
	return a < b ? -1 : a > b ? 1 : 0;
}

function prepare(value: unknown, name: string, options: BuildXmlOptions): unknown {
	if (value === null || value === undefined) return { '@i:nil': 'true' };
	if (Array.isArray(value)) {
		const item = options.arrayItem?.(name);
		if (!item) return value.map((v) => prepare(v, name, options));
		const out: Record<string, unknown> = { ...prefixAttributes(item.attributes) };
		out[item.name] = value.map((v) => prepare(v, item.name, options));
		return out;
	}
	if (typeof value === 'object') {
		const entries = Object.entries(value as IDataObject).filter(([, v]) => v !== undefined);
		if (options.sortKeys) entries.sort(([a], [b]) => ordinal(a, b));
		const out: Record<string, unknown> = {};
		for (const [key, v] of entries) {
			out[key] = Array.isArray(v) && !options.arrayItem?.(key) ? v.map((x) => prepare(x, key, options)) : prepare(v, key, options);
		}
		return out;
	}
	return String(value);
}

function prefixAttributes(attributes: Record<string, string> = {}) {
	return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`@${k}`, v]));
}

/** Builds an XML document from a plain object (values escaped; nulls as `i:nil`). */
export function buildXml(rootName: string, data: IDataObject, options: BuildXmlOptions = {}): string {
	const root = {
		...prefixAttributes(options.rootAttributes),
		...(prepare(data, rootName, options) as Record<string, unknown>),
	};
	const xml = builder.build({ [rootName]: root }) as string;
	return options.declaration ? `<?xml version="1.0" encoding="utf-8"?>${xml}` : xml;
}
