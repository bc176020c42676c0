import { Type } from 'typebox';
import { keyUsage } from '../../services/usage-reports.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { IsoDateTime, managementSecurity, problemResponses } from '../schemas/common.ts';
import { KeyParams } from './keys.get.ts';

export const UsageQuery = {
  from: Type.Optional(IsoDateTime),
  to: Type.Optional(IsoDateTime),
  granularity: Type.Optional(Type.Union([Type.Literal('minute'), Type.Literal('hour')], { description: 'minute (kept a day) or hour (kept 90 days); default hour' })),
};

export const UsageBucket = Type.Object({
  start: Type.String(),
  total: Type.Integer(),
  outcomes: Type.Record(Type.String(), Type.Integer(), { description: 'Count per verification code' }),
});

export const KeyUsage = Type.Object({
  keyId: Type.String(),
  granularity: Type.String(),
  from: Type.String(),
  to: Type.String(),
  buckets: Type.Array(UsageBucket),
  tags: Type.Array(Type.Object({ tag: Type.String(), count: Type.Integer() }), {
    description: 'VALID verifications per tag in the range: the 100 busiest tags by count, then `_other` when there is one (the verifications whose tag came after the key\'s 100 distinct tags of its hour).',
  }),
});

/** GET /v1/keys/{id}/usage */
export function registerKeysUsage(app: App): void {
  app.get('/v1/keys/:id/usage', {
    config: { auth: 'management', permission: 'keys.read' },
    schema: {
      tags: ['keys'],
      summary: "A key's verifications over time",
      description: 'Counts per outcome in minute or hour buckets (default: the last 24 hours by the hour), and per tag.',
      security: managementSecurity,
      params: KeyParams,
      querystring: Type.Object(UsageQuery, { additionalProperties: false }),
      response: {
        200: KeyUsage,
        ...problemResponses,
      },
    },
  }, async (request) => keyUsage(app.services, actorOf(request), request.params.id, request.query));
}
