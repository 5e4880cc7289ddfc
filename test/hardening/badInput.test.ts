/**
 * Bad parameters, for every operation of every node: each is refused with an error that
 * names the parameter, and not one request leaves.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { expectOperationError, NODES, opName, runOp, stats, leakedSecrets, withParam, type BadParam, type NodeSpec, type OpSpec, type Outcome, recordEachTest } from './harness';

const KB100 = 'x'.repeat(100 * 1024);

/** The bad values of each kind, by a short name for the test title. */
function badValues(param: BadParam): Array<[string, unknown]> {
	const values: Array<[string, unknown]> = [];
	if (param.required) {
		values.push(['empty', ''], ['whitespace-only', ' \t\n '], ['null via expression', '={{ null }}']);
	}
	if (param.kind === 'number') {
		values.push(['text via expression', '={{ "abc" }}'], ['negative', '={{ -5 }}'], ['an object', '={{ { "n": 1 } }}']);
		return values;
	}
	if (param.kind === 'enum') {
		values.push(['unknown value via expression', '={{ "no-such-value" }}'], ['an object via expression', '={{ { "a": 1 } }}']);
		return values;
	}
	values.push(['an object via expression', '={{ { "a": 1 } }}'], ['a list via expression', '={{ ["a", "b"] }}'], ['100 KB', KB100]);
	if (param.kind === 'email') values.push(['invalid email', 'not-an-email'], ['two @', 'a@b@example.com'], ['no domain dot', 'ann@localhost']);
	if (param.kind === 'guid') values.push(['invalid GUID', 'not-a-guid'], ['GUID with extra', '3f2504e0-4f89-11d3-9a0c-0305e82c3301x'], ['GUID with slash', '3f2504e0/4f89-11d3-9a0c-0305e82c3301']);
	return values;
}

/** A NodeOperationError as n8n shows it: itself, or (without Continue On Fail) re-wrapped by n8n's RoutingNode. */
export function expectParameterError(outcome: Outcome, param: BadParam) {
	if (outcome.thrown) {
		// A literal empty required parameter: n8n itself refuses to start the node.
		expect((outcome.thrown as Error).name).toBe('WorkflowHasIssuesError');
		expect(outcome.message).toContain(`Parameter "${param.label}`);
		return;
	}
	expect(outcome.result?.error).toBeDefined();
	expect(outcome.message.startsWith(`${param.label}: `)).toBe(true);
	expect(outcome.description).toContain(`(${param.path})`);
	expectOperationError(outcome);
	expect(outcome.result?.items).toEqual([]);
}

const currentRecorder = recordEachTest('badInput');

async function tryBad(spec: NodeSpec, op: OpSpec, param: BadParam, value: unknown): Promise<Outcome> {
	stats.badInputs++;
	const before = currentRecorder().seen.length;
	const outcome = await runOp(spec, withParam({ resource: op.resource, operation: op.operation, ...op.params }, param.path, value));
	const sent = currentRecorder().seen.length - before;
	stats.requestsForInvalidInput += sent;
	expect(sent).toBe(0);
	expect(leakedSecrets(spec, outcome)).toEqual([]);
	return outcome;
}

for (const spec of NODES) {
	describe(`${spec.key}: bad parameters are refused before any request`, () => {
		for (const op of spec.ops) {
			for (const param of op.bad) {
				for (const [what, value] of badValues(param)) {
					it(`${opName(spec, op)}: ${param.path} ${what}`, async () => {
						const outcome = await tryBad(spec, op, param, value);
						expectParameterError(outcome, param);
					});
				}
			}
		}
	});
}

/** Property-based: any string that is not a GUID, for every GUID parameter; any non-email for every email one. */
describe('generated bad values (fast-check)', () => {
	type Target = { spec: NodeSpec; op: OpSpec; p: BadParam };
	const named = (kinds: string[]) =>
		new Map<string, Target>(
			NODES.flatMap((spec) =>
				spec.ops.flatMap((op) => op.bad.filter((p) => kinds.includes(p.kind)).map((p): [string, Target] => [`${opName(spec, op)} ${p.path}`, { spec, op, p }])),
			),
		);
	const guidTargets = named(['guid']);
	const emailTargets = named(['email']);
	const guidParams = [...guidTargets.keys()];
	const emailParams = [...emailTargets.keys()];
	const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

	it('no GUID parameter accepts a string that is not a GUID, and the message keeps naming the parameter', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...guidParams),
				fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.uuid().map((u) => `${u} x`), fc.uuid().map((u) => u.replace(/-/g, ''))),
				async (name, value) => {
					const { spec, op, p } = guidTargets.get(name)!;
					fc.pre(value.trim() !== '' && !GUID.test(value.trim()) && !value.startsWith('='));
					const outcome = await tryBad(spec, op, p, value);
					expectParameterError(outcome, p);
				},
			),
			{ numRuns: 40, seed: 9 },
		);
	});

	it('no email parameter accepts a string without exactly one @ and a dotted domain', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...emailParams),
				fc.oneof(
					fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes('@')),
					fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ minLength: 1, maxLength: 10 })).map(([a, b]) => `${a}@${b.replace(/\./g, '')}`),
				),
				async (name, value) => {
					const { spec, op, p } = emailTargets.get(name)!;
					fc.pre(value.trim() !== '' && !value.startsWith('=') && !/^\d+$/.test(value.trim()));
					const outcome = await tryBad(spec, op, p, value);
					expectParameterError(outcome, p);
				},
			),
			{ numRuns: 40, seed: 9 },
		);
	});

	it('whatever text a user types into a refused value, the error still names the parameter (n8n does not swap the message)', async () => {
		// n8n replaces an error message that contains a Node.js error code (EPERM, ENOENT, ...) with a generic text.
		const codes = ['EPERM', 'ENOENT', 'EACCES', 'ECONNRESET', 'ETIMEDOUT', 'EEXIST', 'EISDIR'];
		const targets = named(['guid', 'email']);
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...targets.keys()), fc.constantFrom(...codes), fc.string({ maxLength: 8 }), async (name, code, tail) => {
				const { spec, op, p } = targets.get(name)!;
				const value = `keep${code.toLowerCase()}${tail}`.replace(/@/g, '');
				fc.pre(value.trim() !== '' && !value.startsWith('='));
				const outcome = await tryBad(spec, op, p, value);
				expectParameterError(outcome, p);
			}),
			{ numRuns: 30, seed: 9 },
		);
	});
});

export type { IDataObject };
