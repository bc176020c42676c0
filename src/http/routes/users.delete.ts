import { deleteUser } from '../../services/users.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { ForceQuery, managementSecurity, problemResponses } from '../schemas/common.ts';
import { UserParams } from './users.get.ts';

/** DELETE /v1/users/{id}: 409 while the user owns keys, unless ?force=true. */
export function registerUsersDelete(app: App): void {
  app.delete('/v1/users/:id', {
    config: { auth: 'management', permission: 'users.write' },
    schema: {
      tags: ['users'],
      summary: 'Delete a user',
      description: 'Refused with 409 while the user owns keys, unless force=true, which deletes those keys too (audited).',
      security: managementSecurity,
      params: UserParams,
      querystring: ForceQuery,
      response: { 204: { type: 'null' }, ...problemResponses },
    },
  }, async (request, reply) => {
    await deleteUser(app.services, actorOf(request), request.params.id, request.query.force ?? false);
    return reply.code(204).send(null);
  });
}
