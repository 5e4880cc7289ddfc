/**
 * The benchmark's workflows and raw fetch loops, one definition per vendor.
 *
 * Every measured workflow has the same frame, so that n8n's run data holds the figure and
 * the bench server sees where each run starts and ends:
 *
 *   Manual Trigger -> Begin (GET /__bench/begin, once) -> [measured node(s)] -> Count -> End
 *
 * Count (Summarize, count of a field every user has) proves how many items came out, and
 * keeps the snapshot that `n8n executeBatch` writes small: the measured nodes' own outputs
 * are cut to one item in the snapshot (CAP_RESULTS_LENGTH) once they have been timed.
 */
'use strict';

const crypto = require('node:crypto');

const PKG = 'n8n-nodes-user-sync';

/** Per vendor: our node, its credential, the HTTP Request equivalent, and the raw loop. */
const VENDORS = {
	pcRecruiter: {
		label: 'PCRecruiter',
		credential: 'pcRecruiterApi',
		node: { type: `${PKG}.pcRecruiter`, parameters: { resource: 'user', operation: 'getAll', returnAll: true, options: {} } },
		xml: { options: { format: 'xml' } },
		countField: 'UserName',
		pageSize: 500,
		paging: 'Page from 1, ResultsPerPage 500, TotalRecords',
		http: (base) => ({
			url: `${base}/pcr/rest/api/users`,
			query: [['ResultsPerPage', '500']],
			headers: [['Accept', 'application/json']],
			page: ['Page', '={{ $pageCount + 1 }}'],
			complete: '={{ $pageCount * 500 >= $response.body.TotalRecords }}',
			splitOut: 'Results',
		}),
		get: {
			parameters: (expr) => ({ resource: 'user', operation: 'get', userName: expr }),
			countField: 'UserName',
			httpUrl: (base) => `={{ "${base}/pcr/rest/api/users/" + encodeURIComponent($json.names) }}`,
		},
	},
	recrubo: {
		label: 'Recrubo',
		credential: 'recruboApi',
		node: { type: `${PKG}.recrubo`, parameters: { resource: 'user', operation: 'getAll', returnAll: true } },
		countField: 'id',
		pageSize: 200,
		paging: 'page[number] from 1, page[size] 200, meta.maxPage',
		http: (base) => ({
			url: `${base}/recrubo/public/v2/users`,
			query: [['page[size]', '200']],
			headers: [['Accept', 'application/vnd.api+json']],
			page: ['page[number]', '={{ $pageCount + 1 }}'],
			complete: '={{ $response.body.meta.currentPage >= $response.body.meta.maxPage }}',
			splitOut: 'data',
			json: true,
		}),
	},
	highQ: {
		label: 'HighQ Publisher',
		credential: 'highQPublisherApi',
		node: {
			type: `${PKG}.highQPublisher`,
			parameters: { authentication: 'accessToken', resource: 'user', operation: 'getAll', returnAll: true, options: {} },
		},
		xml: { options: { format: 'xml' } },
		countField: 'id',
		pageSize: 200,
		paging: 'offset/limit 200, no total: ends on a short page',
		http: (base) => ({
			url: `${base}/highq/acme/api/2/users`,
			query: [
				['limit', '200'],
				['fields', 'all'],
			],
			headers: [['Accept', 'application/json']],
			page: ['offset', '={{ $pageCount * 200 }}'],
			complete: '={{ $response.body.users.user.length < 200 }}',
			splitOut: 'users.user',
		}),
	},
	hcss: {
		label: 'HCSS',
		credential: 'hcssOAuth2Api',
		node: { type: `${PKG}.hcss`, parameters: { resource: 'user', operation: 'getAll', returnAll: true, filters: {} } },
		countField: 'id',
		pageSize: 1000,
		paging: 'page from 0, pageSize 1000, totalRecords',
		http: (base) => ({
			url: `${base}/hcss/users/api/v1/Users`,
			query: [['pageSize', '1000']],
			headers: [['Accept', 'application/json']],
			page: ['page', '={{ $pageCount }}'],
			complete: '={{ $response.body.page + 1 >= $response.body.totalPages }}',
			splitOut: 'items',
		}),
		get: {
			parameters: (expr) => ({ resource: 'user', operation: 'get', userId: expr }),
			countField: 'id',
			httpUrl: (base) => `={{ "${base}/hcss/users/api/v1/Users/" + encodeURIComponent($json.names) }}`,
		},
	},
	formsOnFire: {
		label: 'Forms On Fire',
		credential: 'formsOnFireApi',
		node: {
			type: `${PKG}.formsOnFire`,
			parameters: { resource: 'user', operation: 'getAll', returnAll: true, filters: { email: 'example.com' }, options: {} },
		},
		xml: { options: { format: 'xml' } },
		countField: 'Id',
		pageSize: 250,
		paging: 'PageNo from 0, PageSize 250, TotalRows',
		http: (base) => ({
			url: `${base}/fof/api/v2/user/search`,
			query: [
				['Email', 'example.com'],
				['format', 'json'],
				['PageSize', '250'],
			],
			headers: [['Accept', 'application/json']],
			page: ['PageNo', '={{ $pageCount }}'],
			complete: '={{ $pageCount * 250 >= $response.body.TotalRows }}',
			splitOut: 'Users',
		}),
	},
};

const SETTINGS = {
	executionOrder: 'v1',
	saveDataSuccessExecution: 'none',
	saveDataErrorExecution: 'all',
	saveManualExecutions: false,
	saveExecutionProgress: false,
};

let seq = 0;
/** Workflow ids that sort in the order the workflows should run (executeBatch reads them by id). */
function nextId(prefix) {
	seq++;
	return `${prefix}${String(seq).padStart(16 - prefix.length, '0')}`;
}

function node(name, type, typeVersion, parameters, x, extra = {}) {
	return { id: crypto.randomUUID(), name, type, typeVersion, position: [x, 0], parameters, ...extra };
}

function control(benchUrl, name, path, x) {
	return node(name, 'n8n-nodes-base.httpRequest', 4.2, { url: `${benchUrl}${path}`, options: {} }, x, { executeOnce: true });
}

function chain(names) {
	const connections = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

const CAP = 'CAP_RESULTS_LENGTH=1';

/**
 * A measured workflow. `measured` is the list of nodes between Begin and Count (their
 * names are what the results are read from); `beginQuery` adds to Begin's query.
 */
function frame({ benchUrl, label, measured, countField, beginQuery = '', prefix = 'bnch' }) {
	const q = `label=${encodeURIComponent(label)}${beginQuery}`;
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, 0),
		control(benchUrl, 'Begin', `/__bench/begin?${q}`, 200),
		...measured.map((n, i) => ({ ...n, position: [400 + 200 * i, 0], notes: n.notes ?? CAP })),
		node(
			'Count',
			'n8n-nodes-base.summarize',
			1.1,
			{ fieldsToSummarize: { values: [{ aggregation: 'count', field: countField }] }, options: {} },
			400 + 200 * measured.length,
		),
		control(benchUrl, 'End', `/__bench/end?label=${encodeURIComponent(label)}`, 600 + 200 * measured.length),
	];
	return {
		id: nextId(prefix),
		name: `bench ${label}`,
		nodes,
		connections: chain(nodes.map((n) => n.name)),
		settings: SETTINGS,
		active: false,
	};
}

function credentialRef(creds, type) {
	const c = creds[type];
	return { [type]: { id: c.id, name: c.name } };
}

/** Our node, Return All. */
function oursWorkflow({ benchUrl, creds, vendor, label, xml = false }) {
	const v = VENDORS[vendor];
	const parameters = { ...v.node.parameters, ...(xml ? v.xml : {}) };
	const measured = [node('Ours', v.node.type, 1, parameters, 0, { credentials: credentialRef(creds, v.credential) })];
	return frame({ benchUrl, label, measured, countField: v.countField });
}

/** The HTTP Request node's parameters for a GET with a predefined credential; query and headers as [name, value] pairs. */
function httpGet({ url, credential, query, headers, options }) {
	return {
		method: 'GET',
		url,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: credential,
		sendQuery: query.length > 0,
		queryParameters: { parameters: query.map(([name, value]) => ({ name, value })) },
		sendHeaders: true,
		headerParameters: { parameters: headers.map(([name, value]) => ({ name, value })) },
		options,
	};
}

/** The HTTP Request node with its pagination option, then Split Out: what a user would build. */
function httpWorkflow({ benchUrl, creds, vendor, label }) {
	const v = VENDORS[vendor];
	const h = v.http(benchUrl);
	const parameters = httpGet({
		url: h.url,
		credential: v.credential,
		query: h.query,
		headers: h.headers,
		options: {
			...(h.json ? { response: { response: { responseFormat: 'json' } } } : {}),
			pagination: {
				pagination: {
					parameters: { parameters: [{ type: 'qs', name: h.page[0], value: h.page[1] }] },
					paginationCompleteWhen: 'other',
					completeExpression: h.complete,
					limitPagesFetched: true,
					maxRequests: 5000,
				},
			},
		},
	});
	const measured = [
		node('HTTP Request', 'n8n-nodes-base.httpRequest', 4.2, parameters, 0, { credentials: credentialRef(creds, v.credential) }),
		node('Split Out', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: h.splitOut, options: {} }, 0),
	];
	return frame({ benchUrl, label, measured, countField: v.countField });
}

/**
 * Many items: Begin answers `{ names: [...] }` (the first n users' keys), Split Out makes
 * one item each, and our node does one `get` per item.
 */
function manyGetsWorkflow({ benchUrl, creds, vendor, label, n, credential, expire = false }) {
	const v = VENDORS[vendor];
	const cred = credential ?? creds[v.credential];
	const measured = [
		node('Items', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'names', options: {} }, 0, { notes: '' }),
		node('Ours', v.node.type, 1, v.get.parameters('={{ $json.names }}'), 0, {
			credentials: { [v.credential]: { id: cred.id, name: cred.name } },
		}),
	];
	return frame({
		benchUrl,
		label,
		measured,
		countField: v.get.countField,
		beginQuery: `&names=${vendor}:${n}${expire ? '&expire=1' : ''}`,
	});
}

/** The same many `get`s with the HTTP Request node (one request per item, the same credential). */
function manyHttpWorkflow({ benchUrl, creds, vendor, label, n }) {
	const v = VENDORS[vendor];
	const measured = [
		node('Items', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'names', options: {} }, 0, { notes: '' }),
		node(
			'HTTP Request',
			'n8n-nodes-base.httpRequest',
			4.2,
			{
				method: 'GET',
				url: v.get.httpUrl(benchUrl),
				authentication: 'predefinedCredentialType',
				nodeCredentialType: v.credential,
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'Accept', value: 'application/json' }] },
				options: {},
			},
			0,
			{ credentials: credentialRef(creds, v.credential) },
		),
	];
	return frame({ benchUrl, label, measured, countField: v.get.countField, beginQuery: `&names=${vendor}:${n}` });
}

module.exports = { VENDORS, frame, httpGet, oursWorkflow, httpWorkflow, manyGetsWorkflow, manyHttpWorkflow };
