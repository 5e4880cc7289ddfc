import type { INode } from 'n8n-workflow';

import { responseStatusError, vendorErrorFromBody } from '../../nodes/shared/errorBodies';
import { redact, toNodeApiError } from '../../nodes/shared/errors';

const node: INode = { id: '1', name: 'N', type: 't', typeVersion: 1, position: [0, 0], parameters: {} };

describe('vendorErrorFromBody', () => {
	it('reads HighQ XML errors', () => {
		expect(
			vendorErrorFromBody('<?xml version="1.0"?><error><summary>The requested user does not exist</summary><ref>108</ref><link>https://x/api/2/error/9</link></error>'),
		).toEqual({ message: 'The requested user does not exist', code: '108', description: 'More detail: https://x/api/2/error/9' });
	});

	it('reads JSON:API errors with pointers', () => {
		expect(
			vendorErrorFromBody({ errors: [{ title: 'is invalid', detail: 'email is invalid', code: '422', source: { pointer: '/data/attributes/email' } }] }),
		).toEqual({ message: 'is invalid', description: 'is invalid: email is invalid (/data/attributes/email)', code: '422' });
	});

	it('reads ServiceStack ResponseStatus with field errors', () => {
		const body = { ResponseStatus: { ErrorCode: 'ValidationException', Message: 'Invalid user', Errors: [{ ErrorCode: 'NotEmpty', FieldName: 'Email', Message: 'Email is required' }] } };
		expect(vendorErrorFromBody(body)).toEqual({ message: 'Invalid user', description: 'Email: Email is required', code: 'ValidationException' });
		expect(responseStatusError({ ResponseStatus: { ErrorCode: '' } })).toBeUndefined();
	});

	it('reads ASP.NET validation problems, plain messages, and strips HTML', () => {
		expect(vendorErrorFromBody({ title: 'One or more validation errors occurred.', status: 400, errors: { Email: ['Email is required when ContactMethod is Email'] } })).toEqual({
			message: 'One or more validation errors occurred.',
			description: 'Email: Email is required when ContactMethod is Email',
			code: '400',
		});
		expect(vendorErrorFromBody({ Message: 'User not found' })?.message).toBe('User not found');
		expect(vendorErrorFromBody('<html><head><style>x{}</style></head><body><h1>502 Bad Gateway</h1></body></html>')?.message).toBe('502 Bad Gateway');
	});
});

describe('toNodeApiError', () => {
	it('leads with the vendor message, names the status, and redacts secrets in every form', () => {
		const error = {
			response: { status: 400, data: { message: 'bad key abc/123 and abc%2F123' } },
		};
		const result = toNodeApiError(node, error, ['abc/123'], { byStatus: { 400: 'Check the request.' } });
		expect(result.message).toBe('bad key [redacted] and [redacted]');
		expect(result.description).toBe('Check the request.\nHTTP status: 400');
		expect(JSON.stringify(result)).not.toContain('abc');
	});

	it('explains network failures', () => {
		expect(toNodeApiError(node, { cause: { code: 'ECONNRESET', message: 'socket hang up' } }, []).message).toBe(
			'The server closed the connection before it answered',
		);
	});

	it('redact ignores empty and tiny values', () => {
		expect(redact('a b c', ['', undefined, 'b'])).toBe('a b c');
	});
});
