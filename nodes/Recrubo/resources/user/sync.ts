import { syncOperation } from '../../../shared/syncOperation';
import { readOf } from '../../../shared/transport';
import { baseRequest, deleteUser, JSON_API, userPath } from '../../api';
import { createBody } from '../../params';
import { RECRUBO_UPSERT } from '../../routing';

/** Sync Users: takes the Create fields and Match On (shown for it in create.ts and upsert.ts). */
export const { option, properties, run } = syncOperation({
	base: baseRequest,
	request: { method: 'POST', url: '/users', headers: { 'Content-Type': JSON_API } },
	preSend: [createBody],
	vendor: {
		steps: { ...RECRUBO_UPSERT, directory: RECRUBO_UPSERT.directory! },
		removeChoices: ['delete'],
		nameFields: ['email', 'externalId'],
		async remove(ctx, request, user) {
			await deleteUser(ctx, { ...readOf(request, userPath(String(user.id)), {}), method: 'DELETE' });
			return undefined;
		},
	},
	removeOptions: [{ name: 'Delete', value: 'delete', description: 'Recrubo users have no inactive state: the user is deleted' }],
	notice:
		'The input is everyone who should have a Recrubo user, one item per person, matched by the field chosen in Match On. The whole user list is read once (one request per 200 users); people are created or updated as in Create or Update. With Remove Users Missing From Input, the users no person matches are deleted (Recrubo has no way to deactivate a user). Dry Run shows the plan without writing.',
});
