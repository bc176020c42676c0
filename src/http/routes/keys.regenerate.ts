import { Type } from 'typebox';
import { regenerateKey } from '../../services/keys.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { IssuedKey } from '../schemas/resources.ts';
import { KeyParams } from './keys.get.ts';

const Body = Type.Object(
  {
    graceSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 * 24 * 3600, default: 0, description: 'How long the old token keeps working (0: it stops at once)' })),
  },
  { additionalProperties: false },
);

/** POST /v1/keys/{id}/regenerate: a new token, shown once; the old one ends now or after the grace. */
export function registerKeysRegenerate(app: App): void {
  app.post('/v1/keys/:id/regenerate', {
    config: { auth: 'management', permission: 'keys.write' },
    schema: {
      tags: ['keys'],
      summary: 'Regenerate a key',
      description: 'The key keeps its id and settings and gets a new token. The body may be omitted.',
      security: managementSecurity,
      params: KeyParams,
      body: Type.Optional(Body),
      response: { 200: IssuedKey, ...problemResponses },
    },
    // Fastify validates a missing body as `undefined`, which no object schema accepts; an
    // omitted body means "no options", so it is read as {}.
    preValidation: async (request) => {
      request.body ??= {};
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return regenerateKey(app.services, actorOf(request), request.params.id, request.body?.graceSeconds ?? 0);
  });
}
