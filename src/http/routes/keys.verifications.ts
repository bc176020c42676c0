import { Type } from 'typebox';
import { keyVerifications } from '../../services/verification-history.ts';
import { VERIFICATIONS_KEPT } from '../../runtime/usage/verification-log.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, Nullable, PageOf, PageQuery, problemResponses } from '../schemas/common.ts';
import { VerificationCode } from '../schemas/resources.ts';
import { KeyParams } from './keys.get.ts';

const Verification = Type.Object({
  at: Type.String({ format: 'date-time' }),
  outcome: VerificationCode,
  clientAddress: Nullable(Type.String({ description: 'The caller\'s address the verification named (`ip`, or forward-auth\'s client); null when it named none' })),
  tags: Type.Array(Type.String(), { description: 'The verification\'s tags (kept for VALID verifications only)' }),
});

/** GET /v1/keys/{id}/verifications */
export function registerKeysVerifications(app: App): void {
  app.get('/v1/keys/:id/verifications', {
    config: { auth: 'management', permission: 'keys.read' },
    schema: {
      tags: ['keys'],
      summary: "A key's recent verifications",
      description: `Newest first: time, outcome, client address and tags of each verification of the key; the last ${VERIFICATIONS_KEPT.perKey.toLocaleString('en')} are kept for ${VERIFICATIONS_KEPT.days} days. Verifications of unknown tokens belong to no key and are not listed.`,
      security: managementSecurity,
      params: KeyParams,
      querystring: Type.Object(PageQuery, { additionalProperties: false }),
      response: { 200: PageOf(Verification), ...problemResponses },
    },
  }, async (request) => keyVerifications(app.services, actorOf(request), request.params.id, request.query));
}
