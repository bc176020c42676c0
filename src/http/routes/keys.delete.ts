import { deleteKey } from '../../services/keys.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { KeyParams } from './keys.get.ts';

/** DELETE /v1/keys/{id} */
export function registerKeysDelete(app: App): void {
  app.delete('/v1/keys/:id', {
    config: { auth: 'management', permission: 'keys.write' },
    schema: { tags: ['keys'], summary: 'Delete a key', security: managementSecurity, params: KeyParams, response: { 204: { type: 'null' }, ...problemResponses } },
  }, async (request, reply) => {
    await deleteKey(app.services, actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
