import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, signIn, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { withServerAndAdmin } from '../support/server-with-admin.ts';

const HOUR = 3_600_000;

describe('usage analytics', () => {
  let server: TestServer;
  let admin: ApiClient;
  withServerAndAdmin((started) => ({ server, admin } = started));

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

describe('usage tags: only VALID verifications, at most 100 distinct per key and hour', () => {
  let server: TestServer;
  let admin: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    // Five minutes into an hour, so each test's verifications fall in one hour (the cap is per
    // hour); before signing in, so the session is not idle past its hour.
    const now = server.now();
    server.advance(Math.ceil(now / HOUR) * HOUR + 5 * 60_000 - now);
    admin = (await signIn(server)).client;
  });
  afterAll(async () => server.close());

  const verify = async (token: string, body: Record<string, unknown>) =>
    (await apiClient(server.url).post('/v1/keys/verify', { key: token, ...body })).body.code as string;
  /** Rows in a usage table (all keys, or one), once what is counted in memory is written. */
  const rows = async (table: 'usage_tag_counts' | 'usage_counts', keyId?: string) => {
    await server.app.services.analytics.flush();
    let query = server.app.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
    if (keyId) query = query.where('key_id', '=', keyId);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };
  const tagsOf = async (keyId: string) => {
    const usage = await admin.get(`/v1/keys/${keyId}/usage`);
    expect(usage.status).toBe(200);
    return usage.body.tags as { tag: string; count: number }[];
  };

  it('keeps no tags of a disabled key, a missing permission or any other refusal, and still counts the outcome', async () => {
    const tags = ['GET /orders', 'region:eu'];
    const { token: disabledToken, keyId: disabled } = await createKeyWith(admin, { permissions: ['orders.read'] });
    expect((await admin.patch(`/v1/keys/${disabled}`, { enabled: false })).status).toBe(200);
    const { token, keyId } = await createKeyWith(admin, { permissions: ['orders.read'] });
    const { token: spentToken, keyId: spent } = await createKeyWith(admin, { key: { remaining: 0 } });
    const { token: fencedToken, keyId: fenced } = await createKeyWith(admin, { key: { ipAllowlist: ['203.0.113.0/24'] } });

    expect(await verify(disabledToken, { tags })).toBe('DISABLED');
    expect(await verify(token, { tags, permissions: ['orders.refunds.create'] })).toBe('INSUFFICIENT_PERMISSIONS');
    expect(await verify(token, { tags, permissions: 'orders.read AND nobody.has.this' })).toBe('INSUFFICIENT_PERMISSIONS');
    expect(await verify(spentToken, { tags })).toBe('USAGE_EXCEEDED');
    expect(await verify(fencedToken, { tags, ip: '198.51.100.7' })).toBe('IP_NOT_ALLOWED');

    for (const id of [disabled, keyId, spent, fenced]) {
      expect([id, await rows('usage_tag_counts', id)]).toEqual([id, 0]);
      expect(await tagsOf(id)).toEqual([]);
    }
    const usage = await admin.get(`/v1/keys/${disabled}/usage`);
    expect(usage.body.buckets.map((bucket: { outcomes: object }) => bucket.outcomes)).toEqual([{ DISABLED: 1 }]);

    // The same key VALID: its tags are kept.
    expect(await verify(token, { tags })).toBe('VALID');
    expect(await tagsOf(keyId)).toEqual([{ tag: 'GET /orders', count: 1 }, { tag: 'region:eu', count: 1 }]);
  });

  it('keeps 100 distinct tags of a key in an hour, across flushes, and counts the rest under _other', async () => {
    const { token, keyId } = await createKeyWith(admin);
    const names = Array.from({ length: 150 }, (_, i) => `route-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < 80; i += 20) expect(await verify(token, { tags: names.slice(i, i + 20) })).toBe('VALID');
    await server.app.services.analytics.flush();
    for (let i = 80; i < 150; i += 20) expect(await verify(token, { tags: names.slice(i, i + 20) })).toBe('VALID');

    const tags = await tagsOf(keyId);
    expect(tags).toHaveLength(101);
    expect(tags.slice(0, 100)).toEqual(names.slice(0, 100).map((tag) => ({ tag, count: 1 })));
    expect(tags[100]).toEqual({ tag: '_other', count: 50 });
    expect(await rows('usage_tag_counts', keyId)).toBe(101);

    // A tag kept this hour keeps counting; a new one, or one that was over the cap, is _other.
    expect(await verify(token, { tags: ['route-000', 'route-149', 'brand-new'] })).toBe('VALID');
    const after = await tagsOf(keyId);
    expect(after).toHaveLength(101);
    expect(after[0]).toEqual({ tag: 'route-000', count: 2 });
    expect(after.at(-1)).toEqual({ tag: '_other', count: 52 });
    expect(await rows('usage_tag_counts', keyId)).toBe(101);
  });

  it('keeps the database bounded under a flood of random tags from a valid and a disabled key', async () => {
    const { token, keyId } = await createKeyWith(admin);
    const { token: disabledToken, keyId: disabled } = await createKeyWith(admin);
    await admin.patch(`/v1/keys/${disabled}`, { enabled: false });
    const flood = async (calls: number) => {
      const randomTags = () => Array.from({ length: 20 }, () => randomBytes(16).toString('hex'));
      // Twenty at a time, half of them on each key.
      for (let i = 0; i < calls; i += 20) {
        await Promise.all(Array.from({ length: 20 }, (_, j) => verify(j % 2 ? disabledToken : token, { tags: randomTags() })));
      }
    };
    const before = { tags: await rows('usage_tag_counts'), counts: await rows('usage_counts') };

    await flood(300);
    // 150 × 20 random tags on the valid key: 100 of them and _other. The disabled key: none.
    expect(await rows('usage_tag_counts', keyId)).toBe(101);
    expect(await rows('usage_tag_counts', disabled)).toBe(0);
    // Outcome counts: a minute and an hour bucket per key and outcome (two, unless a minute
    // ended during the flood).
    const counted = await rows('usage_counts');
    expect(counted - before.counts).toBeGreaterThanOrEqual(4);
    expect(counted - before.counts).toBeLessThanOrEqual(6);
    expect(await rows('usage_tag_counts')).toBe(before.tags + 101);

    // As much again: not one more tag row.
    await flood(300);
    expect(await rows('usage_tag_counts')).toBe(before.tags + 101);
    const tags = await tagsOf(keyId);
    expect(tags.filter((entry) => entry.tag !== '_other').reduce((sum, entry) => sum + entry.count, 0)).toBe(100);
    expect(tags.at(-1)).toEqual({ tag: '_other', count: 2 * 150 * 20 - 100 });
  });
});
