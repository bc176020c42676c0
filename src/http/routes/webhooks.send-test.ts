import { sendTestEvent } from '../../services/webhooks/webhooks.ts';
import type { App } from '../app-types.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { WebhookDelivery, WebhookParams } from '../schemas/webhooks.ts';

/** POST /v1/webhooks/{id}/test: queues a `webhook.test` event for this webhook alone. */
export function registerWebhooksSendTest(app: App): void {
  app.post('/v1/webhooks/:id/test', {
    config: { auth: 'management', permission: 'webhooks.write' },
    schema: {
      tags: ['webhooks'],
      summary: 'Send a test event',
      description: 'Queues a webhook.test event, signed and retried like any other, and answers its delivery (202, pending); follow it in the delivery log. A disabled webhook is 409. Takes no body.',
      security: managementSecurity,
      params: WebhookParams,
      response: { 202: WebhookDelivery, ...problemResponses },
    },
  }, async (request, reply) => {
    const delivery = await sendTestEvent(app.services, request.params.id);
    app.webhooks.nudge();
    return reply.code(202).send(delivery);
  });
}
