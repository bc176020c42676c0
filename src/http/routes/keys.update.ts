import { Type } from 'typebox';
import { updateKey } from '../../services/keys.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { Key, keySettings } from '../schemas/resources.ts';
import { KeyParams } from './keys.get.ts';

/** PATCH /v1/keys/{id}: takes effect on the very next verification. */
export function registerKeysUpdate(app: App): void {
  app.patch('/v1/keys/:id', {
    config: { auth: 'management', permission: 'keys.write' },
    schema: {
      tags: ['keys'],
      summary: 'Edit a key',
      description: 'expiresAt null means never. Takes effect on the very next verification.',
      security: managementSecurity,
      params: KeyParams,
      body: Type.Object(keySettings, { additionalProperties: false }),
      response: { 200: Key, ...problemResponses },
    },
  }, async (request) => updateKey(app.services, actorOf(request), request.params.id, request.body));
}
