import { buildXml, MAX_XML_DEPTH, parseXml } from '../../nodes/shared/xml';

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
