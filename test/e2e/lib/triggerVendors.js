/**
 * The directory triggers as the e2e spec drives them (test/e2e/specs/triggers.spec.js): per
 * vendor the trigger node, how to read a user's ID in its items, a joiner in the stand-in's
 * own shape, and the changes of the spec's step 2 (picked among the stand-in's seeded users).
 */
'use strict';

const { uuidFrom } = require('../../standin/server');

const VENDORS = [
	{
		vendor: 'pcRecruiter',
		name: 'PCRecruiter Trigger',
		type: 'pcRecruiterTrigger',
		credential: 'pcRecruiterApi',
		id: (u) => u.UserName,
		joiner: (n) => ({ UserName: `NEWHIRE${n}`, FullName: `New Hire ${n}`, EmailAddress: `pcr.hire${n}@example.com`, Phone: null, PhoneExt: null, ReplicationNumber: null, ActiveUser: true, Teams: [] }),
		// users 4, 5 and 7 are active in the stand-in's data
		changes: (users) => ({ changed: [users[4], { Phone: '(440) 555-0100' }, 'Phone'], removed: users[5], deactivated: [users[7], { ActiveUser: false }] }),
	},
	{
		vendor: 'recrubo',
		name: 'Recrubo Trigger',
		type: 'recruboTrigger',
		credential: 'recruboApi',
		id: (u) => u.id,
		joiner: (n) => ({ id: uuidFrom(`e2e-recrubo:${n}`), attributes: { createdAt: '2025-01-01T08:00:00+00:00', updatedAt: '2025-01-01T08:00:00+00:00', firstName: 'New', lastName: `Hire ${n}`, email: `recrubo.hire${n}@example.com`, fullName: `New Hire ${n}`, phone: null, timeZone: 'Europe/Berlin', externalId: null }, candidates: [] }),
		changes: (users) => ({ changed: [users[4], { attributes: { timeZone: 'Asia/Tokyo' } }, 'timeZone'], removed: users[5] }),
	},
	{
		vendor: 'highQ',
		name: 'HighQ Publisher Trigger',
		type: 'highQPublisherTrigger',
		credential: 'highQPublisherApi',
		parameters: { authentication: 'accessToken' },
		id: (u) => u.id,
		joiner: (n) => ({ id: 9000 + n, name: { firstname: 'New', lastname: `Hire ${n}`, title: '' }, externalid: `E2E-${n}`, email: `highq.hire${n}@example.com`, phone: '', jobtitle: 'Associate', mobile: '', department: 'IT', status: 'active', organisation: { orgname: 'Acme Legal LLP', orgid: 76, orgaddressid: 99 } }),
		// statuses rotate active x4, disable, suspended, archive: users 14, 15 and 16 are active
		changes: (users) => ({ changed: [users[14], { department: 'Finance' }, 'department'], removed: users[15], deactivated: [users[16], { status: 'suspended' }] }),
	},
	{
		vendor: 'hcss',
		name: 'HCSS Trigger',
		type: 'hcssTrigger',
		credential: 'hcssOAuth2Api',
		id: (u) => u.id,
		joiner: (n) => ({ id: uuidFrom(`e2e-hcss:${n}`), userName: `hcss.hire${n}@example.com`, firstName: 'New', lastName: `Hire ${n}`, phoneNumber: null, email: `hcss.hire${n}@example.com`, contactMethod: 'Email', userRole: '2d1e4c1a-8f3b-4b8e-9d0a-7c5e2f1a3b4c', subscriptionGroup: null, note: null, homeBusinessUnit: 'b86659fa-d8f1-4909-80b7-59950d3fdd46', employeeCode: null, allowPhoneNumberLogin: false, excludeFromExternalAuthentication: false, businessUnitAccess: { type: 'AllBusinessUnits', values: null }, jobAccess: { type: 'AllJobs', values: null } }),
		// user 7 moves (a new last name), user 8 leaves: both have an email, and a user with the
		// same email in Recrubo and an active one in HighQ (the stand-in seeds one person per
		// index), whom the Recrubo and HighQ triggers' own changes above leave alone
		changes: (users) => ({ changed: [users[7], { lastName: 'Moved' }, 'lastName'], removed: users[8] }),
	},
];

module.exports = { VENDORS };
