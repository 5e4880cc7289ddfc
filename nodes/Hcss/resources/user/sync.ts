import { syncOperation } from '../../../shared/syncOperation';
import { readOf } from '../../../shared/transport';
import { baseRequest, sendWrite, userPath } from '../../api';
import { userBodyPreSend } from '../../params';
import { HCSS_UPSERT } from '../../routing';

/** Sync Users: takes the Create fields (shown for it in create.ts). */
export const { option, properties, run } = syncOperation({
	base: baseRequest,
	request: { method: 'POST', url: '/api/v1/Users' },
	preSend: [userBodyPreSend('create')],
	vendor: {
		steps: { ...HCSS_UPSERT, directory: HCSS_UPSERT.directory! },
		removeChoices: ['delete'],
		nameFields: ['userName', 'email'],
		async remove(ctx, request, user) {
			await sendWrite(ctx, { ...readOf(request, userPath(String(user.id)), {}), method: 'DELETE' });
			return undefined;
		},
	},
	removeOptions: [{ name: 'Delete', value: 'delete', description: "HCSS's Users API has no way to deactivate a user: the user is deleted" }],
	notice:
		'The input is everyone who should have an HCSS user, one item per person, matched by User Name. The whole user list is read once (one request per 1,000 users); people are created or updated as in Create or Update. With Remove Users Missing From Input, the users no person matches are deleted (the Users API has no way to deactivate a user). Dry Run shows the plan without writing.',
});
