/**
 * Runs one of our nodes through n8n-core's real execution engine
 * (WorkflowExecute -> RoutingNode -> httpRequestWithAuthentication), with a small
 * credentials helper of our own that behaves like n8n's: it fills credential
 * defaults, applies the credential's `authenticate`, runs `preAuthentication` for
 * an expirable hidden field, and stores what a login or a token refresh returns so
 * the next item (and the next run) reuses it.
 *
 * HTTP is whatever the test mocks with nock; nothing here fakes a response.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type ICredentialTypes,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type ExecutionError,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

export const PACKAGE = 'n8n-nodes-user-sync';

/** A credential store shared across runs, like n8n's database of credentials. */
export class CredentialStore {
	readonly data: Record<string, ICredentialDataDecryptedObject> = {};

	readonly updates: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];

	/** How many times n8n read (decrypted) each credential type, as from its database. */
	readonly reads: Record<string, number> = {};

	constructor(initial: Record<string, ICredentialDataDecryptedObject> = {}) {
		for (const [type, value] of Object.entries(initial)) this.data[type] = { ...value };
	}
}

export class TestCredentialTypes implements ICredentialTypes {
	private readonly byName: Record<string, ICredentialType> = {};

	constructor(types: ICredentialType[]) {
		for (const type of [...types, ...baseCredentialTypes()]) this.byName[type.name] = type;
	}

	recognizes(type: string) {
		return type in this.byName;
	}

	getByName(type: string): ICredentialType {
		const found = this.byName[type];
		if (!found) throw new Error(`Unknown credential type ${type}`);
		return found;
	}

	getSupportedNodes(): string[] {
		return [];
	}

	getParentTypes(type: string): string[] {
		const parents = this.byName[type]?.extends ?? [];
		return parents.flatMap((p) => [p, ...this.getParentTypes(p)]);
	}

	/** Properties of the type and of everything it extends, the type's own winning. */
	allProperties(type: string): INodeProperties[] {
		const own = this.getByName(type).properties;
		const inherited = (this.getByName(type).extends ?? []).flatMap((p) =>
			this.recognizes(p) ? this.allProperties(p) : [],
		);
		const names = new Set(own.map((p) => p.name));
		return [...inherited.filter((p) => !names.has(p.name)), ...own];
	}
}

/** n8n's own oAuth2Api base type, reduced to the fields its request helper reads. */
function baseCredentialTypes(): ICredentialType[] {
	const str = (name: string, d = ''): INodeProperties => ({ displayName: name, name, type: 'string', default: d });
	return [
		{
			name: 'oAuth2Api',
			displayName: 'OAuth2 API',
			properties: [
				str('grantType', 'authorizationCode'),
				str('authUrl'),
				str('accessTokenUrl'),
				str('clientId'),
				str('clientSecret'),
				str('scope'),
				str('authQueryParameters'),
				str('authentication', 'header'),
			],
		},
	];
}

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: TestCredentialTypes,
		private readonly store: CredentialStore,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.types.getParentTypes(name);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.types.getByName(typeName);
		const options = requestOptions as IHttpRequestOptions;
		const auth = type.authenticate;
		if (auth === undefined) return options;
		if (typeof auth === 'function') return await auth(credentials, options);
		// Generic: resolve each `={{$credentials.x}}` template, as n8n's helper does.
		const resolve = (value: unknown) => {
			if (typeof value !== 'string' || !value.startsWith('=') || !workflow || !node) return value;
			return workflow.expression.getSimpleParameterValue(node, value, 'internal', {
				$credentials: credentials,
			} as never);
		};
		const target = options as unknown as Record<string, Record<string, unknown>>;
		for (const [outerKey, inner] of Object.entries(auth.properties)) {
			target[outerKey] ??= {};
			for (const [key, value] of Object.entries(inner as Record<string, unknown>)) {
				target[outerKey][String(resolve(key))] = resolve(value);
			}
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types.getByName(typeName);
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const merged = Object.assign(credentials, output);
		this.save(typeName, merged);
		return merged;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types.getByName(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(_details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return {
			id: '1',
			name: type,
			type,
			data: '',
			getData: () => this.store.data[type],
			getDataToSave: () => ({}),
			setData: () => undefined,
		} as unknown as ICredentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.data[type];
		if (!stored) throw new Error(`No credentials of type ${type} in this test`);
		this.store.reads[type] = (this.store.reads[type] ?? 0) + 1;
		const withDefaults: ICredentialDataDecryptedObject = {};
		for (const p of this.types.allProperties(type)) {
			if (p.default !== undefined) withDefaults[p.name] = p.default as never;
		}
		return { ...withDefaults, ...structuredClone(stored) };
	}

	async updateCredentials(
		_details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.save(type, data);
	}

	async updateCredentialsOauthTokenData(
		_details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.save(type, data);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types.allProperties(type);
	}

	private save(type: string, data: ICredentialDataDecryptedObject) {
		this.store.data[type] = { ...this.store.data[type], ...structuredClone(data) };
		this.store.updates.push({ type, data: structuredClone(data) });
	}
}

class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		return this.types[type];
	}

	getByNameAndVersion(type: string): INodeType {
		return this.types[type];
	}

	getKnownTypes() {
		return {};
	}
}

/** A node of ours in a one-node workflow, as n8n would hold it. */
export interface NodeSetupOptions {
	node: INodeType;
	credentialTypes: ICredentialType[];
	parameters: INodeParameters;
	/** Stored credentials by credential type name; share one store across runs to see reuse. */
	credentials: CredentialStore;
	continueOnFail?: boolean;
	typeVersion?: number;
	/** The workflow's static data (a trigger's memory between polls). */
	staticData?: IDataObject;
	/** The execution mode the hooks are made for. */
	mode?: WorkflowExecuteMode;
}

export interface TestSetup {
	node: INode;
	workflow: Workflow;
	additionalData: IWorkflowExecuteAdditionalData;
	hooks: ExecutionLifecycleHooks;
}

/** The workflow, the node in it, and n8n's additional data with our credentials helper. */
export function setUp(options: NodeSetupOptions): TestSetup {
	const description = options.node.description;
	const typeName = `${PACKAGE}.${description.name}`;
	const credentialTypes = new TestCredentialTypes(options.credentialTypes);
	const nodeCredentials: INode['credentials'] = {};
	for (const type of Object.keys(options.credentials.data)) {
		nodeCredentials[type] = { id: '1', name: `${type} account` };
	}
	const node: INode = {
		id: 'node-under-test',
		name: description.defaults.name ?? description.displayName,
		type: typeName,
		typeVersion: options.typeVersion ?? (Array.isArray(description.version) ? Math.max(...description.version) : description.version),
		position: [0, 0],
		parameters: options.parameters,
		credentials: nodeCredentials,
		continueOnFail: options.continueOnFail,
		onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ [typeName]: options.node }),
		staticData: options.staticData,
	});

	const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);

	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(credentialTypes, options.credentials),
		hooks,
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: '',
		formWaitingBaseUrl: '',
		formTestBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		mcpBaseUrl: '',
		mcpTestBaseUrl: '',
		variables: {},
		logAiEvent: () => undefined,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
	return { node, workflow, additionalData, hooks };
}

export interface RunNodeOptions extends NodeSetupOptions {
	/** The input items; one empty item when not given. */
	input?: IDataObject[];
}

export interface RunNodeResult {
	items: INodeExecutionData[];
	/** The error the node failed with, when it did not continue on fail. */
	error?: ExecutionError;
	run: IRun;
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const { node, workflow, additionalData, hooks } = setUp(options);
	let finish: (run: IRun) => void = () => undefined;
	const done = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => finish(fullRunData));

	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const runExecutionData: IRunExecutionData = {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node, data: { main: [input] }, source: null }],
		},
	} as unknown as IRunExecutionData;

	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await done;
	const taskData = run.data.resultData.runData[node.name]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: taskData?.error ?? run.data.resultData.error,
		run,
	};
}

/**
 * A node's loadOptions method as the editor runs it (n8n-core's LoadOptionsContext), with the
 * node's parameters as `options.parameters` and its credentials through our helper.
 */
export async function loadOptions(options: NodeSetupOptions, method: string, path = 'parameters.x'): Promise<INodePropertyOptions[]> {
	const { node, workflow, additionalData } = setUp(options);
	const context = new LoadOptionsContext(workflow, node, { ...additionalData, currentNodeParameters: node.parameters }, path);
	const fn = options.node.methods?.loadOptions?.[method];
	if (!fn) throw new Error(`${options.node.description.name} has no loadOptions method ${method}`);
	return await fn.call(context);
}
