import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../domain/webhook-events.ts';
import { createKeyWith, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { managementKey } from '../../../test/support/people.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { readmeSignatureRecipe, type VerifyKeywardSignature } from '../../../test/support/webhook-recipe.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/support/webhook-receiver.ts';
import { waitFor } from '../../../test/support/wait-for.ts';

describe('webhook deliveries: signed, retried with backoff, logged', () => {
  let server: TestServer;
  let admin: ApiClient;
  let receiver: WebhookReceiver;
  let verify: VerifyKeywardSignature;

  beforeAll(async () => {
    server = await startTestServer();
    // A management key, not a session: sessions end when the tests move the clock by hours.
    admin = (await managementKey(server, (await signIn(server)).client, ['*'])).client;
    receiver = await startWebhookReceiver();
    verify = await readmeSignatureRecipe();
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  const deliveriesOf = async (webhookId: string) => (await admin.get(`/v1/webhooks/${webhookId}/deliveries`)).body.items as any[];

  it('is received by a real listener, verifies with the README recipe, and is retried after a 500', async () => {
    const created = await admin.post('/v1/webhooks', { url: receiver.url, events: ['key.created'], description: 'retry test' });
    expect(created.status, created.text).toBe(201);
    const { secret } = created.body as { secret: string };
    const webhookId = created.body.webhook.id as string;
    receiver.received.length = 0;
    receiver.answerWith(500, 200);

    const { keyId, token } = await createKeyWith(admin);
    await server.app.webhooks.runOnce();

    expect(receiver.received).toHaveLength(1);
    const first = receiver.received[0]!;
    expect(first.method).toBe('POST');
    expect(first.path).toBe('/hooks/keyward');
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.headers['user-agent']).toBe('Keyward-Webhooks/1');
    expect(first.headers['keyward-event-type']).toBe('key.created');
    expect(first.headers['keyward-event-id']).toBe(first.json.id);
    expect(first.headers['keyward-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(first.json).toMatchObject({ id: expect.stringMatching(/^wev_/), type: 'key.created', createdAt: expect.any(String), data: { key: { id: keyId, status: 'active' } } });
    expect(first.rawBody).not.toContain(token);
    expect(first.rawBody).not.toContain(secret);

    // The documented recipe accepts it; a changed body, another secret or a stale time do not.
    const options = { now: server.now() };
    expect(verify(secret, first.headers['keyward-signature'], first.rawBody, options)).toBe(true);
    expect(verify(secret, first.headers['keyward-signature'], first.rawBody.replace('key.created', 'key.deleted'), options)).toBe(false);
    expect(verify(`${secret}x`, first.headers['keyward-signature'], first.rawBody, options)).toBe(false);
    expect(verify(secret, first.headers['keyward-signature'], first.rawBody, { now: server.now() + 10 * 60_000 })).toBe(false);

    let [delivery] = await deliveriesOf(webhookId);
    expect(delivery).toMatchObject({ status: 'pending', eventType: 'key.created', eventId: first.json.id, deliveredAt: null, payload: first.json });
    expect(delivery.attempts).toEqual([
      { attempt: 1, at: expect.any(String), durationMs: expect.any(Number), responseStatus: 500, error: 'answered HTTP 500', responseExcerpt: 'receiver says 500' },
    ]);
    const wait = Date.parse(delivery.nextAttemptAt) - Date.parse(delivery.attempts[0].at);
    expect(wait).toBeGreaterThanOrEqual(retryDelayMs(1));
    expect(wait).toBeLessThan(retryDelayMs(1) + 2000);

    // Not before its time...
    server.advance(retryDelayMs(1) - 5000);
    await server.app.webhooks.runOnce();
    expect(receiver.received).toHaveLength(1);
    // ...then once it is due.
    server.advance(7000);
    await server.app.webhooks.runOnce();
    expect(receiver.received).toHaveLength(2);
    const second = receiver.received[1]!;
    expect(second.rawBody).toBe(first.rawBody);
    expect(second.headers['keyward-event-id']).toBe(first.headers['keyward-event-id']);
    expect(verify(secret, second.headers['keyward-signature'], second.rawBody, { now: server.now() })).toBe(true);

    [delivery] = await deliveriesOf(webhookId);
    expect(delivery).toMatchObject({ status: 'delivered', nextAttemptAt: null, deliveredAt: expect.any(String) });
    expect(delivery.attempts.map((attempt: any) => [attempt.attempt, attempt.responseStatus, attempt.error])).toEqual([[1, 500, 'answered HTTP 500'], [2, 200, null]]);
    expect(Date.parse(delivery.attempts[1].at) - Date.parse(delivery.attempts[0].at)).toBeGreaterThanOrEqual(retryDelayMs(1));

    // Delivered is final: nothing more is sent.
    server.advance(24 * 3600_000);
    await server.app.webhooks.runOnce();
    expect(receiver.received).toHaveLength(2);
    await admin.delete(`/v1/webhooks/${webhookId}`);
  });

  it('follows the whole schedule and gives up after 8 attempts; redirects are failures, never followed', async () => {
    const created = await admin.post('/v1/webhooks', { url: receiver.url, events: ['key.updated'] });
    const webhookId = created.body.webhook.id as string;
    const { keyId } = await createKeyWith(admin);
    receiver.received.length = 0;
    receiver.answerWith(302, 404, 500, 502, 503, 504, 429, 500, 200);
    await admin.patch(`/v1/keys/${keyId}`, { name: 'renamed' });
    await server.app.webhooks.runOnce();
    for (let attempt = 1; attempt < 8; attempt++) {
      server.advance(retryDelayMs(attempt) + 1000);
      await server.app.webhooks.runOnce();
    }
    server.advance(7 * 24 * 3600_000);
    await server.app.webhooks.runOnce();

    expect(receiver.received).toHaveLength(8);
    const [delivery] = await deliveriesOf(webhookId);
    expect(delivery).toMatchObject({ status: 'failed', nextAttemptAt: null, deliveredAt: null, eventType: 'key.updated' });
    expect(delivery.attempts.map((attempt: any) => attempt.responseStatus)).toEqual([302, 404, 500, 502, 503, 504, 429, 500]);
    const starts = delivery.attempts.map((attempt: any) => Date.parse(attempt.at));
    for (let i = 1; i < 8; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(retryDelayMs(i));
    // 30 s, 2 min, 8 min, … as documented.
    expect([1, 2, 3, 7].map(retryDelayMs)).toEqual([30_000, 120_000, 480_000, 30_000 * 4 ** 6]);
    expect((await admin.get(`/v1/webhooks/${webhookId}/deliveries?status=failed`)).body.total).toBe(1);
    expect((await admin.get(`/v1/webhooks/${webhookId}/deliveries?status=pending`)).body.total).toBe(0);
    await admin.delete(`/v1/webhooks/${webhookId}`);
  });

  it('logs a refused connection as an attempt with its error, and retries it', async () => {
    const closed = await startWebhookReceiver();
    await closed.close();
    const created = await admin.post('/v1/webhooks', { url: closed.url, events: ['key.created'] });
    const webhookId = created.body.webhook.id as string;
    await createKeyWith(admin);
    await server.app.webhooks.runOnce();
    const [delivery] = await deliveriesOf(webhookId);
    expect(delivery.status).toBe('pending');
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toMatchObject({ responseStatus: null, error: expect.stringContaining('ECONNREFUSED'), responseExcerpt: null });
    await admin.delete(`/v1/webhooks/${webhookId}`);
  });

  it('sends a webhook.test event on request, and a rotated secret signs from then on', async () => {
    const created = await admin.post('/v1/webhooks', { url: receiver.url, events: ['key.deleted'] });
    const webhookId = created.body.webhook.id as string;
    receiver.received.length = 0;
    const test = await admin.post(`/v1/webhooks/${webhookId}/test`);
    expect(test.status, test.text).toBe(202);
    expect(test.body).toMatchObject({ status: 'pending', eventType: 'webhook.test', attempts: [], payload: { type: 'webhook.test', data: { webhook: { id: webhookId, url: receiver.url } } } });
    await server.app.webhooks.runOnce();
    expect(receiver.received.map((request) => request.json.type)).toEqual(['webhook.test']);
    expect(verify(created.body.secret, receiver.received[0]!.headers['keyward-signature'], receiver.received[0]!.rawBody, { now: server.now() })).toBe(true);

    const rotated = await admin.post(`/v1/webhooks/${webhookId}/rotate-secret`);
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    await admin.post(`/v1/webhooks/${webhookId}/test`, {});
    await server.app.webhooks.runOnce();
    const last = receiver.received[1]!;
    expect(verify(rotated.body.secret, last.headers['keyward-signature'], last.rawBody, { now: server.now() })).toBe(true);
    expect(verify(created.body.secret, last.headers['keyward-signature'], last.rawBody, { now: server.now() })).toBe(false);
    await admin.delete(`/v1/webhooks/${webhookId}`);
  });

  it('holds deliveries while the webhook is disabled and sends them once it is enabled again', async () => {
    const created = await admin.post('/v1/webhooks', { url: receiver.url, events: ['key.created'] });
    const webhookId = created.body.webhook.id as string;
    receiver.received.length = 0;
    await createKeyWith(admin);
    await admin.patch(`/v1/webhooks/${webhookId}`, { enabled: false });
    await createKeyWith(admin);
    await server.app.webhooks.runOnce();
    expect(receiver.received).toHaveLength(0);
    expect((await deliveriesOf(webhookId)).map((delivery) => delivery.status)).toEqual(['pending']);
    await admin.patch(`/v1/webhooks/${webhookId}`, { enabled: true });
    await server.app.webhooks.runOnce();
    expect(receiver.received).toHaveLength(1);
    await admin.delete(`/v1/webhooks/${webhookId}`);
  });
});

describe('webhook deliveries without being asked (the app\'s own timers)', () => {
  it('sends a queued event within moments, with no runOnce', async () => {
    const server = await startTestServer({ webhookPollMs: 50 });
    const receiver = await startWebhookReceiver();
    try {
      const admin = (await signIn(server)).client;
      await admin.post('/v1/webhooks', { url: receiver.url, events: ['key.created'] });
      const { keyId } = await createKeyWith(admin);
      const request = await waitFor(async () => receiver.received[0], { what: 'the webhook' });
      expect(request.json.data.key.id).toBe(keyId);
    } finally {
      await server.close();
      await receiver.close();
    }
  });
});
