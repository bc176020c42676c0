import { newId } from '../../domain/ids.ts';
import { TEST_EVENT_TYPE, type IdentityEventType, type KeyEventType, type WebhookEventType, type WebhookPayload } from '../../domain/webhook-events.ts';
import type { WebhookDeliveryTable } from '../../store/database.ts';
import type { KeyView } from '../../store/key-views.ts';
import type { Repositories } from '../../store/repositories.ts';

function deliveryRow(webhookId: string, payload: WebhookPayload, body: string, now: number): WebhookDeliveryTable {
  const at = new Date(now).toISOString();
  return {
    id: newId('dlv', now),
    webhook_id: webhookId,
    event_id: payload.id,
    event_type: payload.type,
    payload: body,
    status: 'pending',
    attempts: 0,
    next_attempt_at: at,
    lease_token: null,
    lease_until: null,
    last_status: null,
    last_error: null,
    created_at: at,
    updated_at: at,
    delivered_at: null,
  };
}

function eventOf(type: WebhookEventType, data: Record<string, unknown>, now: number): { payload: WebhookPayload; body: string } {
  const payload: WebhookPayload = { id: newId('wev', now), type, createdAt: new Date(now).toISOString(), data };
  return { payload, body: JSON.stringify(payload) };
}

/**
 * Queues one event per key for every enabled webhook that wants `type` (and covers the key's
 * project), inside the caller's transaction: the events are committed with the change that
 * caused them, or not at all (the outbox pattern). `keys` may be a function, called only when
 * some webhook wants the event, so changes nobody listens to pay one small SELECT.
 *
 * @example await publishKeyEvents(tx, 'key.created', [view], now)
 */
export async function publishKeyEvents(
  tx: Repositories,
  type: KeyEventType,
  keys: readonly KeyView[] | (() => Promise<readonly KeyView[]>),
  now: number,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const subscribers = await tx.webhooks.subscribersOf(type);
  if (subscribers.length === 0) return;
  const views = typeof keys === 'function' ? await keys() : keys;
  const rows: WebhookDeliveryTable[] = [];
  for (const key of views) {
    const targets = subscribers.filter((webhook) => webhook.projectId === null || webhook.projectId === key.projectId);
    if (targets.length === 0) continue;
    // One event, one id and one body for every webhook: receivers de-duplicate on the id.
    const { payload, body } = eventOf(type, { key, ...extra }, now);
    for (const webhook of targets) rows.push(deliveryRow(webhook.id, payload, body, now));
  }
  await tx.deliveries.insert(rows);
}

/** Queues a `webhook.test` event for one webhook (whatever it subscribes to); returns the delivery id. */
export async function publishTestEvent(tx: Repositories, webhook: { id: string; url: string }, now: number): Promise<string> {
  const { payload, body } = eventOf(TEST_EVENT_TYPE, { webhook: { id: webhook.id, url: webhook.url } }, now);
  const row = deliveryRow(webhook.id, payload, body, now);
  await tx.deliveries.insert([row]);
  return row.id;
}

/**
 * Queues an identity event for every enabled webhook subscribed to it, inside the caller's
 * transaction (the outbox): identities belong to no project, so a webhook's project does not
 * narrow them.
 */
export async function publishIdentityEvent(tx: Repositories, type: IdentityEventType, identity: object, now: number): Promise<void> {
  const subscribers = await tx.webhooks.subscribersOf(type);
  if (subscribers.length === 0) return;
  const { payload, body } = eventOf(type, { identity }, now);
  await tx.deliveries.insert(subscribers.map((webhook) => deliveryRow(webhook.id, payload, body, now)));
}
