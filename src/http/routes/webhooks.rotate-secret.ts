import { rotateWebhookSecret } from '../../services/webhooks/webhooks.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { IssuedWebhook, WebhookParams } from '../schemas/webhooks.ts';

/** POST /v1/webhooks/{id}/rotate-secret: a new signing secret, in force at once. */
export function registerWebhooksRotateSecret(app: App): void {
  app.post('/v1/webhooks/:id/rotate-secret', {
    config: { auth: 'management', permission: 'webhooks.write' },
    schema: {
      tags: ['webhooks'],
      summary: 'Rotate a webhook\'s signing secret',
      description: 'Returns the new secret once. Every delivery from now on, retries of earlier events included, is signed with it; the old one stops at once. Takes no body.',
      security: managementSecurity,
      params: WebhookParams,
      response: { 200: IssuedWebhook, ...problemResponses },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return rotateWebhookSecret(app.services, actorOf(request), request.params.id);
  });
}
