import { Type } from 'typebox';
import { getKey } from '../../services/keys.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { Id, managementSecurity, problemResponses } from '../schemas/common.ts';
import { Key } from '../schemas/resources.ts';

export const KeyParams = Type.Object({ id: Id('key') });

/** GET /v1/keys/{id} */
export function registerKeysGet(app: App): void {
  app.get('/v1/keys/:id', {
    config: { auth: 'management', permission: 'keys.read' },
    schema: { tags: ['keys'], summary: 'Get a key', security: managementSecurity, params: KeyParams, response: { 200: Key, ...problemResponses } },
  }, async (request) => getKey(app.services, actorOf(request), request.params.id));
}
