import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationAddressError } from '../../domain/webhook-destination.ts';
import { createKeyWith, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/support/webhook-receiver.ts';

describe('webhooks: no requests to private addresses (SSRF) by default', () => {
  let server: TestServer;
  let admin: ApiClient;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    server = await startTestServer({ env: { KEYWARD_WEBHOOK_ALLOW_PRIVATE: 'false' } });
    admin = (await signIn(server)).client;
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://127.1/hook',
    'http://2130706433/hook',
    'http://0x7f.0.0.1/hook',
    'http://localhost:8080/hook',
    'http://localhost./hook',
    'http://admin.localhost/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://0.0.0.0/hook',
    'http://10.0.0.5/hook',
    'http://172.16.3.4/hook',
    'http://192.168.1.1/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/hook',
    'http://[fd00::1]/hook',
    'http://[fe80::1]/hook',
    'http://224.0.0.1/hook',
  ])('refuses %s with 400 naming /url, on create and on edit', async (url) => {
    const created = await admin.post('/v1/webhooks', { url });
    expectProblem(created, 400, 'VALIDATION_FAILED', '/url');
    expect(created.body.detail).toContain('KEYWARD_WEBHOOK_ALLOW_PRIVATE');
    const { webhook } = (await admin.post('/v1/webhooks', { url: 'https://93.184.215.14/hook' })).body;
    expectProblem(await admin.patch(`/v1/webhooks/${webhook.id}`, { url }), 400, 'VALIDATION_FAILED', '/url');
    await admin.delete(`/v1/webhooks/${webhook.id}`);
  });

  it('accepts public addresses and host names (names are checked when sending)', async () => {
    for (const url of ['https://93.184.215.14/hook', 'https://[2606:2800:220:1::1]/hook', 'https://hooks.example.com/keyward?team=a']) {
      const response = await admin.post('/v1/webhooks', { url });
      expect(response.status, `${url}: ${response.text}`).toBe(201);
      await admin.delete(`/v1/webhooks/${response.body.webhook.id}`);
    }
  });

  it('refuses at send time a host name that resolves to a private address, without connecting', async () => {
    // The machine's own name resolves to a loopback or private address (/etc/hosts).
    const name = hostname();
    const resolved = await lookup(name).catch(() => undefined);
    if (!resolved || !destinationAddressError(resolved.address)) return;
    const port = new URL(receiver.url).port;
    const created = await admin.post('/v1/webhooks', { url: `http://${name}:${port}/hooks/keyward`, events: ['key.created'] });
    expect(created.status, created.text).toBe(201);
    await createKeyWith(admin);
    await server.app.webhooks.runOnce();
    expect(receiver.received).toHaveLength(0);
    const [delivery] = (await admin.get(`/v1/webhooks/${created.body.webhook.id}/deliveries`)).body.items;
    expect(delivery.status).toBe('pending');
    expect(delivery.attempts[0]).toMatchObject({ responseStatus: null, error: expect.stringMatching(/^refused: .* resolves to .*, a (loopback|private) address$/) });
  });
});

describe('webhooks: the signing secret is shown once and kept nowhere', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  const secrets: string[] = [];
  const responses: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ env: { LOG_LEVEL: 'trace' } });
    receiver = await startWebhookReceiver();
    const admin = (await signIn(server)).client;
    const created = await admin.post('/v1/webhooks', { url: receiver.url });
    secrets.push(created.body.secret);
    const id = created.body.webhook.id;
    secrets.push((await admin.post(`/v1/webhooks/${id}/rotate-secret`)).body.secret);
    receiver.answerWith(500);
    await createKeyWith(admin);
    await admin.post(`/v1/webhooks/${id}/test`);
    await server.app.webhooks.runOnce();
    for (const path of ['/v1/webhooks', `/v1/webhooks/${id}`, `/v1/webhooks/${id}/deliveries`, '/v1/audit?limit=100']) responses.push((await admin.get(path)).text);
    responses.push((await admin.patch(`/v1/webhooks/${id}`, { description: 'x' })).text);
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  it('deliveries went out and were logged (the scans below read real lines)', () => {
    expect(receiver.received.length).toBeGreaterThanOrEqual(2);
    expect(server.logs.join('\n')).toContain('webhook delivery failed; it will be retried');
    expect(server.logs.join('\n')).toContain('/v1/webhooks');
  });

  it('is in no list, read, edit, delivery log or audit answer', () => {
    for (const text of responses) for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('is in no log line', () => {
    const all = server.logs.join('\n');
    for (const secret of secrets) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(secret.slice('whsec_'.length));
    }
  });

  it('is in no row of the database (it is derived from KEYWARD_SECRET when signing)', async () => {
    const db = server.app.store.db;
    const tables = (await db.introspection.getTables()).map((table) => table.name);
    for (const table of tables) {
      const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db);
      const text = JSON.stringify(rows);
      for (const secret of secrets) expect(text, table).not.toContain(secret.slice('whsec_'.length));
    }
  });
});
