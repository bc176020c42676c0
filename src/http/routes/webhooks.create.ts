import { Type } from 'typebox';
import { createWebhook } from '../../services/webhooks/webhooks.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { IssuedWebhook, webhookFields } from '../schemas/webhooks.ts';

const Body = Type.Object(
  {
    url: webhookFields.url,
    events: Type.Optional(webhookFields.events),
    projectId: Type.Optional(webhookFields.projectId),
    description: Type.Optional(webhookFields.description),
    enabled: Type.Optional(webhookFields.enabled),
  },
  { additionalProperties: false },
);

/** POST /v1/webhooks: the one response (with rotate-secret) that holds the signing secret. */
export function registerWebhooksCreate(app: App): void {
  app.post('/v1/webhooks', {
    config: { auth: 'management', permission: 'webhooks.write' },
    schema: {
      tags: ['webhooks'],
      summary: 'Create a webhook',
      description: 'Returns the signing secret once. The webhook receives the chosen key events (all by default) of one project, or of every project when projectId is null or left out, whoever owns the keys. An unknown project is 422 PROJECT_NOT_FOUND; a URL that is not http(s), carries credentials, or names a loopback/private/link-local address (unless KEYWARD_WEBHOOK_ALLOW_PRIVATE=true) is 400.',
      security: managementSecurity,
      body: Body,
      response: { 201: IssuedWebhook, ...problemResponses },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(await createWebhook(app.services, actorOf(request), request.body));
  });
}
