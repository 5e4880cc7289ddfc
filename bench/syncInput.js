/**
 * The input of a "sync" benchmark run, built by the bench server (bench/server.js) from the
 * stand-in's own users just before the run, so it is outside the counted requests: one item
 * per user of the vendor's directory, of which every 100th differs from what the vendor has
 * (another last name; for Forms On Fire, which cannot update, a new email: a new person).
 * Built from the directory as it is now, so every run finds the same share to change.
 */
'use strict';

/** Every page of a list, through the stand-in's API as a client reads it. */
async function pages(self, path, headers, read, first, size) {
	const out = [];
	for (let page = first; ; page++) {
		const batch = read(await self('GET', path(page, size), undefined, headers));
		out.push(...batch);
		if (batch.length < size) return out;
	}
}

async function directory(self, creds, vendor) {
	if (vendor === 'recrubo') {
		const headers = { authorization: creds.recrubo.apiKey, accept: 'application/vnd.api+json' };
		return await pages(self, (p, n) => `/recrubo/public/v2/users?page%5Bnumber%5D=${p}&page%5Bsize%5D=${n}`, headers, (b) => b.data.map((u) => ({ id: u.id, ...u.attributes })), 1, 200);
	}
	if (vendor === 'highQ') {
		const headers = { authorization: `Bearer ${creds.highQ.accessToken}` };
		return await pages(self, (p, n) => `/highq/acme/api/2/users?fields=all&offset=${p * n}&limit=${n}`, headers, (b) => b.users.user, 0, 200);
	}
	if (vendor === 'hcss') {
		const token = await self('POST-FORM', '/hcss/identity/connect/token', {
			grant_type: 'client_credentials',
			client_id: creds.hcss.clientId,
			client_secret: creds.hcss.clientSecret,
			scope: creds.hcss.requiredScope || 'users:read users:write',
		});
		const headers = { authorization: `Bearer ${token.access_token}` };
		return await pages(self, (p, n) => `/hcss/users/api/v1/Users?page=${p}&pageSize=${n}`, headers, (b) => b.items, 0, 1000);
	}
	if (vendor === 'formsOnFire') {
		const c = creds.formsOnFire;
		const auth = `CompanyId=${encodeURIComponent(c.CompanyId)}&IntegrationKey=${encodeURIComponent(c.IntegrationKey)}`;
		return await pages(self, (p, n) => `/fof/api/v2/user/search?Email=example.com&format=json&PageNo=${p}&PageSize=${n}&${auth}`, {}, (b) => b.Users, 0, 250);
	}
	throw new Error(`sync bench: no directory for ${vendor}`);
}

/**
 * The items: `{ first, last, email }` (HCSS also `userName`, `role` and `homeBusinessUnit`; only its users who sign
 * in by email). With `leavers`, every 100th user (from the 50th) is left out as well: 1% of the
 * directory has left, for Sync Users to remove.
 */
async function syncInput(self, creds, vendor, tag, leavers = false) {
	const items = await inputOf(self, creds, vendor, tag);
	return leavers ? items.filter((_, i) => i % 100 !== 50) : items;
}

async function inputOf(self, creds, vendor, tag) {
	const users = await directory(self, creds, vendor);
	const changed = (i) => i % 100 === 0;
	if (vendor === 'recrubo') return users.map((u, i) => ({ first: u.firstName, last: changed(i) ? `${u.lastName} ${tag}` : u.lastName, email: u.email }));
	if (vendor === 'highQ') return users.map((u, i) => ({ first: u.name.firstname, last: changed(i) ? `${u.name.lastname} ${tag}` : u.name.lastname, email: u.email }));
	if (vendor === 'hcss') {
		return users
			.filter((u) => u.contactMethod === 'Email' && u.email)
			.map((u, i) => ({ userName: u.userName, first: u.firstName, last: changed(i) ? `${u.lastName} ${tag}` : u.lastName, email: u.email, role: u.userRole, homeBusinessUnit: u.homeBusinessUnit }));
	}
	return users.map((u, i) => ({ first: u.FirstName, last: u.LastName, email: changed(i) ? `new.${tag}.${i}@example.org` : u.Email }));
}

module.exports = { syncInput };
