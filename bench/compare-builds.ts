/**
 * Two builds of this package against each other, for a change that should not cost time (a
 * refactor): the nodes of both `dist/` folders run side by side in ONE process through n8n-core's
 * engine (test/helpers/engine.ts, the one the routing tests use) against one stand-in, runs
 * interleaved (AB, BA, ...), so the machine's drift hits both alike. Prints each node's median
 * and the median of the B/A ratios of the pairs. Not n8n itself: n8n's own per-request cost
 * (credentials from its database, the expression sandbox) is left out, which is what makes the
 * difference between two builds visible. Run with `node bench/compare-builds.js DIR_A DIR_B`.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CredentialStore, runNode } from '../test/helpers/engine';
// eslint-disable-next-line
const { start } = require('../test/standin/server');

interface Standin {
	url: string;
	credentials(): Record<string, ICredentialDataDecryptedObject>;
	close(): Promise<void>;
}

/** The stand-in: in this process, or the one compare-builds.js started (--server-process). */
async function standin(users: number): Promise<Standin> {
	const url = process.env.STANDIN_URL;
	if (url) {
		const credentials = JSON.parse(process.env.STANDIN_CREDENTIALS ?? '{}') as Record<string, ICredentialDataDecryptedObject>;
		return { url, credentials: () => credentials, close: async () => undefined };
	}
	return (await start({ port: 0, users, latencyMs: Number(process.env.LATENCY_MS ?? 0) })) as Standin;
}

const A = process.env.A_DIR!, B = process.env.B_DIR!;
const VENDORS = [
	{ key: 'pcRecruiter', node: 'PcRecruiter/PcRecruiter.node', cls: 'PcRecruiter', cred: 'PcRecruiterApi', type: 'pcRecruiterApi', params: { resource: 'user', operation: 'getAll', returnAll: true } },
	{ key: 'recrubo', node: 'Recrubo/Recrubo.node', cls: 'Recrubo', cred: 'RecruboApi', type: 'recruboApi', params: { resource: 'user', operation: 'getAll', returnAll: true } },
	{ key: 'highQ', node: 'HighQPublisher/HighQPublisher.node', cls: 'HighQPublisher', cred: 'HighQPublisherApi', type: 'highQPublisherApi', params: { authentication: 'accessToken', resource: 'user', operation: 'getAll', returnAll: true } },
	{ key: 'hcss', node: 'Hcss/Hcss.node', cls: 'Hcss', cred: 'HcssOAuth2Api', type: 'hcssOAuth2Api', params: { resource: 'user', operation: 'getAll', returnAll: true } },
	{ key: 'fof', node: 'FormsOnFire/FormsOnFire.node', cls: 'FormsOnFire', cred: 'FormsOnFireApi', type: 'formsOnFireApi', params: { resource: 'user', operation: 'getAll', returnAll: true, filters: { name: 'a' } } },
];
const median = (xs: number[]) => { const v = [...xs].sort((a, b) => a - b); return v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2; };

async function main() {
	const s = await standin(10000);
	const creds = s.credentials();
	const REPS = Number(process.env.REPS ?? 9);
	const load = (dir: string, v: typeof VENDORS[0]) => ({
		node: require(`${dir}/dist/nodes/${v.node}`)[v.cls],
		cred: require(`${dir}/dist/credentials/${v.cred}.credentials`)[v.cred],
	});
	for (const v of VENDORS) {
		const a = load(A, v), b = load(B, v);
		const storeA = new CredentialStore({ [v.type]: creds[v.type] }), storeB = new CredentialStore({ [v.type]: creds[v.type] });
		const GETS = process.env.GETS === '1';
		if (GETS && v.key !== 'pcRecruiter' && v.key !== 'hcss') continue;
		let input: Record<string, unknown>[] | undefined;
		let params: Record<string, unknown> = v.params;
		if (GETS) {
			const all = await runNode({ node: new a.node(), credentialTypes: [new a.cred()], parameters: v.params as never, credentials: storeA });
			const idKey = v.key === 'pcRecruiter' ? 'UserName' : 'id';
			input = all.items.slice(0, 1000).map((i) => ({ u: i.json[idKey] }));
			params = v.key === 'pcRecruiter' ? { resource: 'user', operation: 'get', userName: '={{$json.u}}' } : { resource: 'user', operation: 'get', userId: '={{$json.u}}' };
		}
		const run = async (x: ReturnType<typeof load>, store: CredentialStore) => {
			const t0 = process.hrtime.bigint();
			const r = await runNode({ node: new x.node(), credentialTypes: [new x.cred()], parameters: params as never, credentials: store, input: input as never });
			const ms = Number(process.hrtime.bigint() - t0) / 1e6;
			if (r.error) throw new Error(`${v.key}: ${r.error.message}`);
			return { ms, n: r.items.length };
		};
		await run(a, storeA); await run(b, storeB); // warm-up
		const ta: number[] = [], tb: number[] = [];
		let n = 0;
		for (let i = 0; i < REPS; i++) {
			if (i % 2 === 0) { ta.push((await run(a, storeA)).ms); const rb = await run(b, storeB); tb.push(rb.ms); n = rb.n; }
			else { const rb = await run(b, storeB); tb.push(rb.ms); n = rb.n; ta.push((await run(a, storeA)).ms); }
		}
		const ratios = ta.map((x, i) => tb[i] / x);
		process.stdout.write(`${v.key.padEnd(12)} items ${n}  A median ${median(ta).toFixed(0)} ms  B median ${median(tb).toFixed(0)} ms  B/A median of pairs ${median(ratios).toFixed(2)} (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)})\n`);
	}
	await s.close();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
