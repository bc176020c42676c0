import { deleteIdentity } from '../../services/identities.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { ForceQuery, managementSecurity, problemResponses } from '../schemas/common.ts';
import { IdentityParams } from './identities.get.ts';

/** DELETE /v1/identities/{id}: 409 while it has keys, unless ?force=true. */
export function registerIdentitiesDelete(app: App): void {
  app.delete('/v1/identities/:id', {
    config: { auth: 'management', permission: 'identities.write' },
    schema: {
      tags: ['identities'],
      summary: 'Delete an identity',
      description: 'Refused with 409 while keys point at it, unless force=true, which deletes those keys too (audited).',
      security: managementSecurity,
      params: IdentityParams,
      querystring: ForceQuery,
      response: { 204: { type: 'null' }, ...problemResponses },
    },
  }, async (request, reply) => {
    await deleteIdentity(app.services, actorOf(request), request.params.id, request.query.force ?? false);
    return reply.code(204).send(null);
  });
}
