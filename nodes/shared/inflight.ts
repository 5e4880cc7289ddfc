import { NodeOperationError, type INode, type INodeProperties } from 'n8n-workflow';

/**
 * Bounded load: at most N requests in flight per credential from this n8n process, whatever
 * node, operation, item or execution sends them. n8n starts the requests of all of a
 * declarative node's items at once (148 were seen in flight against one vendor); every
 * request of the vendor layer waits here for a free place first (see `send()` in
 * ./transport.ts). A login or token request that n8n makes on the way (PCRecruiter's session,
 * an OAuth2 token) happens inside the request that holds the place: it takes none of its own
 * and is never repeated because of the wait.
 */

export const MAX_IN_FLIGHT_PARAM = 'maxRequestsInFlight';
export const DEFAULT_MAX_IN_FLIGHT = 5;
export const MOST_IN_FLIGHT = 100;

/** The node setting, shown for every operation of every node. */
export const maxInFlightProperty: INodeProperties = {
	displayName: 'Max Requests at Once',
	name: MAX_IN_FLIGHT_PARAM,
	type: 'number',
	default: DEFAULT_MAX_IN_FLIGHT,
	noDataExpression: true,
	typeOptions: { minValue: 1, maxValue: MOST_IN_FLIGHT },
	description:
		'The most requests this n8n instance sends at the same time with this credential, for all its nodes and executions together. More is faster for many items; fewer is gentler on the vendor. n8n\'s Request Options → Batching only spaces out when items start.',
};

interface Waiter {
	limit: number;
	go: () => void;
}

interface Gate {
	active: number;
	waiting: Waiter[];
}

const gates = new Map<string, Gate>();

/**
 * The node's setting: the raw parameter (it takes no expression), so reading it costs no
 * expression evaluation on every request and works in every context (items, polls, dropdowns).
 */
export function maxInFlightOf(node: INode): number {
	const raw = node.parameters?.[MAX_IN_FLIGHT_PARAM];
	if (raw === undefined || raw === null || raw === '') return DEFAULT_MAX_IN_FLIGHT;
	const n = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN;
	if (!Number.isInteger(n) || n < 1 || n > MOST_IN_FLIGHT) {
		const shown = typeof raw === 'object' ? 'an object' : `"${String(raw).slice(0, 40)}"`;
		throw new NodeOperationError(node, `Max Requests at Once: not a whole number from 1 to ${MOST_IN_FLIGHT}`, {
			description: `The value given was ${shown}. Set "Max Requests at Once" (${MAX_IN_FLIGHT_PARAM}) to a number such as ${DEFAULT_MAX_IN_FLIGHT}.`,
		});
	}
	return n;
}

function wake(gate: Gate): void {
	for (let i = 0; i < gate.waiting.length; ) {
		const waiter = gate.waiting[i];
		if (gate.active >= waiter.limit) {
			i++;
			continue;
		}
		gate.waiting.splice(i, 1);
		gate.active++;
		waiter.go();
	}
}

/**
 * Waits until fewer than `limit` requests with this credential are in flight, then takes a
 * place; the function it gives frees the place (call it exactly once, when the request and
 * its retries are over). Waiters go in the order they came, each by its own node's limit.
 */
export async function acquire(credential: string, limit: number): Promise<() => void> {
	let gate = gates.get(credential);
	if (!gate) {
		gate = { active: 0, waiting: [] };
		gates.set(credential, gate);
	}
	const own = gate;
	if (own.active < limit && own.waiting.length === 0) {
		own.active++;
	} else {
		await new Promise<void>((go) => own.waiting.push({ limit, go }));
	}
	let freed = false;
	return () => {
		if (freed) return;
		freed = true;
		own.active--;
		wake(own);
		if (own.active === 0 && own.waiting.length === 0) gates.delete(credential);
	};
}
