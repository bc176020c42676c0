import { Type } from 'typebox';
import { createKey } from '../../services/keys.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { Id, managementSecurity, problemResponses, Username } from '../schemas/common.ts';
import { IssuedKey, keySettings } from '../schemas/resources.ts';

const Body = Type.Object(
  {
    projectId: Id('prj'),
    ownerId: Type.Optional(Id('usr')),
    owner: Type.Optional(Username),
    ...keySettings,
  },
  { additionalProperties: false },
);

/** POST /v1/keys: the one response that ever holds the token. */
export function registerKeysCreate(app: App): void {
  app.post('/v1/keys', {
    config: { auth: 'management', permission: 'keys.write' },
    schema: {
      tags: ['keys'],
      summary: 'Create a key',
      description: 'Returns the token once; only its keyed hash is stored. Groups must be within what you hold (403). An unknown owner is 422 OWNER_NOT_FOUND; members may name only themselves as owner (403), since a key acts as its owner.',
      security: managementSecurity,
      body: Body,
      response: { 201: IssuedKey, ...problemResponses },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(await createKey(app.services, actorOf(request), request.body));
  });
}
