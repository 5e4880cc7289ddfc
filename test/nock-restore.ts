/**
 * Jest runs several test files in one worker process. Each file gets its own copy of nock, but
 * they all patch the one `http` module Node shares between them: left in place, the next
 * file's nock stacks its interceptor on top of this one's, requests pass through both, and
 * an error emitted on a mocked request bounces between the two mock sockets (seen as
 * "socket hang up" failing unrelated tests, only when the files ran in a certain order).
 * So every file takes its nock off the `http` module when it ends.
 */
import nock from 'nock';

afterAll(() => {
	nock.cleanAll();
	nock.restore();
});
