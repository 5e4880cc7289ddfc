import { XMLValidator } from 'fast-xml-parser';

import { fastXmlReading, parseXml } from '../../nodes/shared/xml';
import { readPlain } from '../../nodes/shared/xmlPlain';

/**
 * Our reader of plain pages (nodes/shared/xmlPlain.ts) stands in for XMLValidator and
 * fast-xml-parser on the pages it vouches for: it may only ever vouch for what XMLValidator
 * accepts, and must read exactly what fast-xml-parser reads. Random edits of vendor-like pages
 * (seeded, so a failure repeats) near the characters XML cares about, and the names and
 * references fast-xml-parser treats specially.
 */

const FOF = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<UserSearchResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ResponseStatus i:nil="true"/><TotalRows>2</TotalRows><Users><User><CompanyId>1234</CompanyId><Country i:nil="true"/><Email>ada&amp;co@example.com</Email><Folders xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><d2p1:guid>50e7e8f3-a966-49a2</d2p1:guid></Folders><Groups xmlns:d2p1="urn:a"></Groups><Id>64b4f08f</Id></User><User><Email>ben@example.com</Email><Note k='v' j="w">x &amp; y</Note><Folders xmlns:d2p1="urn:a"/></User></Users></UserSearchResponse>`;
const PCR = `<UserResults><TotalRecords>2</TotalRecords><Results><User><UserName>ann</UserName><FullName>Ann &lt;A&gt;</FullName><ActiveUser>true</ActiveUser></User><User><UserName>bob</UserName><Teams><Team><Name>T</Name><RecordId>7</RecordId></Team></Teams></User></Results></UserResults>`;
const SHAPES = [
	{ lists: ['Users', 'Folders', 'Groups'], numbers: ['TotalRows', 'CompanyId'], omitNil: true },
	{ lists: ['Results', 'Teams'], numbers: ['TotalRecords', 'RecordId'] },
];
const PIECES = [
	'<', '>', '/', '=', '"', "'", '&', ' ', ':', 'i', 'a', '!', '?', '-', '\n', '\r', '\r\n', '\t', ';', '#', '\u00a0',
	'<A>', '</A>', '<B/>', '<p:C>x</p:C>', '<a:b:c/>', '<xmlns:q>1</xmlns:q>', '<:d/>', '<constructor/>', '<toString>1</toString>', '<__proto__/>',
	' x="1"', ' xmlns="u"', ' xmlns:p="u"', ' p:y="2 "', 'i:nil="true"',
	'&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&amp;lt;', '&#65;', '&#x42;', '&nbsp;', '&foo;', ' text ', '<!---->',
];

function random(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

function mutate(doc: string, next: () => number): string {
	let out = doc;
	const edits = 1 + Math.floor(next() * 3);
	for (let e = 0; e < edits; e++) {
		const at = Math.floor(next() * (out.length + 1));
		const kind = next();
		if (kind < 0.35) out = out.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + out.slice(at);
		else if (kind < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 3));
		else out = out.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + out.slice(at + 1);
	}
	return out;
}

/** The same document, not vouched for (a comment inside the root): it takes the full reading. */
function fullReading(doc: string): string | undefined {
	const end = doc.lastIndexOf('</');
	return end > 0 ? `${doc.slice(0, end)}<!---->${doc.slice(end)}` : undefined;
}

describe('our reader of plain pages against XMLValidator and fast-xml-parser', () => {
	it.each([
		['Forms On Fire-like page', FOF, SHAPES[0], 1],
		['PCRecruiter-like page', PCR, SHAPES[1], 2],
	])('%s: 4,000 random edits', (_name, page, shape, seed) => {
		const next = random(seed);
		let vouched = 0;
		for (let i = 0; i < 4000; i++) {
			const doc = mutate(page, next);
			const read = readPlain(doc);
			if (read === undefined) continue;
			vouched++;
			expect({ doc, valid: XMLValidator.validate(doc) }).toEqual({ doc, valid: true });
			expect({ doc, read }).toEqual({ doc, read: fastXmlReading(doc) });
			// and through the whole of parseXml: the same items as the full reading of the same page
			const full = fullReading(doc);
			if (full === undefined || readPlain(full) !== undefined || XMLValidator.validate(full) !== true) continue;
			expect({ doc, items: parseXml(doc, shape) }).toEqual({ doc, items: parseXml(full, shape) });
		}
		// enough edits leave the page plain that the property is tested on a good share of them
		// (the short PCRecruiter page: about 140 of 4,000)
		expect(vouched).toBeGreaterThan(100);
	});
});
