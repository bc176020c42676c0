import { Type } from 'typebox';
import { updateWebhook } from '../../services/webhooks/webhooks.ts';
import type { App } from '../app-types.ts';
import { actorOf } from '../plugins/authentication.ts';
import { managementSecurity, problemResponses } from '../schemas/common.ts';
import { Webhook, webhookFields, WebhookParams } from '../schemas/webhooks.ts';

const Body = Type.Object(
  {
    url: Type.Optional(webhookFields.url),
    events: Type.Optional(webhookFields.events),
    projectId: Type.Optional(webhookFields.projectId),
    description: Type.Optional(webhookFields.description),
    enabled: Type.Optional(webhookFields.enabled),
  },
  { additionalProperties: false },
);

/** PATCH /v1/webhooks/{id}: queued deliveries go to the new URL. */
export function registerWebhooksUpdate(app: App): void {
  app.patch('/v1/webhooks/:id', {
    config: { auth: 'management', permission: 'webhooks.write' },
    schema: {
      tags: ['webhooks'],
      summary: 'Edit a webhook',
      description: 'Disabling stops new events and holds queued deliveries until it is enabled again. Deliveries already queued are sent to the URL the webhook has when they are sent.',
      security: managementSecurity,
      params: WebhookParams,
      body: Body,
      response: { 200: Webhook, ...problemResponses },
    },
  }, async (request) => updateWebhook(app.services, actorOf(request), request.params.id, request.body));
}
