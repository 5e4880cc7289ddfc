/**
 * Runs a trigger node's `poll()` the way an active workflow in n8n does: n8n-core's real
 * `PollContext` (credentials through the credential helper of engine.ts, requests through
 * `httpRequestWithAuthentication`) and `TriggersAndPollers.runPollFunction`, on one
 * Workflow object that lives across polls, so the node's static data persists between
 * polls exactly as in n8n's memory. `stored()` is the static data as n8n writes it to its
 * database (JSON), and `restart()` builds the workflow anew from that, as after a restart.
 *
 * HTTP is whatever the test mocks with nock; nothing here fakes a response.
 */
import { PollContext, TriggersAndPollers } from 'n8n-core';
import { deepCopy, type IDataObject, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';

import { setUp, type NodeSetupOptions, type TestSetup } from './engine';

export interface PollResult {
	/** The items the poll returned (n8n starts an execution with them); empty when it returned null. */
	items: INodeExecutionData[];
	/** Whether the poll returned null (n8n starts no execution). */
	empty: boolean;
	/** What the poll threw (n8n reports it as a failed trigger and starts no execution). */
	error?: Error & { description?: string | null };
	/** Whether the poll changed the static data (n8n would save it). */
	wrote: boolean;
}

export class PollHarness {
	private setup: TestSetup;

	private parameters: INodeParameters;

	constructor(private readonly options: NodeSetupOptions) {
		this.parameters = options.parameters;
		this.setup = setUp({ ...options, mode: 'trigger' });
	}

	/** One poll: `trigger` as on n8n's schedule, `manual` as the editor's Fetch Test Event. */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollResult> {
		const { workflow, node, additionalData } = this.setup;
		workflow.staticData.__dataChanged = false;
		const ctx = new PollContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
		try {
			const data = await new TriggersAndPollers().runPollFunction(workflow, node, ctx);
			return { items: data?.[0] ?? [], empty: data === null, wrote: this.wrote() };
		} catch (error) {
			return { items: [], empty: true, error: error as PollResult['error'], wrote: this.wrote() };
		}
	}

	private wrote(): boolean {
		return this.setup.workflow.staticData.__dataChanged === true;
	}

	/** The workflow's static data as n8n stores it (plain JSON). */
	stored(): IDataObject {
		const data = JSON.parse(JSON.stringify(deepCopy(this.setup.workflow.staticData))) as IDataObject;
		delete data.__dataChanged;
		return data;
	}

	/** This node's part of the static data, as stored. */
	nodeData(): IDataObject {
		return (this.stored()[`node:${this.setup.node.name}`] ?? {}) as IDataObject;
	}

	/** The size in bytes of the static data as n8n stores it (JSON, UTF-8). */
	storedBytes(): number {
		return Buffer.byteLength(JSON.stringify(this.stored()), 'utf8');
	}

	/** A new Workflow object from the stored static data (n8n restarted, or the workflow re-activated). */
	restart(parameters: INodeParameters = this.parameters): void {
		this.parameters = parameters;
		this.setup = setUp({ ...this.options, parameters, staticData: this.stored(), mode: 'trigger' });
	}
}
