import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveWebhookSecret, newWebhookSalt, signatureHeader, webhookSecretCheck } from './webhook-signature.ts';

const SERVER_SECRET = Buffer.from('a-server-secret-of-at-least-thirty-two-characters');

describe('webhook secrets', () => {
  it('are derived, stable for one webhook and salt, and differ with either', () => {
    const salt = newWebhookSalt();
    const secret = deriveWebhookSecret(SERVER_SECRET, 'whk_a', salt);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(deriveWebhookSecret(SERVER_SECRET, 'whk_a', salt)).toBe(secret);
    expect(deriveWebhookSecret(SERVER_SECRET, 'whk_b', salt)).not.toBe(secret);
    expect(deriveWebhookSecret(SERVER_SECRET, 'whk_a', newWebhookSalt())).not.toBe(secret);
    expect(deriveWebhookSecret(Buffer.from('another-server-secret-of-thirty-two-chars'), 'whk_a', salt)).not.toBe(secret);
  });
  it('have a short check value that tells a secret from another', () => {
    const a = deriveWebhookSecret(SERVER_SECRET, 'whk_a', 'salt');
    expect(webhookSecretCheck(a)).toMatch(/^[0-9a-f]{8}$/);
    expect(webhookSecretCheck(a)).not.toBe(webhookSecretCheck(`${a}x`));
  });
});

describe('signatureHeader', () => {
  it('is t=<seconds>,v1=<hex HMAC-SHA-256 of "t.body">', () => {
    const expected = createHmac('sha256', 'whsec_x').update('1767225600.{"a":1}').digest('hex');
    expect(signatureHeader('whsec_x', 1767225600, '{"a":1}')).toBe(`t=1767225600,v1=${expected}`);
  });
});
