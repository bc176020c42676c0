import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyWith, signIn, type ApiClient } from '../../test/support/api-client.ts';
import { startTestServer, type TestServer } from '../../test/support/test-server.ts';
import { createOrdersApi } from './app.ts';

describe('the Express example, protected by the Keyward middleware', () => {
  let keyward: TestServer;
  let admin: ApiClient;
  let server: Server;
  let base: string;
  let projectId: string;

  const call = async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => {
    const response = await fetch(`${base}${path}`, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as any };
  };

  beforeAll(async () => {
    keyward = await startTestServer();
    admin = (await signIn(keyward)).client;
    projectId = (await admin.post('/v1/projects', { name: 'Orders API', keyPrefix: 'ord' })).body.id;
    server = createOrdersApi({ keywardUrl: keyward.url, projectId }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await keyward?.close();
  });

  const keyFor = async (permissions: string[]) => {
    const group = await admin.post('/v1/groups', { name: `g-${permissions.join('-')}-${Math.random().toString(36).slice(2, 8)}`, permissions });
    const key = await admin.post('/v1/keys', { projectId, name: permissions.join(' '), groupIds: [group.body.id], owner: 'admin' });
    return { token: key.body.token as string, keyId: key.body.key.id as string };
  };

  it('keeps /health open', async () => {
    expect(await call('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('answers 401 problem+json without a key', async () => {
    const response = await call('GET', '/orders');
    expect(response).toMatchObject({ status: 401, type: expect.stringMatching(/^application\/problem\+json/), body: { code: 'UNAUTHENTICATED' } });
  });

  it('lets a reader read and a writer write, each seeing who called', async () => {
    const writer = await keyFor(['orders.read', 'orders.write']);
    const placed = await call('POST', '/orders', { authorization: `Bearer ${writer.token}` }, { item: 'tea' });
    expect(placed).toMatchObject({ status: 201, body: { item: 'tea', placedByKey: writer.keyId, owner: expect.stringMatching(/^usr_/) } });

    const reader = await keyFor(['orders.read']);
    const read = await call('GET', '/orders', { 'x-api-key': reader.token });
    expect(read.status).toBe(200);
    expect(read.body.orders).toEqual([placed.body]);
    expect(read.body.caller).toMatchObject({ keyId: reader.keyId, projectId, permissions: ['orders.read'] });
  });

  it('answers 403 when the key lacks the permission, and 401 for a key of another project', async () => {
    const reader = await keyFor(['orders.read']);
    expect(await call('POST', '/orders', { authorization: `Bearer ${reader.token}` }, { item: 'tea' })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN', verification: 'INSUFFICIENT_PERMISSIONS' },
    });
    const stranger = await createKeyWith(admin, { permissions: ['orders.read'] });
    expect((await call('GET', '/orders', { authorization: `Bearer ${stranger.token}` })).status).toBe(401);
  });
});
