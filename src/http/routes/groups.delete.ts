import { deleteGroup } from '../../services/groups.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { GroupParams } from './groups.get.ts';

/** DELETE /v1/groups/{id}: its users and keys lose its permissions at once. */
export function registerGroupsDelete(app: App): void {
  app.delete('/v1/groups/:id', {
    config: { auth: 'management', permission: 'groups.write' },
    schema: { tags: ['groups'], summary: 'Delete a permission group', security: managementSecurity, params: GroupParams, response: { 204: { type: 'null' }, ...problemResponses } },
  }, async (request, reply) => {
    await deleteGroup(app.services, actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
