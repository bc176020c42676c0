import { Type } from 'typebox';
import { listWebhookDeliveries } from '../../services/webhooks/webhooks.ts';
import type { App } from '../app-types.ts';
import { managementSecurity, PageOf, PageQuery, problemResponses } from '../schemas/common.ts';
import { WebhookDelivery, WebhookParams } from '../schemas/webhooks.ts';

const Query = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')])),
    ...PageQuery,
  },
  { additionalProperties: false },
);

/** GET /v1/webhooks/{id}/deliveries: the delivery log, newest first. */
export function registerWebhooksDeliveries(app: App): void {
  app.get('/v1/webhooks/:id/deliveries', {
    config: { auth: 'management', permission: 'webhooks.read' },
    schema: {
      tags: ['webhooks'],
      summary: 'List a webhook\'s deliveries',
      description: 'Newest first, each with its payload and every attempt (status, error, duration, the start of the answer). Finished deliveries are kept 30 days.',
      security: managementSecurity,
      params: WebhookParams,
      querystring: Query,
      response: { 200: PageOf(WebhookDelivery), ...problemResponses },
    },
  }, async (request) => listWebhookDeliveries(app.services, request.params.id, { ...request.query, limit: request.query.limit ?? 20 }));
}
