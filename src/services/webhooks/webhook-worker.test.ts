import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { App } from '../../http/app-types.ts';
import { createKeyWith, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { managementKey } from '../../../test/support/people.ts';
import { startTestServer, TEST_SECRET, type TestServer } from '../../../test/support/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/support/webhook-receiver.ts';
import { WebhookWorker } from './webhook-worker.ts';

const DAY = 24 * 3600_000;

type Node = { runOnce: () => Promise<void>; close: () => Promise<void> };

/**
 * Another node on the same database and clock. On PostgreSQL a whole second app (its own pool,
 * cache and worker), as in a cluster; SQLite serves one process, so there a second worker of
 * the same app, which still races for the same rows through its own runs.
 */
async function secondNode(server: TestServer, secret = TEST_SECRET): Promise<Node> {
  if (server.store === 'postgres') {
    const app: App = await buildApp({
      config: loadConfig({ DATABASE_URL: server.databaseUrl, KEYWARD_SECRET: secret, KEYWARD_WEBHOOK_ALLOW_PRIVATE: 'true', LOG_LEVEL: 'silent' }),
      secret: Buffer.from(secret),
      clock: server.now,
      passwordCost: 1024,
      webhookPollMs: 0,
    });
    return { runOnce: () => app.webhooks.runOnce(), close: () => app.close() };
  }
  const worker = new WebhookWorker({ ...server.app.services, secret: Buffer.from(secret) }, { pollMs: 0, scanMs: 60_000, log: server.app.log });
  return { runOnce: () => worker.runOnce(), close: () => worker.close() };
}

describe('two nodes on one database', () => {
  let server: TestServer;
  let other: Node;
  let admin: ApiClient;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    server = await startTestServer();
    other = await secondNode(server);
    admin = (await managementKey(server, (await signIn(server)).client, ['*'])).client;
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await other.close();
    await server.close();
    await receiver.close();
  });

  it('never send the same delivery twice when they dispatch at the same moment', async () => {
    const { webhook } = (await admin.post('/v1/webhooks', { url: receiver.url, events: ['key.created'] })).body;
    receiver.received.length = 0;
    const project = (await admin.post('/v1/projects', { name: 'Busy' })).body.id;
    for (let i = 0; i < 30; i++) await admin.post('/v1/keys', { projectId: project });
    await Promise.all([server.app.webhooks.runOnce(), other.runOnce(), server.app.webhooks.runOnce(), other.runOnce()]);
    const ids = receiver.received.map((request) => request.headers['keyward-event-id']);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    const deliveries = (await admin.get(`/v1/webhooks/${webhook.id}/deliveries?limit=100`)).body.items as any[];
    expect(deliveries.map((delivery) => `${delivery.status} ${delivery.attempts.length}`)).toEqual(Array(30).fill('delivered 1'));
    await admin.delete(`/v1/webhooks/${webhook.id}`);
  });

  it('send each expiry notice once, however many scan together', async () => {
    const { webhook } = (await admin.post('/v1/webhooks', { url: receiver.url, events: ['key.expiring', 'key.expired'] })).body;
    receiver.received.length = 0;
    const project = (await admin.post('/v1/projects', { name: 'Expiring together' })).body.id;
    const keys: string[] = [];
    for (let i = 0; i < 12; i++) keys.push((await admin.post('/v1/keys', { projectId: project, expiresAt: new Date(server.now() + 3 * DAY).toISOString() })).body.key.id);
    await Promise.all([server.app.webhooks.runOnce(), other.runOnce(), other.runOnce()]);
    await Promise.all([server.app.webhooks.runOnce(), other.runOnce()]);
    const noticed = receiver.received.map((request) => `${request.json.type} ${request.json.data.expiresIn} ${request.json.data.key.id}`).sort();
    expect(noticed).toEqual(keys.map((id) => `key.expiring 7d ${id}`).sort());
    await admin.delete(`/v1/webhooks/${webhook.id}`);
  });

  it('a node whose KEYWARD_SECRET differs signs nothing and says why', async () => {
    const stranger = await secondNode(server, `${TEST_SECRET}-rotated`);
    try {
      const { webhook } = (await admin.post('/v1/webhooks', { url: receiver.url, events: ['key.created'] })).body;
      receiver.received.length = 0;
      await createKeyWith(admin);
      await stranger.runOnce();
      expect(receiver.received).toHaveLength(0);
      const [delivery] = (await admin.get(`/v1/webhooks/${webhook.id}/deliveries`)).body.items;
      expect(delivery.status).toBe('pending');
      expect(delivery.attempts[0].error).toContain('KEYWARD_SECRET changed');
      await admin.delete(`/v1/webhooks/${webhook.id}`);
    } finally {
      await stranger.close();
    }
  });
});

describe('stopping while a receiver hangs', () => {
  it('closes at once, records nothing for the abandoned send, and another node sends it when the lease ends', async () => {
    const server = await startTestServer();
    const hanging: ServerResponse[] = [];
    const slow = createServer((_request, response) => void hanging.push(response));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const receiver = await startWebhookReceiver();
    const leaving = await secondNode(server);
    try {
      const admin = (await managementKey(server, (await signIn(server)).client, ['*'])).client;
      const { webhook } = (await admin.post('/v1/webhooks', { url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`, events: ['key.created'] })).body;
      await createKeyWith(admin);
      const run = leaving.runOnce();
      while (hanging.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const started = Date.now();
      await leaving.close();
      await run;
      expect(Date.now() - started).toBeLessThan(2000);

      let [delivery] = (await admin.get(`/v1/webhooks/${webhook.id}/deliveries`)).body.items;
      expect(delivery).toMatchObject({ status: 'pending', attempts: [] });
      // Its lease holds it for a minute: the remaining node leaves it alone until then.
      await admin.patch(`/v1/webhooks/${webhook.id}`, { url: receiver.url });
      await server.app.webhooks.runOnce();
      expect(receiver.received).toHaveLength(0);
      server.advance(61_000);
      await server.app.webhooks.runOnce();
      expect(receiver.received).toHaveLength(1);
      [delivery] = (await admin.get(`/v1/webhooks/${webhook.id}/deliveries`)).body.items;
      expect(delivery).toMatchObject({ status: 'delivered', attempts: [{ attempt: 1, responseStatus: 200 }] });
    } finally {
      for (const response of hanging) response.destroy();
      slow.close();
      await receiver.close();
      await server.close();
    }
  });
});

describe('a receiver that does not answer in time', () => {
  it('is an attempt that timed out, retried later', async () => {
    const server = await startTestServer();
    const hanging: ServerResponse[] = [];
    const slow = createServer((_request, response) => void hanging.push(response));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    // The app's own worker waits 10 s; this one, over the same services, only 300 ms.
    const impatient = new WebhookWorker(server.app.services, { pollMs: 0, scanMs: 60_000, timeoutMs: 300, log: server.app.log });
    try {
      const admin = (await signIn(server)).client;
      const { webhook } = (await admin.post('/v1/webhooks', { url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`, events: ['key.created'] })).body;
      await createKeyWith(admin);
      await impatient.runOnce();
      const [delivery] = (await admin.get(`/v1/webhooks/${webhook.id}/deliveries`)).body.items;
      expect(delivery.status).toBe('pending');
      expect(delivery.attempts).toEqual([expect.objectContaining({ attempt: 1, responseStatus: null, error: 'no answer within 0.3 s' })]);
      expect(delivery.attempts[0].durationMs).toBeGreaterThanOrEqual(290);
    } finally {
      await impatient.close();
      for (const response of hanging) response.destroy();
      slow.close();
      await server.close();
    }
  });
});
