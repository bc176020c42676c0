import { createHash, createHmac, randomBytes } from 'node:crypto';

/** Prefix of every webhook signing secret, so a scanner (or a person) can tell what it is. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A fresh random salt for `deriveWebhookSecret` (rotating a secret is drawing a new salt). */
export function newWebhookSalt(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * A webhook's signing secret, derived from the server secret and the webhook's stored salt:
 * `whsec_` + base64url(HMAC-SHA-256(serverSecret, "keyward-webhook-secret/v1\0<id>\0<salt>")).
 * Nothing that could sign a delivery is stored: a copy of the database alone cannot forge one.
 *
 * @example deriveWebhookSecret(secret, 'whk_01…', salt) // 'whsec_3k…'
 */
export function deriveWebhookSecret(serverSecret: Buffer, webhookId: string, salt: string): string {
  const mac = createHmac('sha256', serverSecret).update(`keyward-webhook-secret/v1\0${webhookId}\0${salt}`).digest('base64url');
  return WEBHOOK_SECRET_PREFIX + mac;
}

/**
 * A short check value of a secret (8 hex characters of its SHA-256), stored beside the salt so
 * that a secret derived under a different server secret (KEYWARD_SECRET was changed) is
 * noticed before anything is signed with it. 32 bits of a hash say nothing useful about a
 * 256-bit secret.
 */
export function webhookSecretCheck(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 8);
}

/**
 * The `Keyward-Signature` header for a body sent at `timestamp` (Unix seconds):
 * `t=<timestamp>,v1=<hex HMAC-SHA-256(secret, "<timestamp>.<body>")>`. The timestamp is signed
 * too, so a captured request cannot be replayed later than the receiver's tolerance.
 *
 * @example signatureHeader('whsec_…', 1767225600, '{"id":"wev_…"}') // 't=1767225600,v1=5f…'
 */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}
