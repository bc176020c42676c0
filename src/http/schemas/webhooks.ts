import { Type } from 'typebox';
import { EVENT_TYPES, MAX_DELIVERY_ATTEMPTS } from '../../domain/webhook-events.ts';
import { Id, IsoDateTime, Nullable } from './common.ts';

export const WebhookParams = Type.Object({ id: Id('whk') });

export const KeyEventType = Type.Union(EVENT_TYPES.map((type) => Type.Literal(type)), { description: 'An event a webhook can subscribe to: a key event, or an identity event' });

/** The settings a webhook is created or edited with. */
export const webhookFields = {
  url: Type.String({ minLength: 1, maxLength: 2048, description: 'Where events are POSTed: http(s), no credentials, a public address unless KEYWARD_WEBHOOK_ALLOW_PRIVATE=true', examples: ['https://example.com/keyward-events'] }),
  events: Type.Array(KeyEventType, { minItems: 1, maxItems: EVENT_TYPES.length, uniqueItems: true, description: 'The events to send (default: all of them)' }),
  projectId: Nullable(Id('prj')),
  description: Type.String({ maxLength: 1000 }),
  enabled: Type.Boolean({ description: 'A disabled webhook gets no new events; its queued deliveries wait until it is enabled again' }),
};

const UserRef = Type.Object({ id: Type.String(), username: Type.String() });

/** A webhook as returned: never its signing secret. */
export const Webhook = Type.Object({
  id: Id('whk'),
  url: Type.String(),
  projectId: Nullable(Type.String({ description: 'The project whose key events it gets; null for every project' })),
  events: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  description: Type.String(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  createdBy: Nullable(UserRef),
});

export const IssuedWebhook = Type.Object({
  webhook: Webhook,
  secret: Type.String({ description: 'The signing secret (whsec_…). Shown this once: store it now.', examples: ['whsec_0CzVsnSA1q5mJ0m2mBfX8Hn0qfM1Y9uYwzj3qj2HbVk'] }),
});

const Attempt = Type.Object({
  attempt: Type.Integer({ minimum: 1, maximum: MAX_DELIVERY_ATTEMPTS }),
  at: IsoDateTime,
  durationMs: Type.Integer(),
  responseStatus: Nullable(Type.Integer({ description: 'The receiver\'s HTTP status; null when no answer came' })),
  error: Nullable(Type.String({ description: 'Why the attempt did not succeed' })),
  responseExcerpt: Nullable(Type.String({ description: 'The first 300 characters of the answer' })),
});

export const WebhookDelivery = Type.Object({
  id: Id('dlv'),
  webhookId: Type.String(),
  eventId: Type.String({ description: 'The Keyward-Event-Id header: the same on every attempt and every webhook' }),
  eventType: Type.String({ examples: ['key.created'] }),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  createdAt: IsoDateTime,
  nextAttemptAt: Nullable(IsoDateTime),
  deliveredAt: Nullable(IsoDateTime),
  payload: Type.Record(Type.String(), Type.Unknown(), { description: 'The JSON body sent' }),
  attempts: Type.Array(Attempt),
});
