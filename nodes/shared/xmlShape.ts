import type { IDataObject } from 'n8n-workflow';

/** One node of fast-xml-parser's ordered output: `{ tag: [children], ':@'?: {attributes} }` or `{ '#text': text }`. */
export type Ordered = Record<string, unknown>;
type Attributes = Record<string, unknown> | undefined;

export interface Shape {
	lists: Set<string>;
	numbers: Set<string>;
	omitNil: boolean;
}

function tagOf(node: Ordered): string | undefined {
	for (const key in node) if (key !== ':@') return key;
	return undefined;
}

function scalar(text: string, name: string, shape: Shape): unknown {
	if (shape.lists.has(name)) return [];
	if (shape.numbers.has(name) && text !== '' && Number.isFinite(Number(text))) return Number(text);
	if (text === 'true') return true;
	if (text === 'false') return false;
	return text;
}

/** The element's text pieces joined, or undefined when there are none (or they are all empty). */
function textOf(children: Ordered[]): string | undefined {
	let text: string | undefined;
	for (const child of children) {
		if (tagOf(child) === '#text') text = text === undefined ? String(child['#text']) : text + String(child['#text']);
	}
	return text === '' ? undefined : text;
}

function value(node: Ordered, tag: string, shape: Shape): unknown {
	return normalise(node[tag] as Ordered[], node[':@'] as Attributes, tag, shape);
}

/**
 * An element as JSON: text as a string, `true`/`false` as booleans, `i:nil="true"` as null,
 * listed numeric elements as numbers, listed list elements as arrays of their children
 * (whatever their tag), repeated child elements as arrays, an empty element as "" (null
 * when it has only attributes).
 *
 * The usual elements take a short way: a leaf (`<A>text</A>`, `<A/>`), a list whose children
 * share one tag, an element whose children all have different tags. Anything else (repeated
 * tags, a list of mixed tags) is grouped by tag in `grouped`; both ways give the same JSON.
 */
export function normalise(children: Ordered[], attributes: Attributes, name: string, shape: Shape): unknown {
	if (attributes !== undefined && attributes['@nil'] === 'true') return null;
	if (attributes === undefined) {
		if (children.length === 0) return scalar('', name, shape);
		if (children.length === 1) {
			const text = children[0]['#text'];
			if (text !== undefined) return scalar(String(text), name, shape);
		}
	}
	if (shape.lists.has(name)) {
		const list: unknown[] = [];
		let first: string | undefined;
		for (const child of children) {
			const tag = tagOf(child);
			if (tag === undefined || tag === '#text') continue;
			if (first === undefined) first = tag;
			else if (tag !== first) return grouped(children, attributes, name, shape);
			list.push(value(child, tag, shape));
		}
		return list;
	}
	let hasText = false;
	let elements = false;
	let leftOut: string[] | undefined;
	const out: IDataObject = {};
	for (const child of children) {
		const tag = tagOf(child);
		if (tag === undefined) continue;
		if (tag === '#text') {
			hasText = true;
			continue;
		}
		elements = true;
		// a tag seen before (or a name Object.prototype has): group by tag instead
		if (out[tag] !== undefined || leftOut?.includes(tag)) return grouped(children, attributes, name, shape);
		// `<X i:nil="true"/>` left out where the vendor's JSON leaves the field out
		if (shape.omitNil && (child[':@'] as Attributes)?.['@nil'] === 'true') {
			(leftOut ??= []).push(tag);
			continue;
		}
		out[tag] = value(child, tag, shape) as IDataObject;
	}
	const text = hasText ? textOf(children) : undefined;
	if (!elements && !attributes) return scalar(text ?? '', name, shape);
	if (!elements && text === undefined) return null; // only attributes
	if (text !== undefined) out['#text'] = scalar(text, '#text', shape) as IDataObject;
	return out;
}

/** `normalise` for any element: children grouped by tag, in the order each tag first appears. */
function grouped(children: Ordered[], attributes: Attributes, name: string, shape: Shape): unknown {
	const text = textOf(children);
	const groups = new Map<string, Ordered[]>();
	for (const child of children) {
		const tag = tagOf(child);
		if (tag === undefined || tag === '#text') continue;
		const group = groups.get(tag);
		if (group) group.push(child);
		else groups.set(tag, [child]);
	}
	if (groups.size === 0 && !attributes) return text === undefined ? scalar('', name, shape) : scalar(text, name, shape);
	if (shape.lists.has(name)) {
		const list: unknown[] = [];
		for (const [tag, nodes] of groups) for (const node of nodes) list.push(value(node, tag, shape));
		return list;
	}
	if (groups.size === 0 && text === undefined) return null; // only attributes
	const out: IDataObject = {};
	for (const [tag, nodes] of groups) {
		const kept = shape.omitNil ? nodes.filter((node) => (node[':@'] as Attributes)?.['@nil'] !== 'true') : nodes;
		if (kept.length === 0) continue;
		out[tag] = (kept.length === 1 ? value(kept[0], tag, shape) : kept.map((node) => value(node, tag, shape))) as IDataObject;
	}
	if (text !== undefined) out['#text'] = scalar(text, '#text', shape) as IDataObject;
	return out;
}
