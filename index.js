// Programmatic entry: the built node and credential classes of n8n-nodes-user-sync.
// n8n itself loads them through the "n8n" section of package.json.
const { PcRecruiter } = require('./dist/nodes/PcRecruiter/PcRecruiter.node');
const { PcRecruiterApi } = require('./dist/credentials/PcRecruiterApi.credentials');

module.exports = {
	nodes: { PcRecruiter },
	credentials: { PcRecruiterApi },
};
