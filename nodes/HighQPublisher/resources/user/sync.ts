import { formatOf } from '../../../shared/descriptions';
import { syncOperation } from '../../../shared/syncOperation';
import { readOf } from '../../../shared/transport';
import { archiveUser, baseRequest, userPath } from '../../api';
import { HIGHQ_UPSERT } from '../../routing';

const ARCHIVED = new Set(['archive', 'archived']);

/** Sync Users: takes the Create fields (shown for it in create.ts). */
export const { option, properties, run } = syncOperation({
	base: async (ctx) => await baseRequest(ctx, formatOf(ctx)),
	request: { method: 'POST', url: '/api/2/users' },
	vendor: {
		steps: { ...HIGHQ_UPSERT, directory: HIGHQ_UPSERT.directory! },
		removeChoices: ['archive'],
		nameFields: ['email'],
		remove: async (ctx, request, user) => await archiveUser(ctx, { ...readOf(request, `${userPath(String(user.id))}/archive`, {}), method: 'POST' }),
		isRemoved: (user) => ARCHIVED.has(String(user.status ?? '').toLowerCase()),
	},
	removeOptions: [{ name: 'Archive', value: 'archive', description: "HighQ's own removal: the user is archived and can be restored" }],
	notice:
		'The input is everyone who should have a HighQ user, one item per person, matched by Email. The whole user list is read once (one request per 200 users); people are created or updated as in Create or Update. With Remove Users Missing From Input, the users no person matches are archived (users already archived are left as they are). Dry Run shows the plan without writing.',
});
