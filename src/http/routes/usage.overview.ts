import { Type } from 'typebox';
import { usageOverview } from '../../services/usage-reports.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { UsageBucket, UsageQuery } from './usage.key.ts';

/** GET /v1/usage: all keys the caller sees, over time, with the busiest keys. */
export function registerUsageOverview(app: App): void {
  app.get('/v1/usage', {
    config: { auth: 'management', permission: 'keys.read' },
    schema: {
      tags: ['keys'],
      summary: 'Verifications of all keys over time, and the top keys',
      security: managementSecurity,
      querystring: Type.Object({ ...UsageQuery, top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          granularity: Type.String(),
          from: Type.String(),
          to: Type.String(),
          totals: Type.Record(Type.String(), Type.Integer()),
          buckets: Type.Array(UsageBucket),
          topKeys: Type.Array(Type.Object({ keyId: Type.String(), name: Type.String(), total: Type.Integer(), valid: Type.Integer() })),
        }),
        ...problemResponses,
      },
    },
  }, async (request) => usageOverview(app.services, actorOf(request), request.query));
}
