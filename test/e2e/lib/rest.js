/**
 * A running n8n's REST API as the editor uses it: sign in as the owner, then call with its
 * cookie. Workflows are created, activated and their executions read back the way the
 * editor does it (on n8n 2.x activation is POST /workflows/:id/activate with the version;
 * on 1.x it is a PATCH of `active`).
 */
'use strict';

const path = require('node:path');
const runtime = require('../../../scripts/n8n-runtime');
const { login } = require('./editor');

class Rest {
	static async signIn(url) {
		return new Rest(url, await login(url));
	}

	constructor(url, cookie) {
		this.url = url;
		this.cookie = cookie;
	}

	async call(method, route, body) {
		const res = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: { Cookie: this.cookie, ...(body ? { 'Content-Type': 'application/json' } : {}) },
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await res.text();
		if (!res.ok) {
			const error = new Error(`${method} /rest${route}: HTTP ${res.status} ${text.slice(0, 1000)}`);
			error.status = res.status;
			throw error;
		}
		return text ? JSON.parse(text).data : undefined;
	}

	/** Creates the workflow and activates it (n8n runs a poll trigger's first poll then); resolves to its id. */
	async createActive(workflow) {
		const created = await this.call('POST', '/workflows', { ...workflow, active: false });
		await this.setActive(created.id, true, created.versionId);
		return created.id;
	}

	/** Activates (n8n runs a poll trigger's first poll then) or deactivates a workflow. */
	async setActive(id, active, versionId) {
		const version = versionId ?? (await this.call('GET', `/workflows/${id}`)).versionId;
		try {
			await this.call('POST', `/workflows/${id}/${active ? 'activate' : 'deactivate'}`, active ? { versionId: version } : {});
		} catch (error) {
			if (error.status !== 404) throw error;
			await this.call('PATCH', `/workflows/${id}`, { active, versionId: version });
		}
	}

	/** The finished executions of a workflow, oldest first. */
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.call('GET', `/executions?filter=${filter}&limit=50`);
		const list = Array.isArray(page) ? page : page.results;
		return list.filter((e) => e.finished || ['success', 'error', 'crashed'].includes(e.status)).sort((a, b) => Number(a.id) - Number(b.id));
	}

	/** One execution's run data: the items of each node's first output, and all outputs. */
	async runData(executionId) {
		const execution = await this.call('GET', `/executions/${executionId}`);
		const flatted = require(path.join(runtime.paths().runtimeDir, 'node_modules', 'flatted'));
		const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
		const outputs = {};
		for (const [node, tasks] of Object.entries(data.resultData.runData)) {
			const main = (tasks[tasks.length - 1].data || {}).main || [];
			outputs[node] = main.map((branch) => (branch || []).map((item) => item.json));
		}
		return { outputs, error: data.resultData.error || null, status: execution.status };
	}
}

module.exports = { Rest };
