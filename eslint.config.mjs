// The rules n8n's verification scanner (@n8n/scan-community-package 0.32) applies, set up
// the way it sets them up: @n8n/eslint-plugin-community-nodes recommended, no-console, and
// eslint-plugin-n8n-nodes-base's community (package.json), credentials and nodes rulesets,
// with the scanner's own three "off" overrides and nothing else switched off.
// `npm run lint` runs it on the sources (package.json, nodes/, credentials/) and on what
// the published package holds (dist/**/*.js, index.js, package.json).
import { defineConfig } from 'eslint/config';
import tsParser from '@typescript-eslint/parser';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesPlugin from 'eslint-plugin-n8n-nodes-base';

export default defineConfig(
	{
		ignores: ['node_modules/**', '**/package-lock.json', 'dist/**/*.d.ts', 'dist/test/**', 'dist/bench/**'],
	},
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
	{ files: ['package.json'], rules: { ...n8nNodesPlugin.configs.community.rules } },
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.credentials.rules,
			// Off in the scanner: not valid for community nodes.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// Off in the scanner: the community-nodes credential-password-field rule replaces it.
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.nodes.rules,
			// Off in the scanner: inputs and outputs may be the NodeConnectionTypes enum.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// Off in the scanner: vendor APIs do have maximum page sizes.
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
);
