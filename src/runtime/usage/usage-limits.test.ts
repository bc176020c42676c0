import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyWith, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { openRedis } from '../redis-client.ts';
import { UsageLimiter, type LimitedKey } from './usage-limits.ts';

/**
 * Quotas counted in Redis (several nodes), against a real Redis and the test server's database.
 * A node that still holds a key record from before an edit must spend from the edited quota.
 */
describe('quotas in Redis, after an edit of remaining', () => {
  let server: TestServer;
  let admin: ApiClient;
  let limiter: UsageLimiter;
  const redis = openRedis('redis://127.0.0.1:6379', () => {});
  beforeAll(async () => {
    server = await startTestServer();
    admin = (await signIn(server)).client;
    limiter = new UsageLimiter({
      keyCounters: server.app.store.repos.keyQuotas,
      identityCounters: server.app.store.repos.identityQuotas,
      mode: 'redis',
      redis,
      prefix: `keyward-test-${randomBytes(4).toString('hex')}:`,
      flushMs: 3_600_000,
      onFallback: (error) => { throw error; },
      onError: (error) => { throw error; },
    });
  });
  afterAll(async () => {
    await limiter.close();
    redis.disconnect();
    await server.close();
  });

  const storedRemaining = async (keyId: string) => (await admin.get(`/v1/keys/${keyId}`)).body.remaining as number | null;

  it('a stale key record spends from the new remaining, and the flush writes that', async () => {
    const { keyId } = await createKeyWith(admin, { key: { remaining: 100 } });
    const stale: LimitedKey = { id: keyId, ratelimits: [], remaining: 100, refill: null, lastRefillAt: null, identity: null };
    expect(await limiter.consume(stale, { cost: 1 }, Date.now())).toMatchObject({ remaining: 99 });
    // The edit, as updateKey makes it: the database first, then the counters.
    expect((await admin.patch(`/v1/keys/${keyId}`, { remaining: 10 })).status).toBe(200);
    await limiter.keyChanged(keyId, { remainingSet: true, remaining: 10, lastRefillAt: null });
    expect(await limiter.consume(stale, { cost: 1 }, Date.now())).toMatchObject({ remaining: 9 });
    await limiter.flush();
    expect(await storedRemaining(keyId)).toBe(9);
  });

  it('while Redis fails, windows count in this node\'s memory and quotas in the database, and say so', async () => {
    const broken = openRedis('redis://127.0.0.1:1', () => {});
    const failures: unknown[] = [];
    const fallingBack = new UsageLimiter({
      keyCounters: server.app.store.repos.keyQuotas, identityCounters: server.app.store.repos.identityQuotas, mode: 'redis', redis: broken,
      prefix: 'unreachable:', flushMs: 3_600_000, onFallback: (error) => failures.push(error), onError: (error) => { throw error; },
    });
    const { keyId } = await createKeyWith(admin, { key: { remaining: 5 } });
    const key: LimitedKey = { id: keyId, ratelimits: [{ name: 'default', limit: 1, durationMs: 60_000, autoApply: true }], remaining: 5, refill: null, lastRefillAt: null, identity: null };
    const now = Date.now();
    expect(await fallingBack.consume(key, { cost: 2 }, now)).toMatchObject({ remaining: 3, ratelimit: { remaining: 0 } });
    expect(await storedRemaining(keyId)).toBe(3);
    expect(await fallingBack.consume(key, { cost: 2 }, now)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await storedRemaining(keyId)).toBe(3);
    // Warned once for the outage, counted every time.
    expect([failures.length, fallingBack.fallbacks]).toEqual([1, 2]);
    await fallingBack.close();
    broken.disconnect();
  });

  it('a quota removed stays removed, though a stale record spends again', async () => {
    const { keyId } = await createKeyWith(admin, { key: { remaining: 100 } });
    const stale: LimitedKey = { id: keyId, ratelimits: [], remaining: 100, refill: null, lastRefillAt: null, identity: null };
    await limiter.consume(stale, { cost: 1 }, Date.now());
    expect((await admin.patch(`/v1/keys/${keyId}`, { remaining: null })).status).toBe(200);
    await limiter.keyChanged(keyId, { remainingSet: true, remaining: null, lastRefillAt: null });
    await limiter.consume(stale, { cost: 1 }, Date.now());
    await limiter.flush();
    expect(await storedRemaining(keyId)).toBeNull();
  });
});
