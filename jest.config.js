/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	setupFiles: ['<rootDir>/test/quiet-n8n-log.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/nock-restore.ts'],
	testTimeout: 30000,
	reporters: ['default', '<rootDir>/test/hardening/summary-reporter.js'],
};
