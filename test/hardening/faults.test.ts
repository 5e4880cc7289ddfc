/**
 * Server faults, each on every operation of every node: each ends in a NodeApiError with a
 * message a person can act on, within a bounded time, with no item reported as a success,
 * no secret anywhere in the execution, and no write sent twice.
 */
import type { IDataObject } from 'n8n-workflow';
import type nock from 'nock';

import { NODES, opName, runOp, stats, leakedSecrets, type NodeSpec, type OpSpec, type SeenRequest, recordEachTest } from './harness';

const JSON_CT = { 'Content-Type': 'application/json' };
const XML_CT = { 'Content-Type': 'application/xml' };

interface Fault {
	name: string;
	reply: (request: SeenRequest) => nock.ReplyFnResult | 'reset' | 'hang';
	/** What the message (or description) must say. */
	says: RegExp;
	/** Sent in XML where the operation can be. */
	xml?: boolean;
	/** A bad 2xx body: no fault for an operation that ignores the body (delete), and an empty one none for an operation that takes an empty answer. */
	bodyExpected?: 'any' | 'nonEmpty';
	timeout?: number;
	/** Requests one run makes (429: the first try and three retries). */
	requests?: number;
}

const FAULTS: Fault[] = [
	{ name: '500 with a JSON body', reply: () => [500, { message: 'Database unavailable, try again later' }, JSON_CT], says: /Database unavailable, try again later/ },
	{
		name: '502 with an HTML page',
		reply: () => [502, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>', { 'Content-Type': 'text/html' }],
		says: /502 Bad Gateway/,
	},
	{
		name: '429 with a short Retry-After, every time',
		reply: () => [429, { message: 'Too many requests' }, { ...JSON_CT, 'Retry-After': '0' }],
		says: /rate limit[\s\S]*Still rate limited after 3 retries|Still rate limited after 3 retries[\s\S]*rate limit/i,
		requests: 4,
	},
	{ name: 'a timeout', reply: () => 'hang', says: /did not answer in time|timed out|timeout/i, timeout: 150 },
	{ name: 'a reset connection', reply: () => 'reset', says: /closed the connection/i },
	{ name: 'malformed JSON', reply: () => [200, '{"data": [{"id": "u1", "name": ', JSON_CT], says: /neither JSON nor XML|not a JSON|malformed|could not be read|It began/i, bodyExpected: 'any' },
	{
		name: 'truncated XML',
		reply: () => [200, '<?xml version="1.0" encoding="utf-8"?><UserResponse><User><Id>1</Id><FirstName>Ann</First', XML_CT],
		says: /XML|neither JSON nor XML|not a JSON/i,
		xml: true,
		bodyExpected: 'any',
	},
	{ name: 'an empty body where one is expected', reply: () => [200, '', JSON_CT], says: /empty|without|no |not a/i, bodyExpected: 'nonEmpty' },
	{ name: 'the wrong content type', reply: () => [200, 'Welcome! Please sign in to continue.', { 'Content-Type': 'text/plain' }], says: /neither JSON nor XML|not a JSON|It began|sign in/i, bodyExpected: 'any' },
];

/** Generic texts that tell a person nothing. */
const USELESS = /^(The request failed|undefined|null|\[object Object\]|Error|Request failed with status code \d+)$/;

const currentRecorder = recordEachTest('faults');

function paramsFor(op: OpSpec, fault: Fault): IDataObject {
	const params: IDataObject = { resource: op.resource, operation: op.operation, ...op.params };
	if (fault.xml && op.xml) params.options = { ...((params.options as IDataObject) ?? {}), format: 'xml' };
	return params;
}

for (const spec of NODES) {
	describe(`${spec.key}: server faults end in a NodeApiError a person can act on`, () => {
		for (const op of spec.ops) {
			for (const fault of FAULTS) {
				if (fault.bodyExpected && op.ignoresBody) continue;
				if (fault.bodyExpected === 'nonEmpty' && op.emptyOk) continue;
				it(`${opName(spec, op)}: ${fault.name}`, async () => {
					stats.faults++;
					if (fault.name === 'a reset connection') currentRecorder().reset(spec.origin);
					else currentRecorder().serve(spec.origin, (request) => fault.reply(request) as nock.ReplyFnResult | 'hang');
					const outcome = await runOp(spec, paramsFor(op, fault), { timeout: fault.timeout });
					expect(outcome.thrown).toBeUndefined();
					expect(outcome.errorName).toBe('NodeApiError');
					expect(outcome.message).not.toMatch(USELESS);
					expect(`${outcome.message}\n${outcome.description}`).toMatch(fault.says);
					expect(outcome.result?.items).toEqual([]);
					expect(outcome.ms).toBeLessThan(5000);
					expect(leakedSecrets(spec, outcome)).toEqual([]);
					const calls = currentRecorder().seen.filter((r) => r.host === spec.origin);
					if (fault.requests) expect(calls.length).toBe(fault.requests);
					else expect(calls.length).toBeLessThanOrEqual(op.readBack ? 2 : 1);
					expect(calls.length).toBeGreaterThanOrEqual(1);
					// A write that failed is not sent again (an update may read the user first).
					if (op.write && fault.requests === undefined) {
						expect(calls.filter((r) => r.method !== 'GET').length).toBeLessThanOrEqual(1);
					}
				});
			}
		}
	});
}

export type { NodeSpec };
