import { Type } from 'typebox';
import { findVisibleKeyByToken } from '../../services/key-lookup.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, Nullable, problemResponses } from '../schemas/common.ts';
import { Key } from '../schemas/resources.ts';

// In a body, not the query string: a URL ends up in logs, proxies and browser history.
const Body = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 512, description: 'A whole token, e.g. one found exposed or pasted from a log' }) },
  { additionalProperties: false },
);

/** POST /v1/keys/find: which key a token belongs to. */
export function registerKeysFind(app: App): void {
  app.post('/v1/keys/find', {
    config: { auth: 'management', permission: 'keys.read' },
    schema: {
      tags: ['keys'],
      summary: 'Find a key by its token',
      description:
        'Answers the key the token belongs to (found by the token\'s keyed hash, as verification finds it; a regenerated key\'s old token during its grace period too), ' +
        'or key: null when no key has it or it is a key the caller may not see: the two answers are the same. The token is neither stored nor logged. Needs keys.read.',
      security: managementSecurity,
      body: Body,
      response: { 200: Type.Object({ key: Nullable(Key) }), ...problemResponses },
    },
  }, async (request) => ({ key: await findVisibleKeyByToken(app.services, actorOf(request), request.body.token) }));
}
