import { Type } from 'typebox';
import { reportLeakedTokens } from '../../services/leaked-keys.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';

const Body = Type.Object(
  {
    tokens: Type.Array(Type.String({ minLength: 1, maxLength: 512 }), { minItems: 1, maxItems: 1000, description: 'Tokens found exposed' }),
    source: Type.Optional(Type.String({ maxLength: 200, description: 'Where they were found (kept in the audit log)', examples: ['public repository scan'] })),
  },
  { additionalProperties: false },
);

/** POST /v1/keys/leaked: deactivate every key whose token was found exposed. */
export function registerKeysLeaked(app: App): void {
  app.post('/v1/keys/leaked', {
    config: { auth: 'management', permission: 'keys.write' },
    schema: {
      tags: ['keys'],
      summary: 'Report leaked tokens',
      description: 'Deactivates every key matching one of the tokens, at once, whoever owns it (holding the token is the proof), and audits each as key.leaked. Unknown tokens are counted, not revealed. Tokens follow the pattern in the README for secret scanners.',
      security: managementSecurity,
      body: Body,
      response: {
        200: Type.Object({
          disabled: Type.Array(Type.Object({ keyId: Type.String(), projectId: Type.String() })),
          alreadyDisabled: Type.Integer(),
          unknown: Type.Integer(),
        }),
        ...problemResponses,
      },
    },
  }, async (request) => reportLeakedTokens(app.services, actorOf(request), request.body.tokens, request.body.source));
}
