#!/usr/bin/env node
/**
 * One local stand-in for the five vendor user APIs (see shared vendors.md and seeds/),
 * for e2e tests, `npm start` and benchmarks. Plain Node `http`, no dependencies
 * (fast-xml-parser is required lazily, only to read XML request bodies).
 *
 *   node test/standin/server.js [--port 4010] [--users 250]
 *   const { start } = require('./server'); const s = await start({ port: 0, users: 100 });
 *
 * Each vendor is mounted under a prefix; the credential `baseUrl` for each is:
 *   PCRecruiter   <origin>/pcr/rest/api
 *   Recrubo       <origin>/recrubo/public/v2
 *   HighQ         <origin>/highq/acme            (any single-segment context works)
 *   HCSS          <origin>/hcss/users            token URL <origin>/hcss/identity/connect/token
 *   Forms On Fire <origin>/fof/api/v2
 * `GET /` lists the routes; `GET /__credentials` gives credential values that work.
 *
 * Listens on 127.0.0.1 only.
 */
'use strict';

const http = require('node:http');
const crypto = require('node:crypto');
const zlib = require('node:zlib');

// ---------------------------------------------------------------------------------------
// configuration

function envInt(name, dflt) {
	const v = process.env[name];
	if (v === undefined || v === '') return dflt;
	const n = Number(v);
	return Number.isFinite(n) ? n : dflt;
}

/** Secrets the stand-in accepts. Overridable by env so tests can use their own. */
function credentialsFromEnv() {
	const e = process.env;
	return {
		pcRecruiter: {
			Username: e.STANDIN_PCR_USERNAME || 'APIUSER',
			Password: e.STANDIN_PCR_PASSWORD || 'pcr-password',
			DatabaseId: e.STANDIN_PCR_DATABASE || 'STANDIN.DEMO',
			ApiKey: e.STANDIN_PCR_API_KEY || 'pcr-api-key',
			AppId: e.STANDIN_PCR_APP_ID || 'pcr-app-id',
		},
		recrubo: { apiKey: e.STANDIN_RECRUBO_KEY || 'recrubo-api-key' },
		highQ: {
			accessToken: e.STANDIN_HIGHQ_TOKEN || 'highq-access-token',
			refreshToken: e.STANDIN_HIGHQ_REFRESH_TOKEN || 'highq-refresh-token',
			clientId: e.STANDIN_HIGHQ_CLIENT_ID || 'highq-client',
			clientSecret: e.STANDIN_HIGHQ_CLIENT_SECRET || 'highq-secret',
		},
		hcss: {
			clientId: e.STANDIN_HCSS_CLIENT_ID || 'hcss-client',
			clientSecret: e.STANDIN_HCSS_CLIENT_SECRET || 'hcss-secret',
			requiredScope: e.STANDIN_HCSS_REQUIRED_SCOPE || '',
		},
		formsOnFire: {
			CompanyId: e.STANDIN_FOF_COMPANY_ID || '1234',
			IntegrationKey: e.STANDIN_FOF_KEY || 'fof-integration-key',
		},
	};
}

function configFromEnv(overrides = {}) {
	return {
		users: envInt('STANDIN_USERS', 250),
		hcssEnvelope: process.env.STANDIN_HCSS_ENVELOPE || 'items', // items | results | array
		highqEnvelope: process.env.STANDIN_HIGHQ_ENVELOPE || 'users.user', // users.user | users | user | array
		pcrSessionTtl: envInt('STANDIN_PCR_SESSION_TTL', 1200), // seconds of inactivity
		tokenTtl: envInt('STANDIN_TOKEN_TTL', 3600), // seconds (HCSS and HighQ OAuth2 tokens)
		latencyMs: envInt('STANDIN_LATENCY_MS', 0),
		gzip: process.env.STANDIN_GZIP !== '0', // PCRecruiter answers gzip when asked
		pcrPaging: process.env.STANDIN_PCR_PAGING !== '0', // honour Page/ResultsPerPage on /users
		...overrides,
		credentials: { ...credentialsFromEnv(), ...(overrides.credentials || {}) },
	};
}

// ---------------------------------------------------------------------------------------
// deterministic data

const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Emma', 'Finn', 'Grace', 'Hugo', 'Iris', 'Jonas', 'Kira', 'Liam', 'Maya', 'Noah', 'Olga', 'Pavel', 'Quinn', 'Rosa', 'Sami', 'Tess', 'Umar', 'Vera', 'Wim', 'Xena', 'Yusuf', 'Zoe', 'Anouk', 'Bram', 'Céline', 'Daan', 'Eva', 'Femke', 'Gijs', 'Hanna', 'Ivo', 'Julia', 'Koen', 'Lotte', 'Milan', 'Nina'];
const LAST = ['Andersen', 'Bakker', 'Costa', 'Dubois', 'Evans', 'Fischer', 'García', 'Hansen', 'Ivanova', 'Jansen', 'Kowalski', 'Larsen', 'Müller', 'Nowak', "O'Brien", 'Peeters', 'Quist', 'Rossi', 'Schmidt', 'Tanaka', 'Ueda', 'Visser', 'Weber', 'Xu', 'Yilmaz', 'Zimmermann', 'de Vries', 'van Dijk', 'Smit', 'Meijer'];
const TIMEZONES = ['Europe/Amsterdam', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Chicago', 'Asia/Tokyo'];
const BASE_TIME = Date.UTC(2024, 0, 1, 8, 0, 0);

const localParts = new Map();
function person(i) {
	const fi = i % FIRST.length;
	const li = (i * 7 + Math.floor(i / FIRST.length)) % LAST.length;
	const first = FIRST[fi];
	const last = LAST[li];
	const key = fi * 1000 + li;
	let local = localParts.get(key);
	if (local === undefined) {
		local = `${first}.${last}`
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^A-Za-z.]/g, '')
			.toLowerCase();
		localParts.set(key, local);
	}
	return { first, last, email: `${local}.${i}@example.com`, phone: `+31 20 555 ${String(1000 + (i % 9000)).padStart(4, '0')}` };
}

function isoAt(i, stepHours = 1) {
	return new Date(BASE_TIME + i * stepHours * 3600_000).toISOString().replace('.000Z', '+00:00');
}

/** murmur3's 32-bit finaliser. */
function mix32(h) {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

const hex8 = (n) => (n + 0x100000000).toString(16).slice(1);

/** A stable UUID from a seed string (v4 layout): FNV-1a over the string, then mixed. */
function uuidFrom(seed) {
	let h = 2166136261;
	for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
	const a = hex8(mix32(h));
	const b = hex8(mix32(h ^ 0x9e3779b9));
	const c = hex8(mix32(h ^ 0x3c6ef372));
	const d = hex8(mix32(h ^ 0xdaa66d2b));
	return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((parseInt(c[0], 16) & 3) | 8).toString(16)}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
}

function randomUuid() {
	return crypto.randomUUID();
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An ordered in-memory collection: array for paging, map for look-ups, a version for caches. */
class Collection {
	constructor(items, key) {
		this.key = key;
		this.items = items;
		this.byId = new Map(items.map((u) => [String(u[key]).toLowerCase(), u]));
		this.version = 0;
	}
	get(id) {
		return this.byId.get(String(id).toLowerCase());
	}
	add(u) {
		this.items.push(u);
		this.byId.set(String(u[this.key]).toLowerCase(), u);
		this.version++;
	}
	remove(u) {
		const idx = this.items.indexOf(u);
		if (idx >= 0) this.items.splice(idx, 1);
		this.byId.delete(String(u[this.key]).toLowerCase());
		this.version++;
	}
	touch() {
		this.version++;
	}
}

// --- PCRecruiter ------------------------------------------------------------------------

const PCR_TEAMS = [
	{ Name: 'Sales Team', RecordId: 12345 },
	{ Name: 'East Region', RecordId: 67890 },
	{ Name: 'West Region', RecordId: 67891 },
	{ Name: 'Recruiting', RecordId: 24680 },
];

function pcrUsers(n) {
	const out = [];
	for (let i = 0; i < n; i++) {
		if (i === 0) {
			out.push({ UserName: 'SAMPLE', FullName: 'John Doe', EmailAddress: 'support@mainsequence.net', Phone: '(440) 946-5214', PhoneExt: null, ReplicationNumber: null, ActiveUser: true, Teams: [PCR_TEAMS[0], PCR_TEAMS[1]] });
			continue;
		}
		if (i === 1) {
			out.push({ UserName: 'APIUSER', FullName: 'APIUSER', EmailAddress: null, Phone: null, PhoneExt: null, ReplicationNumber: null, ActiveUser: false, Teams: [] });
			continue;
		}
		const p = person(i);
		// one awkward name to prove path segments are URL-encoded
		const userName = i === 2 ? 'QA/TEAM LEAD' : `${p.first}${p.last}`.normalize('NFD').replace(/[^A-Za-z]/g, '').toUpperCase().slice(0, 12) + i;
		out.push({
			UserName: userName,
			FullName: `${p.first} ${p.last}`,
			EmailAddress: i % 9 === 0 ? null : p.email,
			Phone: i % 4 === 0 ? null : p.phone,
			PhoneExt: i % 5 === 0 ? String(100 + (i % 900)) : null,
			ReplicationNumber: null,
			ActiveUser: i % 6 !== 0,
			Teams: PCR_TEAMS.filter((_, t) => (i >> t) & 1),
		});
	}
	return out;
}

// --- Recrubo ----------------------------------------------------------------------------

function recruboUser(i) {
	const p = person(i);
	const createdAt = isoAt(i);
	return {
		id: uuidFrom(`recrubo:${i}`),
		attributes: {
			createdAt,
			updatedAt: createdAt,
			firstName: p.first,
			lastName: p.last,
			email: p.email,
			fullName: `${p.first} ${p.last}`,
			phone: i % 3 === 0 ? null : p.phone.replace(/[^0-9]/g, ''),
			timeZone: TIMEZONES[i % TIMEZONES.length],
			externalId: i % 2 === 0 ? `EXT-${String(i).padStart(6, '0')}` : null,
		},
		candidates: [],
	};
}

// --- HighQ ------------------------------------------------------------------------------

const HIGHQ_ORGS = [
	{ orgname: 'Organisation Pty Ltd', orgid: 75, orgaddressid: 98 },
	{ orgname: 'Acme Legal LLP', orgid: 76, orgaddressid: 99 },
	{ orgname: 'Northwind Partners', orgid: 77, orgaddressid: 100 },
];
const HIGHQ_DEPARTMENTS = ['Development', 'Litigation', 'Corporate', 'Finance', 'IT'];
const HIGHQ_STATUSES = ['active', 'active', 'active', 'active', 'disable', 'suspended', 'archive'];

function highqUser(i) {
	const p = person(i);
	const id = i + 1;
	// one address with a plus, to prove e-mail identifiers are URL-encoded
	const email = i === 3 ? `${p.email.split('@')[0]}+tag@example.com` : p.email;
	return {
		id,
		name: { firstname: p.first, lastname: p.last, title: i % 10 === 0 ? 'Dr' : '' },
		externalid: String(1000 + id),
		email,
		phone: p.phone.replace(/[^0-9]/g, ''),
		jobtitle: i % 2 ? 'Associate' : 'Senior Solution Architect',
		mobile: i % 3 ? '' : `4415615${String(10000 + i).slice(-5)}`,
		department: HIGHQ_DEPARTMENTS[i % HIGHQ_DEPARTMENTS.length],
		status: HIGHQ_STATUSES[i % HIGHQ_STATUSES.length],
		organisation: { ...HIGHQ_ORGS[i % HIGHQ_ORGS.length] },
		location: { addressline1: 'New London House', addressline2: '6 London Street', city: 'London', country: 'United Kingdom', postcode: 'EC3R 7LP' },
		$created: BASE_TIME + i * 3600_000,
		// every tenth user changed within the last week (relative to now), so "changed last week" finds some
		$modified: i % 10 === 0 ? Date.now() - ((i / 10) % 6) * 86_400_000 - 3_600_000 : BASE_TIME + i * 3600_000,
		// for the documented sort fields "invited" and "last login" (not part of the user object)
		$invited: BASE_TIME + i * 3600_000 + 600_000,
		$lastlogin: i % 4 === 3 ? 0 : BASE_TIME + ((i * 7919) % 1000) * 3600_000,
	};
}

// --- HCSS -------------------------------------------------------------------------------

const HCSS_ROLES = [
	{ id: '1531c1fc-3b2b-453a-bb88-595af8b2ecdb', name: 'Administrator' },
	{ id: '2d1e4c1a-8f3b-4b8e-9d0a-7c5e2f1a3b4c', name: 'Foreman' },
	{ id: '3e2f5d2b-9a4c-4c9f-8e1b-8d6f3a2b4c5d', name: 'Estimator' },
];
const HCSS_SUBSCRIPTION_GROUPS = [
	{ id: '0c6116f2-d77a-4b86-9389-379079cdedfe', name: 'Field' },
	{ id: '1d7227a3-e88b-4c97-a49a-48a18a0defef', name: 'Office' },
];
const HCSS_BUSINESS_UNITS = [
	{ id: 'b86659fa-d8f1-4909-80b7-59950d3fdd46', name: 'Main Office' },
	{ id: 'c97760ab-e902-4a1a-91c8-6aa61e4eee57', name: 'North Division' },
	{ id: 'da8871bc-fa13-4b2b-a2d9-7bb72f5fff68', name: 'South Division' },
];
const HCSS_JOBS = HCSS_BUSINESS_UNITS.flatMap((bu, b) =>
	[0, 1, 2].map((j) => ({ id: uuidFrom(`hcss-job:${b}:${j}`), code: `${100 + b * 10 + j}`, description: `${bu.name} job ${j + 1}`, businessUnitId: bu.id })),
);

function hcssUser(i) {
	const p = person(i);
	const byPhone = i % 7 === 3;
	return {
		id: uuidFrom(`hcss:${i}`),
		userName: byPhone ? `phone.user.${i}` : p.email,
		firstName: p.first,
		lastName: p.last,
		phoneNumber: byPhone || i % 2 === 0 ? p.phone.replace(/ /g, '') : null,
		email: byPhone ? null : p.email,
		contactMethod: byPhone ? 'PhoneNumber' : 'Email',
		userRole: HCSS_ROLES[i % HCSS_ROLES.length].id,
		subscriptionGroup: i % 4 === 0 ? null : HCSS_SUBSCRIPTION_GROUPS[i % HCSS_SUBSCRIPTION_GROUPS.length].id,
		note: i % 5 === 0 ? `Seeded user ${i}` : null,
		homeBusinessUnit: HCSS_BUSINESS_UNITS[i % HCSS_BUSINESS_UNITS.length].id,
		employeeCode: i % 3 === 0 ? `EMP-${String(i).padStart(5, '0')}` : null,
		allowPhoneNumberLogin: byPhone,
		excludeFromExternalAuthentication: i % 10 === 0,
		businessUnitAccess: { type: 'AllBusinessUnits', values: null },
		jobAccess: { type: 'AllJobs', values: null },
	};
}

// --- Forms On Fire ----------------------------------------------------------------------

const FOF_FOLDERS = [uuidFrom('fof-folder:0'), uuidFrom('fof-folder:1')];
const FOF_GROUPS = [uuidFrom('fof-group:0'), uuidFrom('fof-group:1'), uuidFrom('fof-group:2')];

function fofUser(i, companyId) {
	const p = person(i);
	return {
		Id: uuidFrom(`fof:${i}`),
		CompanyId: Number(companyId),
		ExternalId: i % 2 === 0 ? `EXT${String(i).padStart(6, '0')}` : null,
		FirstName: p.first,
		LastName: p.last,
		Email: p.email,
		Status: i % 5 === 4 ? 'Invited' : 'Active',
		LastActivity: i % 5 === 4 ? null : isoAt(i, 2).replace('+00:00', 'Z'),
		Folders: i % 3 === 0 ? [] : [FOF_FOLDERS[i % 2]],
		Groups: FOF_GROUPS.filter((_, g) => (i >> g) & 1),
		WebsiteRole: i % 11 === 0 ? 'Admin' : i % 3 === 0 ? 'User' : null,
		Type: i % 4 === 0 ? 'Premium' : 'Standard',
		TimeZone: TIMEZONES[i % TIMEZONES.length],
		Country: null,
		UserDevices: [],
	};
}

// ---------------------------------------------------------------------------------------
// XML

function xmlEscape(s) {
	return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);
}

/**
 * Object -> XML element. opts: nil (write i:nil="true" for null), sort (alphabetical
 * children, as .NET DataContract writes them), item(name, value) -> element name of an
 * array's items, guidArrays (write string arrays the DataContract way).
 */
function toXml(name, value, opts = {}) {
	if (value === null || value === undefined) return opts.nil ? `<${name} i:nil="true"/>` : `<${name}/>`;
	if (Array.isArray(value)) {
		if (opts.guidArrays && value.every((v) => typeof v === 'string')) {
			return `<${name} xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">${value.map((v) => `<d2p1:guid>${xmlEscape(v)}</d2p1:guid>`).join('')}</${name}>`;
		}
		const itemName = opts.item ? opts.item(name, value) : 'item';
		return `<${name}>${value.map((v) => toXml(itemName, v, opts)).join('')}</${name}>`;
	}
	if (typeof value === 'object') {
		let keys = Object.keys(value).filter((k) => !k.startsWith('$'));
		if (opts.sort) keys = keys.sort();
		return `<${name}>${keys.map((k) => toXml(k, value[k], opts)).join('')}</${name}>`;
	}
	return `<${name}>${xmlEscape(value)}</${name}>`;
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const XSI = 'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"';

function withRootAttrs(xml, attrs) {
	return xml.replace(/^<([A-Za-z_][\w.-]*)/, `<$1 ${attrs}`);
}

let xmlParser;
function parseXml(text) {
	if (!xmlParser) {
		const { XMLParser } = require('fast-xml-parser');
		xmlParser = new XMLParser({
			ignoreAttributes: true,
			removeNSPrefix: true,
			parseTagValue: false,
			trimValues: true,
			processEntities: true,
			isArray: (name) => ['Folders', 'Groups', 'guid', 'string'].includes(name),
		});
	}
	return xmlParser.parse(text);
}

// ---------------------------------------------------------------------------------------
// HTTP plumbing

class HttpError extends Error {
	constructor(status, body, headers = {}) {
		super(`HTTP ${status}`);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

function readBody(req, limit = 20 * 1024 * 1024) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > limit) {
				reject(new HttpError(413, 'Payload Too Large'));
				req.destroy();
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function contentTypeOf(req) {
	return String(req.headers['content-type'] || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
}

function wantsXml(req) {
	const accept = String(req.headers.accept || '').toLowerCase();
	return /(application|text)\/xml/.test(accept) && !/application\/(json|vnd\.api\+json)/.test(accept.split(',')[0]);
}

/** Query parameter look-up, optionally case-insensitive (ASP.NET and ServiceStack are). */
function queryGetter(searchParams, caseInsensitive) {
	if (!caseInsensitive) return (k) => searchParams.get(k);
	const lower = new Map();
	for (const [k, v] of searchParams) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), v);
	return (k) => (lower.has(k.toLowerCase()) ? lower.get(k.toLowerCase()) : null);
}

function intParam(v, dflt) {
	if (v === null || v === undefined || v === '') return dflt;
	const n = Number(v);
	return Number.isInteger(n) ? n : NaN;
}

// ---------------------------------------------------------------------------------------
// the server

function createStandin(options = {}) {
	const cfg = configFromEnv(options);
	const creds = cfg.credentials;
	let state;
	let stats;

	function resetStats() {
		stats = { startedAt: new Date().toISOString(), total: 0, vendors: {} };
		for (const v of ['pcRecruiter', 'recrubo', 'highQ', 'hcss', 'formsOnFire', 'other']) {
			// inFlight: requests being answered now; peakInFlight: the most at once since the stats were reset
			stats.vendors[v] = { requests: 0, byRoute: {}, byStatus: {}, logins: 0, tokens: 0, authFailures: 0, inFlight: 0, peakInFlight: 0 };
		}
	}

	function reset(users = cfg.users) {
		cfg.users = users;
		state = {
			// built lazily, on a vendor's first request
			pcr: null,
			recrubo: null,
			highq: null,
			hcss: null,
			fof: null,
			pcrSessions: new Map(), // SessionId -> { user, lastUsed }
			tokens: new Map(), // access token -> { vendor, exp, scope }
			refreshTokens: new Map([[creds.highQ.refreshToken, true]]), // HighQ refresh token -> true
			highqCodes: new Map(), // authorization code -> redirect_uri
			nextHighqId: 0,
			cache: new Map(),
			throttle: new Map(), // vendor -> { left, retryAfter }: POST /__throttle
		};
		resetStats();
	}
	reset(cfg.users);

	const requestLog = [];
	const LOG_MAX = 500;

	function col(name) {
		if (state[name]) return state[name];
		const n = cfg.users;
		const t0 = Date.now();
		let c;
		if (name === 'pcr') c = new Collection(pcrUsers(n), 'UserName');
		else if (name === 'recrubo') c = new Collection(Array.from({ length: n }, (_, i) => recruboUser(i)), 'id');
		else if (name === 'highq') {
			c = new Collection(Array.from({ length: n }, (_, i) => highqUser(i)), 'id');
			state.nextHighqId = n + 1;
		} else if (name === 'hcss') c = new Collection(Array.from({ length: n }, (_, i) => hcssUser(i)), 'id');
		else if (name === 'fof') c = new Collection(Array.from({ length: n }, (_, i) => fofUser(i, creds.formsOnFire.CompanyId)), 'Id');
		if (Date.now() - t0 > 200) process.stderr.write(`standin: generated ${n} ${name} users in ${Date.now() - t0} ms\n`);
		state[name] = c;
		return c;
	}

	/** Filter/sort results cached per collection version and query (paging many pages stays cheap). */
	function cached(colName, key, compute) {
		const c = col(colName);
		const k = `${colName}|${key}`;
		const hit = state.cache.get(k);
		if (hit && hit.version === c.version) return hit.value;
		const value = compute(c.items);
		if (state.cache.size > 200) state.cache.clear();
		state.cache.set(k, { version: c.version, value });
		return value;
	}

	function count(vendor, route, status) {
		const s = stats.vendors[vendor];
		stats.total++;
		s.requests++;
		s.byRoute[route] = (s.byRoute[route] || 0) + 1;
		s.byStatus[status] = (s.byStatus[status] || 0) + 1;
	}

	// --- responders ---

	function send(ctx, status, body, contentType, extraHeaders = {}) {
		const { res, req } = ctx;
		let buf = body === undefined || body === null ? null : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
		const headers = { ...extraHeaders };
		if (buf) headers['Content-Type'] = contentType || 'application/json; charset=utf-8';
		if (buf && ctx.gzip && cfg.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] || '')) && buf.length > 1024) {
			buf = zlib.gzipSync(buf, { level: 1 });
			headers['Content-Encoding'] = 'gzip';
			headers['Vary'] = 'Accept-Encoding';
		}
		headers['Content-Length'] = buf ? buf.length : 0;
		ctx.status = status;
		res.writeHead(status, headers);
		res.end(buf || undefined);
	}
	const json = (ctx, status, body, type = 'application/json; charset=utf-8', h) => send(ctx, status, body, type, h);
	const xml = (ctx, status, text, h) => send(ctx, status, `${XML_DECL}\n${text}`, 'application/xml; charset=utf-8', h);

	// =====================================================================================
	// PCRecruiter  /pcr/rest/api/...

	const pcrXml = (name, v) =>
		({ Results: v.length && 'EmailAddress' in (v[0] || {}) ? 'User' : v.length && 'description' in (v[0] || {}) ? 'EmailAlias' : 'User', Teams: 'Team' })[name] || 'item';

	function pcrSend(ctx, status, body, root) {
		if (wantsXml(ctx.req)) {
			return xml(ctx, status, withRootAttrs(toXml(root, body, { nil: true, sort: true, item: pcrXml }), XSI));
		}
		return json(ctx, status, body);
	}

	function pcrError(ctx, status, message) {
		throw new HttpError(status, { Message: message }, { _pcr: true });
	}

	function pcrView(u, withTeams) {
		const { Teams, ...rest } = u;
		return withTeams ? { ...rest, Teams: Teams.map((t) => ({ ...t })) } : rest;
	}

	async function pcrecruiter(ctx) {
		ctx.gzip = true;
		const q = queryGetter(ctx.url.searchParams, true);
		const segs = ctx.segs.map((s) => s.toLowerCase());
		const route = (r) => (ctx.route = r);
		if (segs[0] === 'access-token' && segs.length === 1) {
			if (ctx.method === 'POST') {
				route('POST /access-token');
				stats.vendors.pcRecruiter.logins++;
				const b = ctx.body || {};
				const get = (k) => {
					const hit = Object.keys(b).find((x) => x.toLowerCase() === k.toLowerCase());
					return hit === undefined ? undefined : b[hit];
				};
				const want = creds.pcRecruiter;
				const ok = ['Username', 'Password', 'DatabaseId', 'ApiKey', 'AppId'].every((k) =>
					k === 'Username' || k === 'DatabaseId' ? String(get(k) || '').toLowerCase() === want[k].toLowerCase() : get(k) === want[k],
				);
				if (!ok) {
					stats.vendors.pcRecruiter.authFailures++;
					return pcrError(ctx, 401, 'Invalid login: check the user name, password, database, API key and app id.');
				}
				const SessionId = crypto.randomBytes(24).toString('base64url');
				state.pcrSessions.set(SessionId, { user: want.Username.toUpperCase(), lastUsed: Date.now() });
				return pcrSend(ctx, 200, { SessionId }, 'AccessTokenResponse');
			}
			if (ctx.method === 'DELETE') {
				route('DELETE /access-token');
				state.pcrSessions.delete(pcrSession(ctx).id);
				return send(ctx, 204);
			}
			route(`${ctx.method} /access-token`);
			return pcrError(ctx, 405, "The requested resource does not support http method '" + ctx.method + "'.");
		}
		const session = pcrSession(ctx);
		if (segs[0] !== 'users') {
			route(`${ctx.method} /${segs[0] || ''}`);
			return pcrError(ctx, 404, `No HTTP resource was found that matches the request URI '${ctx.url.pathname}'.`);
		}
		if (ctx.method !== 'GET') {
			route(`${ctx.method} /users`);
			return pcrError(ctx, 405, "The requested resource does not support http method '" + ctx.method + "'.");
		}
		const users = col('pcr');
		if (segs.length === 1) {
			route('GET /users');
			const fields = (q('Fields') || '').split(',').map((f) => f.trim().toLowerCase());
			const withTeams = fields.includes('teams');
			const all = users.items;
			let page = all;
			const pageParam = q('Page');
			const sizeParam = q('ResultsPerPage');
			if (cfg.pcrPaging && (pageParam !== null || sizeParam !== null)) {
				const p = intParam(pageParam, 1);
				const size = intParam(sizeParam, 100);
				if (!(p >= 1) || !(size >= 1)) return pcrError(ctx, 400, 'Page and ResultsPerPage must be positive integers.');
				page = all.slice((p - 1) * size, (p - 1) * size + Math.min(size, 500));
			}
			return pcrSend(ctx, 200, { TotalRecords: all.length, Results: page.map((u) => pcrView(u, withTeams)) }, 'UserResults');
		}
		if (segs.length === 2 && segs[1] === 'emailaliases') {
			route('GET /users/EmailAliases');
			const me = users.get(session.user);
			const name = me ? me.FullName : session.user;
			const local = session.user.toLowerCase();
			return pcrSend(
				ctx,
				200,
				{
					Results: [
						{ description: 'Primary Email', email: (me && me.EmailAddress) || `${local}@standin.example`, name },
						{ description: 'Secondary Email', email: `${local}.alias@standin.example`, name },
					],
				},
				'EmailAliasResults',
			);
		}
		if (segs.length === 2) {
			route('GET /users/{UserName}');
			const u = users.get(ctx.segs[1]);
			if (!u) return pcrError(ctx, 404, `User '${ctx.segs[1]}' was not found.`);
			const fields = (q('Fields') || '').split(',').map((f) => f.trim().toLowerCase());
			return pcrSend(ctx, 200, pcrView(u, fields.includes('teams')), 'User');
		}
		route('GET /users/*');
		return pcrError(ctx, 404, `No HTTP resource was found that matches the request URI '${ctx.url.pathname}'.`);
	}

	function pcrSession(ctx) {
		const m = /^bearer\s+(.+)$/i.exec(String(ctx.req.headers.authorization || ''));
		const s = m && state.pcrSessions.get(m[1].trim());
		if (!s || Date.now() - s.lastUsed > cfg.pcrSessionTtl * 1000) {
			if (s) state.pcrSessions.delete(m[1].trim());
			stats.vendors.pcRecruiter.authFailures++;
			if (!ctx.route) ctx.route = `${ctx.method} /${ctx.segs.join('/')}`.replace(/\/users\/[^/]+$/i, '/users/{UserName}');
			pcrError(ctx, 401, 'Authorization has been denied for this request.');
		}
		s.lastUsed = Date.now();
		return { id: m[1].trim(), ...s };
	}

	// =====================================================================================
	// Recrubo  /recrubo/public/v2/...

	const JSONAPI = 'application/vnd.api+json';
	const RECRUBO_ATTRS = ['firstName', 'lastName', 'fullName', 'email', 'phone', 'timeZone', 'externalId', 'createdAt', 'updatedAt'];
	const RECRUBO_WRITABLE = ['firstName', 'lastName', 'email', 'phone', 'timeZone', 'externalId'];

	function recruboError(status, title, detail, source) {
		const e = { status: String(status), title };
		if (detail) e.detail = detail;
		if (source) e.source = source;
		throw new HttpError(status, { errors: [e] }, { _type: JSONAPI });
	}

	function recruboResource(u) {
		return {
			id: u.id,
			type: 'users',
			attributes: { ...u.attributes },
			relationships: { candidates: { links: { related: `/public/v2/candidates?filter[userId]=${u.id}` } } },
		};
	}

	function recruboMatch(value, op, arg) {
		if (value === null || value === undefined) return false;
		const v = String(value);
		const a = String(arg);
		const list = a.split(',');
		switch (op) {
			case 'eq':
				return list.includes(v);
			case 'eql':
				return list.some((x) => x.toLowerCase() === v.toLowerCase());
			case 'prefix':
				return v.toLowerCase().startsWith(a.toLowerCase());
			case 'suffix':
				return v.toLowerCase().endsWith(a.toLowerCase());
			case 'match':
				return v.toLowerCase().includes(a.toLowerCase());
			case 'gt':
				return v > a;
			case 'gte':
				return v >= a;
			case 'lt':
				return v < a;
			case 'lte':
				return v <= a;
			default:
				return false;
		}
	}

	async function recrubo(ctx) {
		const auth = String(ctx.req.headers.authorization || '').trim();
		const key = auth.replace(/^bearer\s+/i, '');
		if (ctx.segs[0] === 'users') ctx.route = `${ctx.method} /users${ctx.segs.length > 1 ? '/{id}' : ''}`;
		else ctx.route = `${ctx.method} /${ctx.segs.join('/')}`;
		if (!key || key !== creds.recrubo.apiKey) {
			stats.vendors.recrubo.authFailures++;
			recruboError(401, 'access denied', 'A valid API key is required in the Authorization header.');
		}
		if (ctx.segs[0] !== 'users' || ctx.segs.length > 2) recruboError(404, 'Not found', `No route matches ${ctx.method} ${ctx.url.pathname}`);
		const users = col('recrubo');
		const id = ctx.segs[1];
		if (id === undefined) {
			if (ctx.method === 'GET') return recruboList(ctx, users);
			if (ctx.method === 'POST') return recruboCreate(ctx, users);
			recruboError(405, 'Method not allowed');
		}
		const u = users.get(id);
		if (ctx.method === 'GET') {
			if (!u) recruboError(404, 'Record not found', `User ${id} does not exist.`);
			return json(ctx, 200, { data: recruboResource(u), meta: {} }, JSONAPI);
		}
		if (ctx.method === 'PATCH') {
			if (!u) recruboError(404, 'Record not found', `User ${id} does not exist.`);
			const attrs = recruboAttributes(ctx, false);
			Object.assign(u.attributes, attrs);
			u.attributes.fullName = `${u.attributes.firstName || ''} ${u.attributes.lastName || ''}`.trim();
			u.attributes.updatedAt = new Date().toISOString().replace(/\.\d+Z$/, '+00:00');
			const rel = ctx.body && ctx.body.data && ctx.body.data.relationships;
			if (rel && rel.candidates && Array.isArray(rel.candidates.data)) u.candidates = rel.candidates.data;
			users.touch();
			return send(ctx, 200);
		}
		if (ctx.method === 'DELETE') {
			if (!u) recruboError(404, 'Record not found', `User ${id} does not exist.`);
			users.remove(u);
			return send(ctx, 204);
		}
		recruboError(405, 'Method not allowed');
	}

	function recruboAttributes(ctx, creating) {
		const b = ctx.body;
		if (!b || typeof b !== 'object' || !b.data || typeof b.data !== 'object') {
			recruboError(400, 'Invalid request body', 'The body must be a JSON:API document with a top-level "data" object.', { pointer: '/data' });
		}
		if (b.data.type !== undefined && b.data.type !== 'users') recruboError(409, 'Type mismatch', `Expected type "users", got "${b.data.type}".`, { pointer: '/data/type' });
		const a = b.data.attributes || {};
		const errors = [];
		for (const k of Object.keys(a)) {
			if (!RECRUBO_WRITABLE.includes(k)) errors.push({ status: '422', title: 'Invalid attribute', detail: `${k} is not a writable attribute.`, source: { pointer: `/data/attributes/${k}` } });
		}
		if (creating) {
			for (const k of ['firstName', 'lastName']) {
				if (!a[k]) errors.push({ status: '422', title: "can't be blank", detail: `${k} can't be blank`, source: { pointer: `/data/attributes/${k}` } });
			}
		}
		if (a.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a.email)) {
			errors.push({ status: '422', title: 'is invalid', detail: 'email is invalid', source: { pointer: '/data/attributes/email' } });
		}
		if (a.timeZone && !/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/.test(a.timeZone)) {
			errors.push({ status: '422', title: 'is invalid', detail: 'timeZone must be an IANA time zone', source: { pointer: '/data/attributes/timeZone' } });
		}
		if (errors.length) throw new HttpError(422, { errors }, { _type: JSONAPI });
		const out = {};
		for (const k of RECRUBO_WRITABLE) if (k in a) out[k] = a[k];
		return out;
	}

	function recruboCreate(ctx, users) {
		const attrs = recruboAttributes(ctx, true);
		const now = new Date().toISOString().replace(/\.\d+Z$/, '+00:00');
		const u = {
			id: randomUuid(),
			attributes: {
				createdAt: now,
				updatedAt: now,
				firstName: attrs.firstName,
				lastName: attrs.lastName,
				email: attrs.email ?? null,
				fullName: `${attrs.firstName} ${attrs.lastName}`,
				phone: attrs.phone ?? null,
				timeZone: attrs.timeZone ?? 'Europe/Amsterdam',
				externalId: attrs.externalId ?? null,
			},
			candidates: [],
		};
		users.add(u);
		return json(ctx, 201, { data: recruboResource(u), meta: {} }, JSONAPI);
	}

	function recruboList(ctx, users) {
		const sp = ctx.url.searchParams;
		const filters = [];
		let number = 1;
		let size = 25;
		let sort = null;
		for (const [k, v] of sp) {
			let m;
			if (k === 'page[number]') number = intParam(v, 1);
			else if (k === 'page[size]') size = intParam(v, 25);
			else if (k === 'sort') sort = v;
			else if (k === 'include') continue;
			else if ((m = /^filter\[(\w+)\](?:\[(\w+)\])?$/.exec(k))) {
				const field = m[1];
				const op = m[2] || 'eq';
				if (field !== 'id' && !RECRUBO_ATTRS.includes(field)) recruboError(400, 'Invalid filter', `${field} is not a filterable attribute.`, { parameter: k });
				if (!['eq', 'eql', 'prefix', 'suffix', 'gt', 'gte', 'lt', 'lte', 'match'].includes(op)) recruboError(400, 'Invalid filter operator', `${op} is not a filter operator.`, { parameter: k });
				filters.push([field, op, v]);
			} else if (k.startsWith('page[') || k.startsWith('filter')) {
				recruboError(400, 'Invalid query parameter', `${k} is not supported.`, { parameter: k });
			}
		}
		if (!(number >= 1)) recruboError(400, 'Invalid page number', 'page[number] must be a positive integer.', { parameter: 'page[number]' });
		if (!(size >= 1)) recruboError(400, 'Invalid page size', 'page[size] must be a positive integer.', { parameter: 'page[size]' });
		size = Math.min(size, 200);
		const sortKeys = sort ? sort.split(',').map((s) => s.trim()) : [];
		for (const s of sortKeys) {
			const f = s.replace(/^-/, '');
			if (f !== 'id' && !RECRUBO_ATTRS.includes(f)) recruboError(400, 'Invalid sort', `${f} is not a sortable attribute.`, { parameter: 'sort' });
		}
		const matched = cached('recrubo', JSON.stringify([filters, sortKeys]), (items) => {
			let out = filters.length
				? items.filter((u) => filters.every(([f, op, v]) => recruboMatch(f === 'id' ? u.id : u.attributes[f], op, v)))
				: items;
			if (sortKeys.length) {
				out = [...out].sort((x, y) => {
					for (const s of sortKeys) {
						const desc = s.startsWith('-');
						const f = s.replace(/^-/, '');
						const a = f === 'id' ? x.id : x.attributes[f];
						const b = f === 'id' ? y.id : y.attributes[f];
						if (a === b) continue;
						if (a === null || a === undefined) return 1;
						if (b === null || b === undefined) return -1;
						return (a < b ? -1 : 1) * (desc ? -1 : 1);
					}
					return 0;
				});
			}
			return out;
		});
		const page = matched.slice((number - 1) * size, number * size);
		return json(
			ctx,
			200,
			{
				data: page.map(recruboResource),
				meta: { total: matched.length, totalUnfiltered: users.items.length, currentSize: size, currentPage: number, maxPage: Math.max(1, Math.ceil(matched.length / size)) },
			},
			JSONAPI,
		);
	}

	// =====================================================================================
	// HighQ Publisher  /highq/<context>/api/2/...   (+ OAuth2 at /highq/<context>/...)

	let highqErrorSeq = 0;
	function highqError(ctx, status, ref, summary) {
		const id = `${Date.now().toString(36)}${(++highqErrorSeq).toString(36)}`;
		const link = `${ctx.origin}/highq/${ctx.highqContext}/api/2/error/${id}`;
		// HighQ answers errors in XML whatever the client asked for
		throw new HttpError(
			status,
			`${XML_DECL}\n<error>\n    <summary>${xmlEscape(summary)}</summary>\n    <ref>${ref}</ref>\n    <link>${xmlEscape(link)}</link>\n</error>`,
			{ _type: 'application/xml; charset=utf-8' },
		);
	}

	function highqView(u, fields) {
		const out = {};
		for (const k of Object.keys(u)) if (!k.startsWith('$')) out[k] = u[k];
		if (fields && fields.length && !fields.includes('all')) {
			// the docs' own example: fields=id,firstname,lastname,email (the names are parts of `name`)
			const picked = { id: out.id };
			for (const f of fields) {
				if (['firstname', 'lastname', 'title'].includes(f)) picked.name = { ...(picked.name || {}), [f]: out.name[f] };
				else if (f in out) picked[f] = JSON.parse(JSON.stringify(out[f]));
			}
			return picked;
		}
		return JSON.parse(JSON.stringify(out));
	}

	/** What HighQ's user list gives for a user when no `fields` are asked for: a user summary object. */
	function highqListSummary(ctx, u) {
		return { id: u.id, email: u.email, link: `${ctx.origin}/highq/${ctx.highqContext}/api/2/users/${u.id}` };
	}

	function highqSummary(u) {
		return { id: u.id, email: u.email, name: { ...u.name }, status: u.status };
	}

	function highqSendUser(ctx, status, user) {
		if (wantsXml(ctx.req)) return xml(ctx, status, toXml('user', user, { item: () => 'link' }));
		return json(ctx, status, { user });
	}

	function highqBody(ctx) {
		let b = ctx.body;
		if (ctx.bodyFormat === 'xml') b = b && (b.user || b);
		else if (b && typeof b === 'object' && b.user && typeof b.user === 'object') b = b.user;
		if (!b || typeof b !== 'object' || Array.isArray(b)) highqError(ctx, 400, 100, 'The request body must be a user object');
		return b;
	}

	function highqApplyBody(ctx, b, base) {
		const name = b.name && typeof b.name === 'object' ? b.name : {};
		const email = b.email !== undefined ? String(b.email).trim() : '';
		if (!email) highqError(ctx, 400, 101, 'Email address is required');
		if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) highqError(ctx, 400, 104, 'Invalid email address');
		const dup = col('highq').items.find((x) => x.email.toLowerCase() === email.toLowerCase() && (!base || x.id !== base.id));
		if (dup) highqError(ctx, 409, 102, 'A user with this email address already exists');
		const str = (v) => (v === undefined || v === null ? '' : typeof v === 'object' ? '' : String(v));
		return {
			id: base ? base.id : state.nextHighqId++,
			name: { firstname: str(name.firstname ?? b.firstname), lastname: str(name.lastname ?? b.lastname), title: str(name.title ?? b.title) },
			externalid: str(b.externalid),
			email,
			phone: str(b.phone),
			jobtitle: str(b.jobtitle),
			mobile: str(b.mobile),
			department: str(b.department),
			status: b.status ? String(b.status) : base ? base.status : 'active',
			organisation: b.organisation && typeof b.organisation === 'object' ? b.organisation : base ? base.organisation : { orgname: '', orgid: 0, orgaddressid: 0 },
			location: b.location && typeof b.location === 'object' ? b.location : {},
			$created: base ? base.$created : Date.now(),
			$modified: Date.now(),
		};
	}

	function highqFind(ctx, ident) {
		const users = col('highq');
		let u;
		if (/^\d+$/.test(ident)) u = users.get(ident);
		else if (ident.includes('@')) u = users.items.find((x) => x.email.toLowerCase() === ident.toLowerCase());
		else highqError(ctx, 400, 113, `Invalid user id format: ${ident}`);
		if (!u) highqError(ctx, 404, 108, 'The requested user does not exist');
		return u;
	}

	function highqDateRange(v) {
		if (!v) return null;
		const now = Date.now();
		const day = 86400_000;
		if (v === 'lastweek') return [now - 7 * day, now];
		if (v === 'lastmonth') return [now - 31 * day, now];
		if (v === 'lastyear') return [now - 366 * day, now];
		const m = /^(\d{4})(\d{2})(\d{2}),(\d{4})(\d{2})(\d{2})$/.exec(v);
		if (!m) return 'invalid';
		return [Date.UTC(+m[1], +m[2] - 1, +m[3]), Date.UTC(+m[4], +m[5] - 1, +m[6]) + day - 1];
	}

	async function highq(ctx) {
		const segs = ctx.segs;
		// OAuth2: authorise.action (redirects back with a code) and api/oauth2/token
		if (segs[0] === 'authorise.action' && ctx.method === 'GET') {
			ctx.route = 'GET /authorise.action';
			const q = ctx.url.searchParams;
			if (q.get('client_id') !== creds.highQ.clientId || !q.get('redirect_uri')) {
				return json(ctx, 400, { error: 'invalid_client' });
			}
			const code = crypto.randomBytes(12).toString('hex');
			state.highqCodes.set(code, q.get('redirect_uri'));
			const to = new URL(q.get('redirect_uri'));
			to.searchParams.set('code', code);
			if (q.get('state')) to.searchParams.set('state', q.get('state'));
			return send(ctx, 302, null, null, { Location: to.toString() });
		}
		if (segs[0] === 'api' && segs[1] === 'oauth2' && segs[2] === 'token') {
			ctx.route = `${ctx.method} /api/oauth2/token`;
			return highqToken(ctx);
		}
		if (segs[0] !== 'api' || segs[1] !== '2') {
			ctx.route = `${ctx.method} /${segs.join('/')}`;
			highqError(ctx, 404, 404, 'Resource not found');
		}
		const rest = segs.slice(2);
		ctx.route =
			rest[0] === 'users'
				? `${ctx.method} /api/2/users${rest.length > 1 ? '/{id}' : ''}${rest[2] ? `/${rest[2]}` : ''}`
				: `${ctx.method} /api/2/${rest.join('/')}`;
		const m = /^bearer\s+(.+)$/i.exec(String(ctx.req.headers.authorization || ''));
		const token = m && m[1].trim();
		const t = token && state.tokens.get(token);
		const valid = token && (token === creds.highQ.accessToken || (t && t.vendor === 'highQ' && t.exp > Date.now()));
		if (!valid) {
			stats.vendors.highQ.authFailures++;
			highqError(ctx, 401, 105, 'Invalid or expired access token');
		}
		if (rest[0] !== 'users') highqError(ctx, 404, 404, 'Resource not found');
		const users = col('highq');
		if (rest.length === 1) {
			if (ctx.method === 'GET') return highqList(ctx, users);
			if (ctx.method === 'POST') {
				const u = highqApplyBody(ctx, highqBody(ctx), null);
				users.add(u);
				return highqSendUser(ctx, 201, highqSummary(u));
			}
			highqError(ctx, 405, 405, `Method ${ctx.method} not allowed`);
		}
		const u = highqFind(ctx, rest[1]);
		if (rest.length === 2 && ctx.method === 'GET') {
			const fields = (ctx.url.searchParams.get('fields') || '').split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
			return highqSendUser(ctx, 200, highqView(u, fields));
		}
		if (rest.length === 2 && ctx.method === 'PUT') {
			const next = highqApplyBody(ctx, highqBody(ctx), u);
			Object.keys(u).forEach((k) => delete u[k]);
			Object.assign(u, next);
			users.touch();
			return highqSendUser(ctx, 200, highqSummary(u));
		}
		if (rest.length === 3 && rest[2] === 'archive' && ctx.method === 'POST') {
			u.status = 'archive';
			u.$modified = Date.now();
			users.touch();
			return highqSendUser(ctx, 200, highqSummary(u));
		}
		highqError(ctx, 405, 405, `Method ${ctx.method} not allowed`);
	}

	function highqList(ctx, users) {
		const q = ctx.url.searchParams;
		const limitRaw = intParam(q.get('limit'), 200);
		const offset = intParam(q.get('offset'), 0);
		if (!(limitRaw >= 1) || !(offset >= 0)) highqError(ctx, 400, 112, 'Invalid limit or offset');
		const limit = Math.min(limitRaw, 200);
		const list = (k) => (q.get(k) ? q.get(k).split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) : null);
		const status = q.get('status') ? q.get('status').toLowerCase() : null;
		if (status && !['active', 'archive', 'disable', 'suspended'].includes(status)) highqError(ctx, 400, 111, `Invalid status: ${status}`);
		const orgs = list('organisations');
		const depts = list('departments');
		const search = q.get('search') ? q.get('search').toLowerCase() : null;
		const created = highqDateRange(q.get('createddate'));
		const modified = highqDateRange(q.get('modifieddate'));
		if (created === 'invalid' || modified === 'invalid') highqError(ctx, 400, 114, 'Invalid date range');
		const sort = q.get('sort') || '';
		const sortField = sort.replace(/^-/, '').toLowerCase();
		// the documented sort fields only: firstname, lastname, email, status, organisation, invited,
		// last login, created, updated (the docs write "last login" and give no wire name: the
		// stand-in takes `lastlogin`, the element's name in HighQ's user summary XML); others are a 400
		const sortGet = {
			'': null,
			firstname: (u) => u.name.firstname.toLowerCase(),
			lastname: (u) => u.name.lastname.toLowerCase(),
			email: (u) => u.email.toLowerCase(),
			organisation: (u) => String(u.organisation?.orgname ?? '').toLowerCase(),
			status: (u) => u.status,
			invited: (u) => u.$invited ?? u.$created,
			lastlogin: (u) => u.$lastlogin ?? 0,
			created: (u) => u.$created,
			updated: (u) => u.$modified,
		}[sortField];
		if (sortGet === undefined) highqError(ctx, 400, 115, `Invalid sort field: ${sortField}`);
		const key = JSON.stringify([status, orgs, depts, search, q.get('createddate'), q.get('modifieddate'), sort]);
		const matched = cached('highq', key, (items) => {
			let out = items.filter(
				(u) =>
					(!status || u.status === status) &&
					(!orgs || orgs.includes(String(u.organisation.orgid)) || orgs.includes(String(u.organisation.orgname).toLowerCase())) &&
					(!depts || depts.includes(u.department.toLowerCase())) &&
					(!search || `${u.name.firstname} ${u.name.lastname} ${u.email}`.toLowerCase().includes(search)) &&
					(!created || (u.$created >= created[0] && u.$created <= created[1])) &&
					(!modified || (u.$modified >= modified[0] && u.$modified <= modified[1])),
			);
			if (sortGet) {
				const desc = sort.startsWith('-') ? -1 : 1;
				out = [...out].sort((a, b) => (sortGet(a) < sortGet(b) ? -desc : sortGet(a) > sortGet(b) ? desc : 0));
			}
			return out;
		});
		// no `fields`: a user summary object per user; `all`: the full user; a comma list: those fields
		const fields = (q.get('fields') || '').split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
		const page = matched.slice(offset, offset + limit).map((u) => (fields.length ? highqView(u, fields) : highqListSummary(ctx, u)));
		if (wantsXml(ctx.req)) return xml(ctx, 200, toXml('users', page, { item: (n) => (n === 'users' ? 'user' : 'link') }));
		const envelope = ctx.url.searchParams.get('__envelope') || cfg.highqEnvelope;
		const body = envelope === 'array' ? page : envelope === 'users' ? { users: page } : envelope === 'user' ? { user: page } : { users: { user: page } };
		return json(ctx, 200, body);
	}

	function highqToken(ctx) {
		if (ctx.method !== 'POST') return json(ctx, 405, { error: 'invalid_request' });
		const b = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
		const basic = basicAuth(ctx.req);
		const clientId = b.client_id || (basic && basic.user);
		const clientSecret = b.client_secret || (basic && basic.pass);
		if (clientId !== creds.highQ.clientId || clientSecret !== creds.highQ.clientSecret) {
			stats.vendors.highQ.authFailures++;
			return json(ctx, 401, { error: 'invalid_client' });
		}
		if (b.grant_type === 'authorization_code') {
			if (!state.highqCodes.has(b.code)) return json(ctx, 400, { error: 'invalid_grant' });
			state.highqCodes.delete(b.code);
		} else if (b.grant_type === 'refresh_token') {
			if (!state.refreshTokens.has(b.refresh_token)) return json(ctx, 400, { error: 'invalid_grant' });
			if (b.refresh_token !== creds.highQ.refreshToken) state.refreshTokens.delete(b.refresh_token);
		} else {
			return json(ctx, 400, { error: 'unsupported_grant_type' });
		}
		stats.vendors.highQ.tokens++;
		const access_token = crypto.randomBytes(24).toString('hex');
		const refresh_token = crypto.randomBytes(24).toString('hex');
		state.tokens.set(access_token, { vendor: 'highQ', exp: Date.now() + cfg.tokenTtl * 1000 });
		state.refreshTokens.set(refresh_token, true);
		return json(ctx, 200, { access_token, refresh_token, token_type: 'bearer', expires_in: cfg.tokenTtl });
	}

	// =====================================================================================
	// HCSS  /hcss/identity/connect/token, /hcss/users/api/v1/...

	function basicAuth(req) {
		const m = /^basic\s+(.+)$/i.exec(String(req.headers.authorization || ''));
		if (!m) return null;
		const s = Buffer.from(m[1], 'base64').toString('utf8');
		const i = s.indexOf(':');
		if (i < 0) return null;
		return { user: decodeURIComponent(s.slice(0, i).replace(/\+/g, ' ')), pass: decodeURIComponent(s.slice(i + 1).replace(/\+/g, ' ')) };
	}

	function hcssToken(ctx) {
		ctx.route = `${ctx.method} /identity/connect/token`;
		if (ctx.method !== 'POST') return json(ctx, 405, { error: 'invalid_request' });
		const b = ctx.bodyFormat === 'form' ? ctx.body : {};
		const basic = basicAuth(ctx.req);
		const clientId = b.client_id || (basic && basic.user);
		const clientSecret = b.client_secret || (basic && basic.pass);
		if (b.grant_type !== 'client_credentials') return json(ctx, 400, { error: 'unsupported_grant_type' });
		if (clientId !== creds.hcss.clientId || clientSecret !== creds.hcss.clientSecret) {
			stats.vendors.hcss.authFailures++;
			return json(ctx, 400, { error: 'invalid_client' });
		}
		stats.vendors.hcss.tokens++;
		const scope = String(b.scope || '').trim();
		const access_token = crypto.randomBytes(32).toString('base64url');
		state.tokens.set(access_token, { vendor: 'hcss', exp: Date.now() + cfg.tokenTtl * 1000, scope: scope ? scope.split(/\s+/) : null });
		const out = { access_token, token_type: 'Bearer', expires_in: cfg.tokenTtl };
		if (scope) out.scope = scope;
		return json(ctx, 200, out);
	}

	function traceId() {
		return `00-${crypto.randomBytes(16).toString('hex')}-${crypto.randomBytes(8).toString('hex')}-00`;
	}

	function hcssValidation(errors) {
		throw new HttpError(400, {
			type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
			title: 'One or more validation errors occurred.',
			status: 400,
			errors,
			traceId: traceId(),
		}, { _type: 'application/problem+json; charset=utf-8' });
	}

	function hcssProblem(status, title, detail) {
		const body = { type: `https://tools.ietf.org/html/rfc9110#section-15.5.${status === 404 ? 5 : 1}`, title, status, traceId: traceId() };
		if (detail) body.detail = detail;
		throw new HttpError(status, body, { _type: 'application/problem+json; charset=utf-8' });
	}

	const HCSS_FIELDS = ['userName', 'firstName', 'lastName', 'phoneNumber', 'email', 'contactMethod', 'userRole', 'subscriptionGroup', 'note', 'homeBusinessUnit', 'employeeCode', 'allowPhoneNumberLogin', 'excludeFromExternalAuthentication', 'businessUnitAccess', 'jobAccess'];

	function hcssValidate(next, creating, users, selfId) {
		const errors = {};
		const add = (f, msg) => (errors[f] = errors[f] || []).push(msg);
		if (creating) {
			for (const f of ['userName', 'firstName', 'lastName', 'contactMethod', 'userRole', 'homeBusinessUnit']) {
				if (next[f] === undefined || next[f] === null || next[f] === '') add(f[0].toUpperCase() + f.slice(1), `The ${f[0].toUpperCase() + f.slice(1)} field is required.`);
			}
		}
		if (next.contactMethod && !['Email', 'PhoneNumber'].includes(next.contactMethod)) add('ContactMethod', `The value '${next.contactMethod}' is not valid for ContactMethod.`);
		if (next.contactMethod === 'Email' && !next.email) add('Email', "Email is required when ContactMethod is 'Email'");
		if (next.contactMethod === 'PhoneNumber' && !next.phoneNumber) add('PhoneNumber', "PhoneNumber is required when ContactMethod is 'PhoneNumber'");
		if (next.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(next.email)) add('Email', "'Email' is not a valid email address.");
		for (const f of ['userRole', 'subscriptionGroup', 'homeBusinessUnit']) {
			if (next[f] && !UUID_RE.test(next[f])) add(f[0].toUpperCase() + f.slice(1), `The value '${next[f]}' is not valid.`);
		}
		if (next.userRole && UUID_RE.test(next.userRole) && !HCSS_ROLES.some((r) => r.id === next.userRole.toLowerCase())) add('UserRole', 'Role does not exist.');
		if (next.homeBusinessUnit && UUID_RE.test(next.homeBusinessUnit) && !HCSS_BUSINESS_UNITS.some((r) => r.id === next.homeBusinessUnit.toLowerCase())) add('HomeBusinessUnit', 'Business Unit does not exist.');
		const bua = next.businessUnitAccess;
		if (bua) {
			if (bua.type === 'SelectedBusinessUnits' && !(Array.isArray(bua.values) && bua.values.length)) add('BusinessUnitAccess.Values', "BusinessUnitAccess.Values should be a list of Business Unit Ids when BusinessUnitAccess.Type is 'SelectedBusinessUnits'");
			if (bua.type === 'AllBusinessUnits' && bua.values !== null && bua.values !== undefined) add('BusinessUnitAccess.Values', "BusinessUnitAccess.Values should be null when BusinessUnitAccess.Type is 'AllBusinessUnits'");
			if (!['SelectedBusinessUnits', 'AllBusinessUnits'].includes(bua.type)) add('BusinessUnitAccess.Type', `The value '${bua.type}' is not valid.`);
		}
		const ja = next.jobAccess;
		if (ja) {
			if (ja.type === 'AllJobs' && ja.values !== null && ja.values !== undefined) add('JobAccess.Values', "JobAccess.Values should be null when JobAccess.Type is 'AllJobs'");
			if (ja.type === 'SelectedJobTags') add('JobAccess.Type', "'SelectedJobTags' is not currently supported.");
			if (!['AllJobs', 'SelectedJobs', 'SelectedJobTags', 'NoJobs'].includes(ja.type)) add('JobAccess.Type', `The value '${ja.type}' is not valid.`);
		}
		if (next.userName) {
			const dup = users.items.find((u) => u.userName.toLowerCase() === String(next.userName).toLowerCase() && u.id !== selfId);
			if (dup) add('UserName', `A user with the user name '${next.userName}' already exists.`);
		}
		if (Object.keys(errors).length) hcssValidation(errors);
	}

	function hcssBody(ctx) {
		if (ctx.bodyError) hcssValidation({ $: [ctx.bodyError] });
		const b = ctx.body;
		if (!b || typeof b !== 'object' || Array.isArray(b)) hcssValidation({ '': ['A non-empty request body is required.'] });
		return b;
	}

	async function hcss(ctx) {
		const segs = ctx.segs;
		if (segs[0] === 'identity' && segs[1] === 'connect' && segs[2] === 'token' && segs.length === 3) return hcssToken(ctx);
		if (segs[0] !== 'users' || segs[1] !== 'api' || segs[2] !== 'v1') {
			ctx.route = `${ctx.method} /${segs.join('/')}`;
			hcssProblem(404, 'Not Found');
		}
		const rest = segs.slice(3);
		const r0 = (rest[0] || '').toLowerCase();
		ctx.route =
			r0 === 'users'
				? `${ctx.method} /users/api/v1/Users${rest[1] && rest[1].toLowerCase() === 'username' ? '/userName/{userName}' : rest[1] ? '/{id}' : ''}`
				: `${ctx.method} /users/api/v1/${rest.join('/')}`;
		const m = /^bearer\s+(.+)$/i.exec(String(ctx.req.headers.authorization || ''));
		const tok = m && state.tokens.get(m[1].trim());
		if (!tok || tok.vendor !== 'hcss' || tok.exp <= Date.now()) {
			stats.vendors.hcss.authFailures++;
			throw new HttpError(401, null, { 'WWW-Authenticate': tok ? 'Bearer error="invalid_token", error_description="The token expired"' : 'Bearer' });
		}
		if (creds.hcss.requiredScope && !(tok.scope === null || tok.scope.includes(creds.hcss.requiredScope))) {
			throw new HttpError(403, null);
		}
		const q = queryGetter(ctx.url.searchParams, true);
		if (r0 === 'roles' && rest.length === 1 && ctx.method === 'GET') return json(ctx, 200, HCSS_ROLES);
		if (r0 === 'subscriptiongroups' && rest.length === 1 && ctx.method === 'GET') return json(ctx, 200, HCSS_SUBSCRIPTION_GROUPS);
		if (r0 === 'businessunits' && rest.length === 1 && ctx.method === 'GET') return json(ctx, 200, HCSS_BUSINESS_UNITS);
		if (r0 === 'jobs' && (rest[1] || '').toLowerCase() === 'getjobsbybusinessunit' && ctx.method === 'GET') {
			const bu = (q('businessUnitId') || '').toLowerCase();
			return json(ctx, 200, HCSS_JOBS.filter((j) => !bu || j.businessUnitId === bu).map(({ id, code, description }) => ({ id, code, description })));
		}
		if (r0 !== 'users') hcssProblem(404, 'Not Found');
		const users = col('hcss');
		if (rest.length === 1) {
			if (ctx.method === 'GET') {
				const page = intParam(q('page'), 0);
				const pageSizeRaw = intParam(q('pageSize'), 50);
				const errors = {};
				if (!(page >= 0)) errors.page = [`The value '${q('page')}' is not valid.`];
				if (!(pageSizeRaw >= 1)) errors.pageSize = [`The value '${q('pageSize')}' is not valid.`];
				const bu = q('businessUnitId');
				if (bu && !UUID_RE.test(bu)) errors.businessUnitId = [`The value '${bu}' is not valid.`];
				if (Object.keys(errors).length) hcssValidation(errors);
				const pageSize = Math.min(pageSizeRaw, 1000);
				const matched = bu
					? cached('hcss', `bu:${bu.toLowerCase()}`, (items) =>
							items.filter((u) => u.homeBusinessUnit === bu.toLowerCase() || (u.businessUnitAccess.values || []).includes(bu.toLowerCase())),
						)
					: users.items;
				const items = matched.slice(page * pageSize, (page + 1) * pageSize).map((u) => ({ ...u }));
				const totalPages = Math.ceil(matched.length / pageSize);
				const envelope = ctx.url.searchParams.get('__envelope') || cfg.hcssEnvelope;
				if (envelope === 'array') return json(ctx, 200, items);
				if (envelope === 'results') return json(ctx, 200, { currentPage: page, totalPages, pageSize, totalCount: matched.length, results: items });
				return json(ctx, 200, { page, pageSize, totalRecords: matched.length, totalPages, items });
			}
			if (ctx.method === 'POST') {
				const b = hcssBody(ctx);
				const next = {};
				for (const f of HCSS_FIELDS) next[f] = b[f] === undefined ? null : b[f];
				hcssValidate(next, true, users, null);
				const u = {
					id: randomUuid(),
					...next,
					userRole: String(next.userRole).toLowerCase(),
					homeBusinessUnit: String(next.homeBusinessUnit).toLowerCase(),
					allowPhoneNumberLogin: next.allowPhoneNumberLogin ?? false,
					excludeFromExternalAuthentication: next.excludeFromExternalAuthentication ?? false,
					businessUnitAccess: next.businessUnitAccess || { type: 'AllBusinessUnits', values: null },
					jobAccess: next.jobAccess || { type: 'AllJobs', values: null },
				};
				users.add(u);
				return json(ctx, 201, { ...u }, undefined, { Location: `${ctx.origin}/hcss/users/api/v1/Users/${u.id}` });
			}
			hcssProblem(405, 'Method Not Allowed');
		}
		if (rest.length === 3 && rest[1].toLowerCase() === 'username' && ctx.method === 'GET') {
			const name = rest[2].toLowerCase();
			const u = users.items.find((x) => x.userName.toLowerCase() === name);
			if (!u) hcssProblem(404, 'Not Found', 'Could not find a user with matching username. Verify that the provided username is correct.');
			return json(ctx, 200, { ...u });
		}
		if (rest.length !== 2) hcssProblem(404, 'Not Found');
		const id = rest[1];
		if (!UUID_RE.test(id)) hcssValidation({ id: [`The value '${id}' is not valid.`] });
		const u = users.get(id);
		if (ctx.method === 'GET') {
			if (!u) hcssProblem(404, 'Not Found', 'User with id was not found. Verify that the id provided is correct.');
			return json(ctx, 200, { ...u });
		}
		if (ctx.method === 'PATCH') {
			const b = hcssBody(ctx);
			if (!u) hcssProblem(404, 'Not Found', 'Existing user with id was not found. Verify that the id provided is correct.');
			const next = { ...u };
			for (const f of HCSS_FIELDS) if (b[f] !== undefined && b[f] !== null) next[f] = b[f];
			hcssValidate(next, false, users, u.id);
			Object.assign(u, next);
			users.touch();
			return send(ctx, 204);
		}
		if (ctx.method === 'DELETE') {
			if (!u) hcssProblem(404, 'Not Found', 'User with id was not found. Verify that the id provided is correct.');
			users.remove(u);
			return send(ctx, 204);
		}
		hcssProblem(405, 'Method Not Allowed');
	}

	// =====================================================================================
	// Forms On Fire  /fof/api/v2/...

	/** ServiceStack JSON leaves out null properties. */
	function dropNulls(v) {
		if (Array.isArray(v)) return v.map(dropNulls);
		if (v && typeof v === 'object') {
			const out = {};
			for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = dropNulls(x);
			return out;
		}
		return v;
	}

	const fofItem = (name) => ({ Users: 'User', Errors: 'ResponseError', UserDevices: 'UserDevice' })[name] || 'string';

	function fofSend(ctx, status, root, body) {
		if (ctx.fofFormat === 'xml') {
			const full = { ...body };
			if (!('ResponseStatus' in full)) full.ResponseStatus = null;
			return xml(ctx, status, withRootAttrs(toXml(root, full, { nil: true, sort: true, item: fofItem, guidArrays: true }), XSI));
		}
		return json(ctx, status, dropNulls(body));
	}

	function fofStatus(errorCode, message, errors = []) {
		return { ErrorCode: errorCode, Message: message, Errors: errors };
	}

	function fofFail(ctx, httpStatus, root, rs, extra = {}) {
		const e = new HttpError(httpStatus, null);
		e.fof = { root, body: { ...extra, ResponseStatus: rs } };
		throw e;
	}

	function fofView(u) {
		const { Password, IntegrationKey, $deleted, ...rest } = u; // eslint-disable-line no-unused-vars
		return { ...rest, Folders: [...rest.Folders], Groups: [...rest.Groups], UserDevices: [...rest.UserDevices] };
	}

	function fofFromXmlBody(b) {
		// <User xmlns:i=...><CompanyId>..</CompanyId>...</User> or <UserRequest>...
		const root = b && typeof b === 'object' ? b[Object.keys(b).find((k) => k !== '?xml')] : null;
		if (!root || typeof root !== 'object') return {};
		const out = { ...root };
		for (const k of ['Folders', 'Groups']) {
			if (out[k] !== undefined) {
				const v = out[k];
				const first = Array.isArray(v) ? v[0] : v;
				const items = first && typeof first === 'object' ? first.guid || first.string || [] : [];
				out[k] = (Array.isArray(items) ? items : [items]).map(String);
			}
		}
		for (const k of ['DoNotEmail', 'ResetPassword']) if (typeof out[k] === 'string') out[k] = out[k] === 'true';
		return out;
	}

	async function formsOnFire(ctx) {
		const q = queryGetter(ctx.url.searchParams, true);
		const fmt = (q('format') || '').toLowerCase();
		ctx.fofFormat = fmt === 'xml' || (!fmt && wantsXml(ctx.req)) ? 'xml' : 'json';
		const segs = ctx.segs.map((s) => s.toLowerCase());
		ctx.route = `${ctx.method} /${segs.join('/')}`;
		const root = segs[1] === 'search' ? 'UserSearchResponse' : 'UserResponse';
		if (fmt && fmt !== 'json' && fmt !== 'xml') {
			fofFail(ctx, 400, root, fofStatus('InvalidFormat', `Unknown format '${fmt}': use json or xml.`));
		}
		if (segs[0] !== 'user' || segs.length > 2 || (segs.length === 2 && segs[1] !== 'search')) {
			fofFail(ctx, 404, 'ErrorResponse', fofStatus('NotFound', `Handler for Request not found: ${ctx.method} ${ctx.url.pathname}`));
		}
		let body = {};
		if (ctx.method === 'POST') {
			if (ctx.bodyError) fofFail(ctx, 400, root, fofStatus('SerializationException', ctx.bodyError));
			body = ctx.bodyFormat === 'xml' ? fofFromXmlBody(ctx.body) : ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
		}
		const bodyGet = (k) => {
			const hit = Object.keys(body).find((x) => x.toLowerCase() === k.toLowerCase());
			return hit === undefined ? null : body[hit];
		};
		// ServiceStack binds the query string and the body into one request DTO
		const arg = (k) => (bodyGet(k) !== null && bodyGet(k) !== undefined ? bodyGet(k) : q(k));
		const companyId = arg('CompanyId');
		const integrationKey = arg('IntegrationKey');
		if (String(companyId) !== String(creds.formsOnFire.CompanyId) || integrationKey !== creds.formsOnFire.IntegrationKey) {
			stats.vendors.formsOnFire.authFailures++;
			// a wrong key is answered with HTTP 200 and an error in ResponseStatus
			fofFail(ctx, 200, root, fofStatus('Unauthorized', 'Invalid CompanyId or IntegrationKey.'), root === 'UserSearchResponse' ? { Users: [], TotalRows: 0 } : { User: null });
		}
		const users = col('fof');
		if (segs.length === 2) {
			if (ctx.method !== 'GET') fofFail(ctx, 405, root, fofStatus('MethodNotAllowed', `${ctx.method} is not supported on /user/search.`));
			const name = q('Name');
			const email = q('Email');
			const externalId = q('ExternalId');
			if (!name && !email && !externalId) {
				fofFail(ctx, 400, root, fofStatus('ValidationException', 'At least one of Name, Email or ExternalId is required.', [
					{ ErrorCode: 'NotEmpty', FieldName: 'Name', Message: 'At least one of Name, Email or ExternalId is required.' },
				]));
			}
			const pageNo = intParam(q('PageNo'), 0);
			const pageSizeRaw = intParam(q('PageSize'), 250);
			if (!(pageNo >= 0) || !(pageSizeRaw >= 1)) {
				fofFail(ctx, 400, root, fofStatus('ValidationException', 'PageNo must be >= 0 and PageSize >= 1.', [
					{ ErrorCode: 'GreaterThanOrEqual', FieldName: !(pageNo >= 0) ? 'PageNo' : 'PageSize', Message: 'Invalid paging value.' },
				]));
			}
			const pageSize = Math.min(pageSizeRaw, 250);
			const status = q('Status');
			const key = JSON.stringify([name, email, externalId, status]);
			const matched = cached('fof', key, (items) =>
				items.filter((u) => {
					if (u.$deleted) return false;
					if (status && u.Status.toLowerCase() !== status.toLowerCase()) return false;
					const has = (field, v) => v && field && field.toLowerCase().includes(v.toLowerCase());
					// the criteria given are alternatives: a user matching any of them is returned
					return has(`${u.FirstName} ${u.LastName}`, name) || has(u.Email, email) || has(u.ExternalId, externalId);
				}),
			);
			const page = matched.slice(pageNo * pageSize, (pageNo + 1) * pageSize).map(fofView);
			return fofSend(ctx, 200, root, { Users: page, TotalRows: matched.length });
		}
		if (ctx.method === 'GET' || ctx.method === 'DELETE') {
			const id = q('Id');
			const email = q('Email');
			let u;
			if (id) {
				if (!UUID_RE.test(id)) fofFail(ctx, 400, root, fofStatus('InvalidId', `'${id}' is not a valid GUID.`, [{ ErrorCode: 'InvalidId', FieldName: 'Id', Message: 'Id must be a GUID.' }]), { User: null });
				u = users.get(id);
			} else if (email && ctx.method === 'GET') {
				u = users.items.find((x) => !x.$deleted && x.Email.toLowerCase() === email.toLowerCase());
			} else {
				fofFail(ctx, 400, root, fofStatus('ValidationException', 'Id is required.', [{ ErrorCode: 'NotEmpty', FieldName: 'Id', Message: "'Id' must not be empty." }]), { User: null });
			}
			if (!u || u.$deleted) {
				fofFail(ctx, ctx.method === 'DELETE' ? 400 : 404, root, fofStatus('NotFound', 'User not found.'), { User: null });
			}
			if (ctx.method === 'DELETE') {
				users.remove(u);
				return fofSend(ctx, 200, root, { User: fofView(u) });
			}
			return fofSend(ctx, 200, root, { User: fofView(u) });
		}
		if (ctx.method === 'POST') {
			const errors = [];
			for (const f of ['FirstName', 'LastName', 'Email']) {
				if (!bodyGet(f)) errors.push({ ErrorCode: 'NotEmpty', FieldName: f, Message: `'${f.replace(/([a-z])([A-Z])/g, '$1 $2')}' must not be empty.` });
			}
			const email = bodyGet('Email');
			if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors.push({ ErrorCode: 'Email', FieldName: 'Email', Message: "'Email' is not a valid email address." });
			const type = bodyGet('Type');
			if (type && !['Standard', 'Premium', 'Lite', 'Full'].includes(type)) errors.push({ ErrorCode: 'Enum', FieldName: 'Type', Message: `'${type}' is not a valid user type.` });
			const role = bodyGet('WebsiteRole');
			if (role && !['ReadOnly', 'User', 'Admin', 'EnterpriseAdmin', 'VendorAdmin', 'SuperAdmin'].includes(role)) errors.push({ ErrorCode: 'Enum', FieldName: 'WebsiteRole', Message: `'${role}' is not a valid website role.` });
			if (errors.length) fofFail(ctx, 400, root, fofStatus(errors[0].ErrorCode, errors[0].Message, errors), { User: null });
			if (users.items.some((x) => !x.$deleted && x.Email.toLowerCase() === String(email).toLowerCase())) {
				fofFail(ctx, 400, root, fofStatus('DuplicateEmail', `A user with email ${email} already exists.`, [{ ErrorCode: 'DuplicateEmail', FieldName: 'Email', Message: 'Email is already in use.' }]), { User: null });
			}
			const arr = (v) => (Array.isArray(v) ? v.map(String) : []);
			const u = {
				Id: randomUuid(),
				CompanyId: Number(creds.formsOnFire.CompanyId),
				ExternalId: bodyGet('ExternalId') || null,
				FirstName: String(bodyGet('FirstName')),
				LastName: String(bodyGet('LastName')),
				Email: String(email),
				Status: bodyGet('DoNotEmail') === true ? 'Active' : 'Invited',
				LastActivity: null,
				Folders: arr(bodyGet('Folders')),
				Groups: arr(bodyGet('Groups')),
				WebsiteRole: role || null,
				Type: type || 'Standard',
				TimeZone: bodyGet('TimeZone') || null,
				Country: bodyGet('Country') || null,
				UserDevices: [],
			};
			users.add(u);
			return fofSend(ctx, 200, root, { User: fofView(u) });
		}
		fofFail(ctx, 405, root, fofStatus('MethodNotAllowed', `${ctx.method} is not supported on /user.`));
	}

	// =====================================================================================
	// routing

	const VENDORS = [
		{ prefix: ['pcr', 'rest', 'api'], name: 'pcRecruiter', handler: pcrecruiter, ci: true },
		{ prefix: ['recrubo', 'public', 'v2'], name: 'recrubo', handler: recrubo },
		{ prefix: ['highq', '*'], name: 'highQ', handler: highq },
		{ prefix: ['hcss'], name: 'hcss', handler: hcss },
		{ prefix: ['fof', 'api', 'v2'], name: 'formsOnFire', handler: formsOnFire, ci: true },
	];

	/**
	 * A throttled vendor's request (POST /__throttle) answers 429 with Retry-After, in that
	 * vendor's error format; logins and token requests pass, as they are not what is throttled.
	 */
	const TOO_MANY = {
		pcRecruiter: (ctx) => pcrError(ctx, 429, 'Too many requests: try again later.'),
		recrubo: () => recruboError(429, 'Too Many Requests', 'Rate limit exceeded: try again later.'),
		highQ: (ctx) => highqError(ctx, 429, 429, 'Too many requests: try again later.'),
		hcss: () => hcssProblem(429, 'Too Many Requests', 'Rate limit exceeded: try again later.'),
		formsOnFire: (ctx) => fofFail(ctx, 429, 'ErrorResponse', fofStatus('TooManyRequests', 'Too many requests: try again later.')),
	};

	function throttle(ctx, vendor) {
		const t = state.throttle.get(vendor);
		const s = ctx.segs;
		const login = s[0] === 'access-token' || s[0] === 'identity' || s[0] === 'authorise.action' || (s[0] === 'api' && s[1] === 'oauth2');
		if (!t || t.left <= 0 || login) return;
		t.left--;
		ctx.res.setHeader('Retry-After', t.retryAfter);
		TOO_MANY[vendor](ctx);
	}

	function renderError(ctx, vendor, err) {
		if (!(err instanceof HttpError)) {
			process.stderr.write(`standin: ${vendor} ${ctx.method} ${ctx.url.pathname}: ${err && err.stack}\n`);
			return json(ctx, 500, { message: 'stand-in internal error', detail: String(err && err.message) });
		}
		if (err.fof) return fofSend(ctx, err.status, err.fof.root, err.fof.body);
		const { _type, _pcr, ...headers } = err.headers;
		if (_pcr) return pcrSend(ctx, err.status, err.body, 'Error');
		if (err.body === null) return send(ctx, err.status, null, null, headers);
		if (typeof err.body === 'string') return send(ctx, err.status, err.body, _type || 'text/plain; charset=utf-8', headers);
		return json(ctx, err.status, err.body, _type, headers);
	}

	async function parseBody(ctx, vendor) {
		if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method)) return;
		const raw = await readBody(ctx.req);
		ctx.rawBody = raw;
		if (!raw) return;
		const type = contentTypeOf(ctx.req);
		try {
			if (type === 'application/x-www-form-urlencoded') {
				ctx.body = Object.fromEntries(new URLSearchParams(raw));
				ctx.bodyFormat = 'form';
			} else if (/json/.test(type) || (!type && vendor !== 'formsOnFire' && /^\s*[{[]/.test(raw))) {
				ctx.body = JSON.parse(raw);
				ctx.bodyFormat = 'json';
			} else if (/xml/.test(type) || (!type && vendor === 'formsOnFire') || (!type && /^\s*</.test(raw))) {
				// Forms On Fire reads a body without a content type as XML
				ctx.body = parseXml(raw);
				ctx.bodyFormat = 'xml';
			} else {
				ctx.body = raw;
				ctx.bodyFormat = 'text';
			}
		} catch (e) {
			ctx.bodyError = `The request body could not be parsed as ${/json/.test(type) ? 'JSON' : 'XML'}: ${e.message}`;
			ctx.body = undefined;
		}
		if (ctx.bodyError && vendor === 'recrubo') recruboError(400, 'Invalid JSON', ctx.bodyError);
		if (ctx.bodyError && vendor === 'pcRecruiter') pcrError(ctx, 400, ctx.bodyError);
		if (ctx.bodyError && vendor === 'highQ') highqError(ctx, 400, 100, ctx.bodyError);
	}

	const COLLECTIONS = { pcRecruiter: 'pcr', recrubo: 'recrubo', highQ: 'highq', hcss: 'hcss', formsOnFire: 'fof' };

	/**
	 * GET /__users?vendor= lists a vendor's users in the stand-in's own shape.
	 * POST /__users: changes a vendor's users behind the API's back, as people do in the
	 * vendor's own screens (PCRecruiter's API cannot write users at all). Body:
	 * `{ vendor, add: [user], update: [{ id, set: {...} }], remove: [id] }`, users in the
	 * stand-in's own shape (Recrubo's fields under `attributes`); `set` merges one level deep.
	 */
	function changeUsers({ vendor, add = [], update = [], remove = [] }) {
		const name = COLLECTIONS[vendor];
		if (!name) throw new HttpError(400, { message: `unknown vendor ${vendor}` });
		const c = col(name);
		for (const id of remove) {
			const u = c.get(id);
			if (!u) throw new HttpError(404, { message: `no ${vendor} user ${id}` });
			c.remove(u);
		}
		for (const { id, set = {} } of update) {
			const u = c.get(id);
			if (!u) throw new HttpError(404, { message: `no ${vendor} user ${id}` });
			for (const [k, v] of Object.entries(set)) u[k] = v && typeof v === 'object' && !Array.isArray(v) && u[k] && typeof u[k] === 'object' ? { ...u[k], ...v } : v;
			c.touch();
		}
		for (const u of add) c.add(JSON.parse(JSON.stringify(u)));
		return { ok: true, users: c.items.length };
	}

	function control(ctx) {
		const p = ctx.url.pathname;
		if (p === '/__stats' && ctx.method === 'GET') {
			return json(ctx, 200, { ...stats, sessions: state.pcrSessions.size, tokens: state.tokens.size, users: cfg.users });
		}
		if (p === '/__reset' && ctx.method === 'POST') {
			const n = ctx.body && Number.isInteger(ctx.body.users) ? ctx.body.users : Number(ctx.url.searchParams.get('users')) || cfg.users;
			reset(n);
			requestLog.length = 0;
			return json(ctx, 200, { ok: true, users: cfg.users });
		}
		if (p === '/__expire' && ctx.method === 'POST') {
			// make every session and token stale: the next call gets a 401 (login again / refresh)
			const n = state.pcrSessions.size + state.tokens.size;
			state.pcrSessions.clear();
			for (const [, t] of state.tokens) t.exp = 0;
			return json(ctx, 200, { ok: true, expired: n });
		}
		if (p === '/__throttle' && ctx.method === 'POST') {
			// the next `count` requests to a vendor (every vendor when none is named) answer 429
			const q = ctx.url.searchParams;
			const b = ctx.body || {};
			const vendors = b.vendor || q.get('vendor') ? [b.vendor || q.get('vendor')] : VENDORS.map((v) => v.name);
			const left = Number(b.count ?? q.get('count') ?? 3);
			const retryAfter = String(b.retryAfter ?? q.get('retryAfter') ?? 1);
			for (const v of vendors) state.throttle.set(v, { left, retryAfter });
			return json(ctx, 200, { ok: true, vendors, count: left, retryAfter });
		}
		if (p === '/__requests' && ctx.method === 'GET') {
			const vendor = ctx.url.searchParams.get('vendor');
			return json(ctx, 200, requestLog.filter((r) => !vendor || r.vendor === vendor));
		}
		if (p === '/__users' && ctx.method === 'GET') {
			const name = COLLECTIONS[ctx.url.searchParams.get('vendor')];
			return name ? json(ctx, 200, col(name).items) : json(ctx, 400, { message: 'vendor= one of pcRecruiter, recrubo, highQ, hcss, formsOnFire' });
		}
		if (p === '/__users' && ctx.method === 'POST') {
			try {
				return json(ctx, 200, changeUsers(ctx.body || {}));
			} catch (err) {
				if (err instanceof HttpError) return json(ctx, err.status, err.body);
				throw err;
			}
		}
		if (p === '/__credentials' && ctx.method === 'GET') return json(ctx, 200, credentialValues(ctx.origin));
		if (p === '/' && ctx.method === 'GET') return json(ctx, 200, describe(ctx.origin));
		return null;
	}

	async function handle(req, res) {
		const url = new URL(req.url, 'http://127.0.0.1');
		const origin = `http://${req.headers.host || '127.0.0.1'}`;
		const ctx = { req, res, url, origin, method: req.method.toUpperCase(), route: null, status: 0 };
		// split the raw path first, then decode each segment: %2F stays inside its segment
		const rawSegs = url.pathname.split('/').filter((s) => s !== '');
		let segs;
		try {
			segs = rawSegs.map((s) => decodeURIComponent(s));
		} catch {
			segs = rawSegs;
		}
		let vendor = null;
		for (const v of VENDORS) {
			const ok = v.prefix.every((p, i) => segs[i] !== undefined && (p === '*' || (v.ci ? segs[i].toLowerCase() === p : segs[i] === p)));
			if (ok) {
				vendor = v;
				break;
			}
		}
		if (!vendor) {
			if (url.pathname.startsWith('/__') || url.pathname === '/') {
				try {
					if (['POST'].includes(ctx.method)) {
						const raw = await readBody(req);
						ctx.body = raw && /json/.test(contentTypeOf(req)) ? JSON.parse(raw) : undefined;
					}
				} catch {
					ctx.body = undefined;
				}
				if (control(ctx) !== null) return;
			}
			count('other', `${ctx.method} ${url.pathname}`, 404);
			return json(ctx, 404, { message: `no stand-in route for ${ctx.method} ${url.pathname}`, routes: describe(origin).vendors });
		}
		ctx.segs = segs.slice(vendor.prefix.length);
		if (vendor.name === 'highQ') ctx.highqContext = segs[1];
		const load = stats.vendors[vendor.name];
		load.inFlight++;
		load.peakInFlight = Math.max(load.peakInFlight, load.inFlight);
		try {
			// the vendor's answer time (STANDIN_LATENCY_MS), counted as in flight
			if (cfg.latencyMs > 0) await new Promise((r) => setTimeout(r, cfg.latencyMs));
			await parseBody(ctx, vendor.name);
			throttle(ctx, vendor.name);
			await vendor.handler(ctx);
		} catch (err) {
			renderError(ctx, vendor.name, err);
		} finally {
			load.inFlight--;
		}
		const route = ctx.route || `${ctx.method} /${ctx.segs.join('/')}`;
		count(vendor.name, route, ctx.status);
		requestLog.push({
			at: new Date().toISOString(),
			vendor: vendor.name,
			method: ctx.method,
			url: req.url,
			route,
			status: ctx.status,
			headers: { ...req.headers },
			body: ctx.rawBody === undefined ? undefined : ctx.rawBody.slice(0, 4000),
		});
		if (requestLog.length > LOG_MAX) requestLog.splice(0, requestLog.length - LOG_MAX);
	}

	function credentialValues(origin) {
		return {
			pcRecruiterApi: {
				baseUrl: `${origin}/pcr/rest/api`,
				databaseId: creds.pcRecruiter.DatabaseId,
				username: creds.pcRecruiter.Username,
				password: creds.pcRecruiter.Password,
				apiKey: creds.pcRecruiter.ApiKey,
				appId: creds.pcRecruiter.AppId,
			},
			recruboApi: { baseUrl: `${origin}/recrubo/public/v2`, apiKey: creds.recrubo.apiKey },
			highQPublisherApi: { baseUrl: `${origin}/highq/acme`, accessToken: creds.highQ.accessToken },
			highQPublisherOAuth2Api: {
				baseUrl: `${origin}/highq/acme`,
				authUrl: `${origin}/highq/acme/authorise.action`,
				accessTokenUrl: `${origin}/highq/acme/api/oauth2/token`,
				clientId: creds.highQ.clientId,
				clientSecret: creds.highQ.clientSecret,
			},
			hcssOAuth2Api: {
				baseUrl: `${origin}/hcss/users`,
				accessTokenUrl: `${origin}/hcss/identity/connect/token`,
				clientId: creds.hcss.clientId,
				clientSecret: creds.hcss.clientSecret,
				scope: creds.hcss.requiredScope || 'users:read users:write',
			},
			formsOnFireApi: { baseUrl: `${origin}/fof/api/v2`, companyId: creds.formsOnFire.CompanyId, integrationKey: creds.formsOnFire.IntegrationKey },
		};
	}

	function describe(origin) {
		return {
			standin: 'n8n-nodes-user-sync vendor stand-in',
			users: cfg.users,
			vendors: {
				pcRecruiter: [`POST ${origin}/pcr/rest/api/access-token`, 'DELETE .../access-token', 'GET .../users[?Page&ResultsPerPage&Fields=Teams]', 'GET .../users/{UserName}', 'GET .../users/EmailAliases'],
				recrubo: [`GET|POST ${origin}/recrubo/public/v2/users[?page[number]&page[size]&filter[f][op]&sort]`, 'GET|PATCH|DELETE .../users/{id}'],
				highQ: [`GET|POST ${origin}/highq/acme/api/2/users[?limit&offset&search&status&sort&fields&organisations&departments&createddate&modifieddate]`, 'GET|PUT .../users/{id|email}', 'POST .../users/{id|email}/archive', 'GET .../authorise.action', 'POST .../api/oauth2/token'],
				hcss: [`POST ${origin}/hcss/identity/connect/token`, `GET|POST ${origin}/hcss/users/api/v1/Users[?page&pageSize&businessUnitId]`, 'GET|PATCH|DELETE .../Users/{id}', 'GET .../Users/userName/{userName}', 'GET .../Roles, .../SubscriptionGroups, .../BusinessUnits, .../Jobs/GetJobsByBusinessUnit?businessUnitId='],
				formsOnFire: [`GET ${origin}/fof/api/v2/user?Id|Email&CompanyId&IntegrationKey&format`, 'GET .../user/search?Name|Email|ExternalId&Status&PageNo&PageSize', 'POST .../user (JSON or XML)', 'DELETE .../user?Id'],
			},
			control: ['GET /__stats', 'POST /__reset[?users=N]', 'POST /__expire', 'POST /__throttle[?vendor=&count=3&retryAfter=1]', 'GET /__requests[?vendor=]', 'GET /__credentials', 'GET /__users?vendor=', 'POST /__users {vendor, add, update, remove}'],
			credentials: credentialValues(origin),
		};
	}

	return { handle, reset, config: cfg, stats: () => stats, credentialValues };
}

/** Starts a stand-in. Resolves to { url, port, close(), standin }. */
function start({ port = 0, users, host = '127.0.0.1', ...rest } = {}) {
	const standin = createStandin({ ...(users !== undefined ? { users } : {}), ...rest });
	const server = http.createServer((req, res) => {
		standin.handle(req, res).catch((err) => {
			process.stderr.write(`standin: ${err && err.stack}\n`);
			if (!res.headersSent) res.writeHead(500);
			res.end();
		});
	});
	server.keepAliveTimeout = 30_000;
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			const addr = server.address();
			const url = `http://${host}:${addr.port}`;
			resolve({
				url,
				port: addr.port,
				standin,
				server,
				credentials: () => standin.credentialValues(url),
				close: () =>
					new Promise((r) => {
						server.close(() => r());
						if (server.closeAllConnections) server.closeAllConnections();
					}),
			});
		});
	});
}

module.exports = { start, createStandin, uuidFrom };

if (require.main === module) {
	const args = process.argv.slice(2);
	const opt = (name) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const port = Number(opt('--port') || process.env.STANDIN_PORT || 4010);
	const users = opt('--users') !== undefined ? Number(opt('--users')) : undefined;
	start({ port, users }).then(
		(s) => {
			process.stdout.write(`standin listening on ${s.url}\n`);
			const stop = () => s.close().then(() => process.exit(0));
			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
		},
		(err) => {
			process.stderr.write(`standin: ${err.message}\n`);
			process.exit(1);
		},
	);
}
