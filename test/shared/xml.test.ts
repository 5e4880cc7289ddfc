import { buildXml, MAX_XML_DEPTH, parseXml } from '../../nodes/shared/xml';
import { readPlain } from '../../nodes/shared/xmlPlain';

describe('parseXml', () => {
	it('gives the JSON shape: lists stay lists with one child, nil is null, listed numbers are numbers', () => {
		const xml = `<?xml version="1.0"?><R xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
			<Total>1</Total><Results><User><Name>A &amp; B</Name><Phone>0044</Phone><Ext i:nil="true"/><Active>true</Active>
			<Teams><Team><Id>7</Id></Team></Teams></User></Results></R>`;
		expect(parseXml(xml, { lists: ['Results', 'Teams'], numbers: ['Total', 'Id'] })).toEqual({
			data: {
				R: {
					Total: 1,
					Results: [{ Name: 'A & B', Phone: '0044', Ext: null, Active: true, Teams: [{ Id: 7 }] }],
				},
			},
		});
	});

	it('omitNil leaves nil elements out, as a JSON that omits null members would', () => {
		const xml = `<R xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Users><User><Id>1</Id><Country i:nil="true"/><Groups/></User></Users></R>`;
		expect(parseXml(xml, { lists: ['Users', 'Groups'], omitNil: true }).data).toEqual({ R: { Users: [{ Id: '1', Groups: [] }] } });
		expect(parseXml(xml, { lists: ['Users', 'Groups'] }).data).toEqual({ R: { Users: [{ Id: '1', Country: null, Groups: [] }] } });
	});

	it('an empty list element is an empty array', () => {
		expect(parseXml('<R><Results/></R>', { lists: ['Results'] }).data).toEqual({ R: { Results: [] } });
	});

	it('refuses DOCTYPE and entity declarations (billion laughs, external entities)', () => {
		const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><r>&lol2;</r>`;
		const external = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`;
		for (const doc of [laughs, external]) {
			const result = parseXml(doc);
			expect(result.data).toBeUndefined();
			expect(result.refused).toBe('The XML response declares a DOCTYPE or entities, which are refused for safety');
		}
	});

	it('refuses deep nesting and malformed or truncated documents with a reason', () => {
		const deep = '<a>'.repeat(10000) + '</a>'.repeat(10000);
		expect(parseXml(deep).refused).toMatch(/XML response/);
		expect(parseXml('<a>'.repeat(MAX_XML_DEPTH - 2) + 'x' + '</a>'.repeat(MAX_XML_DEPTH - 2)).data).toBeDefined();
		expect(parseXml('<Users><User><Name>A</Name></User><Us').refused).toMatch(/^The XML response is malformed/);
	});

	it('refuses every kind of malformed document with XMLValidator\'s reason; the quick check vouches for none of them', () => {
		// fast-xml-parser's XMLParser alone accepts all of these but the unterminated ones
		const malformed: Array<[string, string]> = [
			['<R><A>1</B></R>', "Expected closing tag 'A' (opened in line 1, col 4) instead of closing tag 'B'."],
			['<R><A>1</A>', "Unclosed tag 'R'."],
			['<R></R></R>', "Closing tag 'R' has not been opened."],
			['</R>', "Closing tag 'R' has not been opened."],
			['junk<R/>', "char 'j' is not expected."],
			['<R></R>junk', 'Extra text at the end'],
			['<R></R><S></S>', 'Multiple possible root nodes found.'],
			['<html><body><p>Bad Gateway<br></p></body></html>', "Expected closing tag 'br' (opened in line 1, col 27) instead of closing tag 'p'."],
			['<<>>', "Tag '<' is an invalid name."],
			['<1R></1R>', "Tag '1R' is an invalid name."],
			['<R a="1><A/></R>', "Attributes for 'R' have open quote."],
			['<R a=1></R>', "Attribute 'a' is without value."],
			['<R a></R>', "boolean attribute 'a' is not allowed."],
			['<R a="1" b="2" a="3"></R>', "Attribute 'a' is repeated."],
			['<R>Smith & Sons</R>', "char '&' is not expected."],
			['<R>&thisnameislongerthantwenty;</R>', "char '&' is not expected."],
			['<R><!-- never closed </R>', "Unclosed tag 'R'."],
			['<R><![CDATA[ never closed </R>', "Unclosed tag 'R'."],
			['\n<?xml version="1.0"?><R/>', 'XML declaration allowed only at the start of the document.'],
		];
		for (const [doc, reason] of malformed) {
			expect(readPlain(doc)).toBeUndefined();
			const result = parseXml(doc);
			expect(result.data).toBeUndefined();
			expect(result.refused).toBe(`The XML response is malformed: ${reason} (line ${reason.startsWith('XML declaration') ? 2 : 1})`);
		}
	});

	it('vouches for a vendor page by the quick check; documents it does not vouch for still read the same', () => {
		const page = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<UserSearchResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ResponseStatus i:nil="true"/><TotalRows>2</TotalRows><Users>
<User><Email>a&amp;b@example.com</Email><Folders xmlns:d2p1="urn:arrays"><d2p1:guid>g1</d2p1:guid></Folders><Note a='1' b = "x>y"/></User>
<User><Email>c@example.com</Email><Folders xmlns:d2p1="urn:arrays"></Folders><Note/></User></Users></UserSearchResponse>`;
		expect(readPlain(page)).toBeDefined();
		expect(parseXml(page, { lists: ['Users', 'Folders'], numbers: ['TotalRows'], omitNil: true }).data).toEqual({
			UserSearchResponse: {
				TotalRows: 2,
				Users: [
					{ Email: 'a&b@example.com', Folders: ['g1'], Note: null },
					{ Email: 'c@example.com', Folders: [], Note: '' },
				],
			},
		});
		// comments, CDATA, a byte order mark, non-ASCII names: XMLValidator decides, as before
		const other = '\ufeff<?xml version="1.0"?><Rés><!-- c --><Ñame><![CDATA[x<y]]></Ñame><A>1</A></Rés>';
		expect(readPlain(other)).toBeUndefined();
		expect(parseXml(other).data).toEqual({ Rés: { Ñame: 'x<y', A: '1' } });
		const entityInAttribute = '<R><A k="a&amp;b">x</A><B i:nil="tr&#0;ue">y</B></R>';
		expect(readPlain(entityInAttribute)).toBeUndefined();
		expect(parseXml(entityInAttribute).data).toEqual({ R: { A: { '#text': 'x' }, B: null } });
	});

	it('reads attributes on a vouched-for page as on any other: nil with any prefix, spaces or quotes; xmlns dropped; others make an object', () => {
		const page = `<R xmlns="urn:r" xmlns:i="urn:i"><A i:nil=" true ">a</A><B x:y:nil="true">b</B><C nil="true" i:nil="false">c</C>
			<D b:="1">d</D><E a:nil='true'>e</E><F\ti:nil="true"\n/><G k="v"/><H k="v">h</H><Users q="1"><User i:nil="true"/><User><Id>1</Id></User></Users></R>`;
		expect(readPlain(page)).toBeDefined();
		const shape = { lists: ['Users'] };
		const read = parseXml(page, shape);
		expect(read.data).toEqual({
			R: { A: null, B: { '#text': 'b' }, C: { '#text': 'c' }, D: 'd', E: null, F: null, G: null, H: { '#text': 'h' }, Users: [null, { Id: '1' }] },
		});
		// the same page with a comment is not vouched for: fast-xml-parser reads its attributes itself
		const commented = page.replace('<A ', '<!-- c --><A ');
		expect(readPlain(commented)).toBeUndefined();
		expect(parseXml(commented, shape)).toEqual(read);
	});

	it('repeated tags, mixed lists and a left-out nil keep the order and grouping of the elements', () => {
		const xml = `<R xmlns:i="x"><A i:nil="true"/><B>1</B><A>2</A><C>3</C><C>4</C><isPrototypeOf>5</isPrototypeOf>
			<Users><User><Id>1</Id></User><Admin><Id>2</Id></Admin><User><Id>3</Id></User></Users></R>`;
		const data = parseXml(xml, { lists: ['Users'], omitNil: true }).data as { R: Record<string, unknown> };
		expect(Object.keys(data.R)).toEqual(['A', 'B', 'C', 'isPrototypeOf', 'Users']);
		expect(data.R).toEqual({ A: '2', B: '1', C: ['3', '4'], isPrototypeOf: '5', Users: [{ Id: '1' }, { Id: '3' }, { Id: '2' }] });
		expect(Object.keys((parseXml(xml).data as { R: object }).R)).toEqual(['A', 'B', 'C', 'isPrototypeOf', 'Users']);
	});

	it('refuses documents over the size bound without parsing them', () => {
		const big = `<r>${'x'.repeat(33 * 1024 * 1024)}</r>`;
		const started = Date.now();
		expect(parseXml(big).refused).toBe('The XML response is larger than 32 MB and was not read');
		expect(Date.now() - started).toBeLessThan(1000);
	});
});

describe('buildXml', () => {
	it('sorts children, escapes values, writes nil and root attributes', () => {
		const xml = buildXml(
			'User',
			{ LastName: 'O\'Brien & <Co>', Email: 'a"b@example.com', FirstName: 'Zoë', Note: null },
			{ sortKeys: true, rootAttributes: { 'xmlns:i': 'http://www.w3.org/2001/XMLSchema-instance' } },
		);
		expect(xml).toBe(
			'<User xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Email>a&quot;b@example.com</Email><FirstName>Zoë</FirstName><LastName>O&apos;Brien &amp; &lt;Co&gt;</LastName><Note i:nil="true"></Note></User>',
		);
	});

	it('names array entries as asked', () => {
		const xml = buildXml('User', { Groups: ['g1', 'g2'] }, { arrayItem: () => ({ name: 'guid', attributes: { xmlns: 'urn:arrays' } }) });
		expect(xml).toBe('<User><Groups xmlns="urn:arrays"><guid>g1</guid><guid>g2</guid></Groups></User>');
	});
});
