import { randomUUID } from 'node:crypto';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../../domain/webhook-events.ts';
import { deriveWebhookSecret, signatureHeader, webhookSecretCheck } from '../../domain/webhook-signature.ts';
import type { DueDelivery } from '../../store/webhook-deliveries.ts';
import type { WebhookDeliveryStatus } from '../../store/database.ts';
import type { ServiceContext } from '../context.ts';
import { postWebhook, type SendResult } from './webhook-sender.ts';

export type DispatchOptions = {
  /** Deliveries claimed per round. */
  batch: number;
  /** Deliveries sent at once. */
  concurrency: number;
  /** The longest a receiver may take to answer. */
  timeoutMs: number;
  /** How long a claim lasts: longer than any send, so a live node never loses its claim. */
  leaseMs: number;
  /** Aborts sends in flight (the app is stopping); their claims simply run out. */
  signal: AbortSignal;
  /** Told of each finished attempt (for the log: ids and outcome, never the URL or secret). */
  onAttempt?: (attempt: AttemptReport) => void;
};

export type AttemptReport = { webhookId: string; deliveryId: string; eventType: string; attempt: number; status: WebhookDeliveryStatus; responseStatus: number | null };

export const USER_AGENT = 'Keyward-Webhooks/1';

const SECRET_CHANGED = 'the signing secret cannot be derived any more: KEYWARD_SECRET changed since it was issued; rotate the webhook secret';

/** Claims what is due, under a lease that only this call holds. */
async function claimDue(ctx: ServiceContext, options: DispatchOptions): Promise<{ token: string; claimed: DueDelivery[] }> {
  const now = ctx.clock();
  const nowIso = new Date(now).toISOString();
  const due = await ctx.store.deliveries.due(nowIso, options.batch);
  const token = randomUUID();
  if (due.length === 0) return { token, claimed: [] };
  const lease = { token, nowIso, untilIso: new Date(now + options.leaseMs).toISOString() };
  const claimed = await ctx.write(async (tx) => {
    const won: DueDelivery[] = [];
    // In id order: two nodes claiming overlapping sets lock rows in the same order (no deadlock).
    for (const delivery of [...due].sort((a, b) => (a.id < b.id ? -1 : 1))) if (await tx.deliveries.claim(delivery.id, lease)) won.push(delivery);
    return won;
  });
  return { token, claimed };
}

/** Signs and sends one delivery; the signature's timestamp is the moment of sending. */
async function send(ctx: ServiceContext, delivery: DueDelivery, options: DispatchOptions): Promise<SendResult> {
  const secret = deriveWebhookSecret(ctx.secret, delivery.webhook_id, delivery.secret_salt);
  if (webhookSecretCheck(secret) !== delivery.secret_check) return { status: null, error: SECRET_CHANGED, excerpt: null, durationMs: 0 };
  const timestamp = Math.floor(ctx.clock() / 1000);
  return postWebhook({
    url: delivery.url,
    body: delivery.payload,
    headers: {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'keyward-event-id': delivery.event_id,
      'keyward-event-type': delivery.event_type,
      'keyward-signature': signatureHeader(secret, timestamp, delivery.payload),
    },
    timeoutMs: options.timeoutMs,
    allowPrivate: ctx.allowPrivateWebhooks,
    signal: options.signal,
  });
}

/** One attempt: send, then record it and what comes next (done, retry later, or given up). */
async function attempt(ctx: ServiceContext, delivery: DueDelivery, token: string, options: DispatchOptions): Promise<void> {
  const startedAt = ctx.clock();
  const result = await send(ctx, delivery, options);
  // Stopping: record nothing. The claim runs out and the delivery is sent again (at least once).
  if (options.signal.aborted) return;
  const number = delivery.attempts + 1;
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  const status: WebhookDeliveryStatus = ok ? 'delivered' : number >= MAX_DELIVERY_ATTEMPTS ? 'failed' : 'pending';
  const now = ctx.clock();
  const recorded = await ctx.write((tx) =>
    tx.deliveries.finishAttempt(delivery.id, token, {
      status,
      nextAttemptAt: status === 'pending' ? new Date(now + retryDelayMs(number)).toISOString() : null,
      nowIso: new Date(now).toISOString(),
      attempt: {
        delivery_id: delivery.id,
        attempt: number,
        started_at: new Date(startedAt).toISOString(),
        duration_ms: result.durationMs,
        response_status: result.status,
        error: ok ? null : (result.error ?? `answered HTTP ${result.status}`),
        response_excerpt: result.excerpt,
      },
    }),
  );
  if (recorded) options.onAttempt?.({ webhookId: delivery.webhook_id, deliveryId: delivery.id, eventType: delivery.event_type, attempt: number, status, responseStatus: result.status });
}

/**
 * Sends every delivery that is due now (up to one batch), at most `concurrency` at a time,
 * and resolves when each attempt is recorded. Answers how many were claimed, so a caller can
 * go round again while batches come back full.
 */
export async function dispatchDue(ctx: ServiceContext, options: DispatchOptions): Promise<number> {
  const { token, claimed } = await claimDue(ctx, options);
  const queue = [...claimed];
  const workers = Array.from({ length: Math.min(options.concurrency, queue.length) }, async () => {
    for (let next = queue.shift(); next && !options.signal.aborted; next = queue.shift()) await attempt(ctx, next, token, options);
  });
  await Promise.all(workers);
  return claimed.length;
}
