// Programmatic entry: the built node and credential classes of n8n-nodes-user-sync.
// n8n itself loads them through the "n8n" section of package.json.
const { FormsOnFire } = require('./dist/nodes/FormsOnFire/FormsOnFire.node');
const { Hcss } = require('./dist/nodes/Hcss/Hcss.node');
const { HcssTrigger } = require('./dist/nodes/Hcss/HcssTrigger.node');
const { HighQPublisher } = require('./dist/nodes/HighQPublisher/HighQPublisher.node');
const { HighQPublisherTrigger } = require('./dist/nodes/HighQPublisher/HighQPublisherTrigger.node');
const { PcRecruiter } = require('./dist/nodes/PcRecruiter/PcRecruiter.node');
const { PcRecruiterTrigger } = require('./dist/nodes/PcRecruiter/PcRecruiterTrigger.node');
const { Recrubo } = require('./dist/nodes/Recrubo/Recrubo.node');
const { RecruboTrigger } = require('./dist/nodes/Recrubo/RecruboTrigger.node');
const { FormsOnFireApi } = require('./dist/credentials/FormsOnFireApi.credentials');
const { HcssOAuth2Api } = require('./dist/credentials/HcssOAuth2Api.credentials');
const { HighQPublisherApi } = require('./dist/credentials/HighQPublisherApi.credentials');
const { HighQPublisherOAuth2Api } = require('./dist/credentials/HighQPublisherOAuth2Api.credentials');
const { PcRecruiterApi } = require('./dist/credentials/PcRecruiterApi.credentials');
const { RecruboApi } = require('./dist/credentials/RecruboApi.credentials');

module.exports = {
	nodes: { FormsOnFire, Hcss, HcssTrigger, HighQPublisher, HighQPublisherTrigger, PcRecruiter, PcRecruiterTrigger, Recrubo, RecruboTrigger },
	credentials: { FormsOnFireApi, HcssOAuth2Api, HighQPublisherApi, HighQPublisherOAuth2Api, PcRecruiterApi, RecruboApi },
};
