import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, signIn, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('usage analytics', () => {
  let server: TestServer;
  let admin: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    admin = (await signIn(server)).client;
  });
  afterAll(async () => server.close());

  it('counts every verification of a key by outcome and tag, in minute and hour buckets', async () => {
    const { token, keyId } = await createKeyWith(admin, { permissions: ['orders.read'] });
    const verify = (extra: Record<string, unknown> = {}) => apiClient(server.url).post('/v1/keys/verify', { key: token, ...extra });
    await verify({ tags: ['GET /orders'] });
    await verify({ tags: ['GET /orders', 'eu'] });
    await verify({ permissions: ['orders.write'] });
    await admin.patch(`/v1/keys/${keyId}`, { enabled: false });
    await verify();
    await verify();

    for (const granularity of ['minute', 'hour']) {
      const usage = await admin.get(`/v1/keys/${keyId}/usage?granularity=${granularity}`);
      expect(usage.status).toBe(200);
      const sum: Record<string, number> = {};
      for (const bucket of usage.body.buckets) {
        for (const [outcome, count] of Object.entries(bucket.outcomes as Record<string, number>)) sum[outcome] = (sum[outcome] ?? 0) + count;
      }
      expect(sum).toEqual({ VALID: 2, INSUFFICIENT_PERMISSIONS: 1, DISABLED: 2 });
      expect(usage.body.buckets.reduce((total: number, bucket: { total: number }) => total + bucket.total, 0)).toBe(5);
      expect(usage.body.tags).toEqual([{ tag: 'GET /orders', count: 2 }, { tag: 'eu', count: 1 }]);
    }

    const overview = await admin.get('/v1/usage?top=5');
    expect(overview.status).toBe(200);
    expect(overview.body.totals.VALID).toBeGreaterThanOrEqual(2);
    expect(overview.body.topKeys).toContainEqual({ keyId, name: 'test key', total: 5, valid: 2 });
  });

  it('refuses a range longer than the granularity keeps, and a reversed one', async () => {
    const { keyId } = await createKeyWith(admin);
    const from = new Date(Date.now() - 3 * 24 * 3600_000).toISOString();
    const tooLong = await admin.get(`/v1/keys/${keyId}/usage?granularity=minute&from=${from}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.code).toBe('VALIDATION_FAILED');
    const reversed = await admin.get(`/v1/usage?from=${new Date().toISOString()}&to=${from}`);
    expect(reversed.status).toBe(400);
    expect((await admin.get(`/v1/keys/${keyId}/usage?granularity=hour&from=${from}`)).status).toBe(200);
  });
});
