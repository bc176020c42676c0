import { getWebhook } from '../../services/webhooks/webhooks.ts';
import type { App } from '../app-types.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { Webhook, WebhookParams } from '../schemas/webhooks.ts';

/** GET /v1/webhooks/{id} */
export function registerWebhooksGet(app: App): void {
  app.get('/v1/webhooks/:id', {
    config: { auth: 'management', permission: 'webhooks.read' },
    schema: { tags: ['webhooks'], summary: 'Get a webhook', security: managementSecurity, params: WebhookParams, response: { 200: Webhook, ...problemResponses } },
  }, async (request) => getWebhook(app.services, request.params.id));
}
