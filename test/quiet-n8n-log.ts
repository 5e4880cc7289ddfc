/**
 * n8n-core's error reporter logs every failed node execution through n8n's logger, which
 * writes to the console: in a suite that fails executions on purpose (hardening: hundreds)
 * that buried jest's own report in thousands of lines. Quiet unless asked for
 * (N8N_LOG_LEVEL=error npm run test:unit shows them). Runs before any module loads.
 */
process.env.N8N_LOG_LEVEL ??= 'silent';
