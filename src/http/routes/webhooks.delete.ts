import { deleteWebhook } from '../../services/webhooks/webhooks.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { WebhookParams } from '../schemas/webhooks.ts';

/** DELETE /v1/webhooks/{id}: with its delivery log; unsent deliveries are dropped. */
export function registerWebhooksDelete(app: App): void {
  app.delete('/v1/webhooks/:id', {
    config: { auth: 'management', permission: 'webhooks.write' },
    schema: { tags: ['webhooks'], summary: 'Delete a webhook', security: managementSecurity, params: WebhookParams, response: { 204: { type: 'null' }, ...problemResponses } },
  }, async (request, reply) => {
    await deleteWebhook(app.services, actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
