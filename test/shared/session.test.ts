/**
 * sharedSession: one login per credential for a burst of items, and never an old session
 * handed to a caller whose (newer) session this process did not see refused.
 */
import { clearSessions, sharedSession } from '../../nodes/shared/session';

function logins(...sessions: string[]) {
	const calls: string[] = [];
	const login = async () => {
		const next = sessions[calls.length];
		calls.push(next);
		await new Promise((r) => setTimeout(r, 5));
		if (next === 'FAIL') throw new Error('login refused');
		return next;
	};
	return { login, calls };
}

beforeEach(() => clearSessions());

describe('sharedSession', () => {
	it('a burst of callers holding the same refused session logs in once; a late one gets the new session without a login', async () => {
		const { login, calls } = logins('S1', 'S2');
		const got = await Promise.all(Array.from({ length: 10 }, () => sharedSession('id', 'OLD', login)));
		expect(got).toEqual(Array(10).fill('S1'));
		expect(await sharedSession('id', 'OLD', login)).toBe('S1');
		expect(calls).toEqual(['S1']);
	});

	it('callers with no session yet share the first login', async () => {
		const { login, calls } = logins('S1');
		expect(await Promise.all([sharedSession('id', '', login), sharedSession('id', undefined, login)])).toEqual(['S1', 'S1']);
		expect(await sharedSession('id', '', login)).toBe('S1');
		expect(calls).toEqual(['S1']);
	});

	it('the newest session refused in turn leads to a new login', async () => {
		const { login, calls } = logins('S1', 'S2');
		await sharedSession('id', '', login);
		expect(await sharedSession('id', 'S1', login)).toBe('S2');
		expect(calls).toEqual(['S1', 'S2']);
	});

	it('a refused session this process never replaced (another worker logged in for it) leads to a login, not to this process\'s older session', async () => {
		const { login, calls } = logins('MINE', 'FRESH');
		expect(await sharedSession('id', '', login)).toBe('MINE');
		// Later the credential in the database holds OTHER (another worker's login); the server dropped every session.
		expect(await sharedSession('id', 'OTHER', login)).toBe('FRESH');
		expect(calls).toEqual(['MINE', 'FRESH']);
		// Items of that run still holding OTHER get FRESH without another login.
		expect(await sharedSession('id', 'OTHER', login)).toBe('FRESH');
		expect(calls).toHaveLength(2);
	});

	it('callers that joined a login under way with different sessions all count as replaced', async () => {
		const { login, calls } = logins('S1');
		await Promise.all([sharedSession('id', 'A', login), sharedSession('id', 'B', login)]);
		expect(await sharedSession('id', 'B', login)).toBe('S1');
		expect(calls).toEqual(['S1']);
	});

	it('a failed login reaches every waiting caller, and the next caller tries again', async () => {
		const { login, calls } = logins('FAIL', 'S2');
		const results = await Promise.allSettled([sharedSession('id', 'OLD', login), sharedSession('id', 'OLD', login)]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
		expect(await sharedSession('id', 'OLD', login)).toBe('S2');
		expect(calls).toEqual(['FAIL', 'S2']);
	});

	it('keeps credentials apart', async () => {
		const a = logins('A1');
		const b = logins('B1');
		expect(await Promise.all([sharedSession('a', '', a.login), sharedSession('b', '', b.login)])).toEqual(['A1', 'B1']);
	});
});
