import { Type } from 'typebox';
import { listAudit } from '../../services/audit.ts';
import type { App } from '../app-types.ts';
import { Id, managementSecurity, PageOf, PageQuery, problemResponses } from '../schemas/common.ts';
import { AuditEvent } from '../schemas/resources.ts';

const Query = Type.Object(
  {
    actorId: Type.Optional(Id('usr')),
    keyId: Type.Optional(Id('key')),
    action: Type.Optional(Type.String({ pattern: '^[a-z]+\\.[a-z]+$', examples: ['key.created'] })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

/** GET /v1/audit: every change, newest first. */
export function registerAuditList(app: App): void {
  app.get('/v1/audit', {
    config: { auth: 'management', permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'List audit events',
      description: 'actorId is the person (a key acts for its owner, named in actor.name).',
      security: managementSecurity,
      querystring: Query,
      response: { 200: PageOf(AuditEvent), ...problemResponses },
    },
  }, async (request) => listAudit(app.services, { ...request.query, limit: request.query.limit ?? 20 }));
}
