/** The key events a webhook can subscribe to. */
export const KEY_EVENT_TYPES = [
  'key.created',
  'key.updated',
  'key.expiring',
  'key.expired',
  'key.disabled',
  'key.deleted',
  'key.leaked',
] as const;

export type KeyEventType = (typeof KEY_EVENT_TYPES)[number];

/** The identity events: sent to every webhook subscribed to them (identities belong to no project). */
export const IDENTITY_EVENT_TYPES = ['identity.created', 'identity.updated', 'identity.deleted'] as const;

export type IdentityEventType = (typeof IDENTITY_EVENT_TYPES)[number];

/** Every event a webhook can subscribe to; a webhook created without a list gets them all. */
export const EVENT_TYPES = [...KEY_EVENT_TYPES, ...IDENTITY_EVENT_TYPES] as const;

export type SubscribableEventType = (typeof EVENT_TYPES)[number];

/** What `POST /v1/webhooks/{id}/test` sends; not subscribable, it goes only where it is asked. */
export const TEST_EVENT_TYPE = 'webhook.test';

export type WebhookEventType = SubscribableEventType | typeof TEST_EVENT_TYPE;

/** Attempts before a delivery is given up as failed (the first one included). */
export const MAX_DELIVERY_ATTEMPTS = 8;

const FIRST_RETRY_MS = 30_000;
const BACKOFF_FACTOR = 4;

/**
 * How long to wait after failed attempt number `attempt` (1-based) before the next one:
 * 30 s, 2 min, 8 min, 32 min, 2 h 8 min, 8 h 32 min, 34 h 8 min. A receiver that is down for a
 * deploy gets its events a minute later; one down for a day still gets them (about 45 h in all).
 * No jitter: each delivery keeps its own schedule from its own first failure, so the retries of
 * a burst are already spread as the burst was.
 *
 * @example retryDelayMs(1) // 30_000
 */
export function retryDelayMs(attempt: number): number {
  return FIRST_RETRY_MS * BACKOFF_FACTOR ** Math.max(0, attempt - 1);
}

/** Which expiry notice a key is due: 7 days ahead, 1 day ahead, or expired. */
export type ExpiryNotice = '7d' | '1d' | 'expired';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The window of `expiresAt` each notice covers, relative to `now`: `(after, until]`. A key is in
 * at most one window, so a key made to expire in 12 hours gets the 1-day notice and never a
 * 7-day one, and a scanner that was stopped for a week sends only `expired`. Expired notices
 * look back 7 days: a key that expired before that (or before webhooks existed) is old news.
 */
export function expiryWindows(now: number): { notice: ExpiryNotice; after: number; until: number }[] {
  return [
    { notice: '7d', after: now + DAY_MS, until: now + 7 * DAY_MS },
    { notice: '1d', after: now, until: now + DAY_MS },
    { notice: 'expired', after: now - 7 * DAY_MS, until: now },
  ];
}

/** The payload every delivery carries (its JSON is what is signed). */
export type WebhookPayload = {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  data: Record<string, unknown>;
};
