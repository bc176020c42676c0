import { Type } from 'typebox';
import { listVisibleWebhooks } from '../../services/webhooks/webhooks.ts';
import type { App } from '../app-types.ts';
import { Id, managementSecurity, PageOf, PageQuery, problemResponses } from '../schemas/common.ts';
import { Webhook } from '../schemas/webhooks.ts';

const Query = Type.Object(
  { projectId: Type.Optional(Id('prj')), ...PageQuery },
  { additionalProperties: false },
);

/** GET /v1/webhooks */
export function registerWebhooksList(app: App): void {
  app.get('/v1/webhooks', {
    config: { auth: 'management', permission: 'webhooks.read' },
    schema: {
      tags: ['webhooks'],
      summary: 'List webhooks',
      description: 'Newest first. With projectId: that project\'s webhooks and those for every project. Secrets are never listed.',
      security: managementSecurity,
      querystring: Query,
      response: { 200: PageOf(Webhook), ...problemResponses },
    },
  }, async (request) => listVisibleWebhooks(app.services, { ...request.query, limit: request.query.limit ?? 20 }));
}
