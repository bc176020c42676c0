import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, signIn, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { withServerAndAdmin } from '../support/server-with-admin.ts';

describe('rate limits and quotas', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anonymous: ApiClient;
  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    anonymous = apiClient(server.url);
  });

  const verify = (key: string, extra: Record<string, unknown> = {}) => anonymous.post('/v1/keys/verify', { key, ...extra });

  it('allows exactly `limit` verifications per window, then RATE_LIMITED with the window state', async () => {
    const { token } = await createKeyWith(admin, { key: { ratelimit: { limit: 5, windowMs: 60_000 } } });
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push((await verify(token)).body);
    expect(answers.map((answer) => answer.code)).toEqual(['VALID', 'VALID', 'VALID', 'VALID', 'VALID', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(answers[0].ratelimit).toMatchObject({ limit: 5, remaining: 4 });
    expect(answers[4].ratelimit).toMatchObject({ limit: 5, remaining: 0 });
    expect(answers[5]).toMatchObject({ valid: false, code: 'RATE_LIMITED', ratelimit: { limit: 5, remaining: 0 } });
    // The window slides in slots of 1/60 of it: room frees up when the slot of the first use
    // leaves it, within the window and one slot.
    const resetAt = Date.parse(answers[5].ratelimit.resetAt);
    expect(resetAt).toBeGreaterThan(Date.now());
    expect(resetAt).toBeLessThanOrEqual(Date.now() + 60_000 + 1000);
  });

  it('spends a quota to zero, then USAGE_EXCEEDED, and `cost` spends several at once', async () => {
    const { token } = await createKeyWith(admin, { key: { remaining: 5 } });
    expect((await verify(token, { cost: 3 })).body).toMatchObject({ code: 'VALID', remaining: 2 });
    expect((await verify(token, { cost: 3 })).body).toMatchObject({ code: 'USAGE_EXCEEDED', valid: false });
    expect((await verify(token)).body).toMatchObject({ code: 'VALID', remaining: 1 });
    expect((await verify(token)).body).toMatchObject({ code: 'VALID', remaining: 0 });
    expect((await verify(token)).body.code).toBe('USAGE_EXCEEDED');
    expect((await verify(token, { cost: 0 })).body.code).toBe('USAGE_EXCEEDED');
  });

  it('writes the spent quota behind to the key, and an edit of remaining starts it afresh', async () => {
    const { token, keyId } = await createKeyWith(admin, { key: { remaining: 3 } });
    await verify(token);
    await verify(token);
    let stored = 3;
    for (let i = 0; i < 40 && stored !== 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stored = (await admin.get(`/v1/keys/${keyId}`)).body.remaining;
    }
    expect(stored).toBe(1);
    expect((await admin.patch(`/v1/keys/${keyId}`, { remaining: 10 })).body.remaining).toBe(10);
    expect((await verify(token)).body).toMatchObject({ code: 'VALID', remaining: 9 });
  });

  it('tries a quota write that failed again at the next flush, though the key is not used again', async (context) => {
    // Counted in memory and written behind only on the embedded store (PostgreSQL without Redis
    // spends in the database itself).
    if (server.store !== 'sqlite') return context.skip();
    const { token, keyId } = await createKeyWith(admin, { key: { remaining: 5 } });
    const { limits } = server.app.services;
    const { db } = server.app.store;
    await sql`CREATE TRIGGER refuse_quota_writes BEFORE UPDATE OF remaining ON keys BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`.execute(db);
    try {
      expect((await verify(token)).body).toMatchObject({ code: 'VALID', remaining: 4 });
      await expect(limits.flush()).rejects.toThrow(/refused by the test/);
      const stored = await db.selectFrom('keys').select('remaining').where('id', '=', keyId).executeTakeFirstOrThrow();
      expect(stored.remaining).toBe(5);
    } finally {
      await sql`DROP TRIGGER refuse_quota_writes`.execute(db);
    }
    await limits.flush();
    expect((await admin.get(`/v1/keys/${keyId}`)).body.remaining).toBe(4);
  });

  it('refills a daily quota at the UTC day boundary (the server clock is moved, no sleeping)', async () => {
    const { token } = await createKeyWith(admin, { key: { remaining: 2, refill: { amount: 4, interval: 'daily' } } });
    await verify(token);
    await verify(token);
    expect((await verify(token)).body.code).toBe('USAGE_EXCEEDED');
    const now = server.now();
    const nextMidnight = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate() + 1);
    server.advance(nextMidnight - now + 1000);
    // A day later the session has idled out: sign in again for the tests that follow.
    admin = (await signIn(server)).client;
    expect((await verify(token)).body).toMatchObject({ code: 'VALID', remaining: 3 });
    for (let i = 0; i < 3; i++) expect((await verify(token)).body.code).toBe('VALID');
    expect((await verify(token)).body.code).toBe('USAGE_EXCEEDED');
  });

  it('answers 429 with Retry-After in forward-auth for both limits', async () => {
    const limited = await createKeyWith(admin, { key: { ratelimit: { limit: 1, windowMs: 60_000 } } });
    const check = (token: string) => anonymous.get('/v1/authorize', { 'x-api-key': token });
    expect((await check(limited.token)).status).toBe(200);
    const refused = await check(limited.token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('x-keyward-code')).toBe('RATE_LIMITED');

    const spent = await createKeyWith(admin, { key: { remaining: 1 } });
    expect((await check(spent.token)).status).toBe(200);
    const exhausted = await check(spent.token);
    expect(exhausted.status).toBe(429);
    expect(exhausted.headers.get('x-keyward-code')).toBe('USAGE_EXCEEDED');
    expect(exhausted.headers.get('retry-after')).not.toBeNull();
  });

  it('spends a quota exactly, not once more, under concurrent verifications', async () => {
    const { token } = await createKeyWith(admin, { key: { remaining: 25 } });
    const answers = await Promise.all(Array.from({ length: 60 }, () => verify(token)));
    const codes = answers.map((answer) => answer.body.code);
    expect(codes.filter((code) => code === 'VALID')).toHaveLength(25);
    expect(codes.filter((code) => code === 'USAGE_EXCEEDED')).toHaveLength(35);
  });
});

describe('an edit of a key with a quota, while spends are still counted in memory', () => {
  let server: TestServer;
  let admin: ApiClient;
  beforeAll(async () => {
    // Nothing is written behind by itself during the test: only the edit can write the count.
    server = await startTestServer({ usageFlushMs: 3_600_000 });
    admin = (await signIn(server)).client;
  });
  afterAll(async () => server.close());

  const verify = (key: string) => apiClient(server.url).post('/v1/keys/verify', { key });

  it('keeps the spends when the edit changes the refill or the rate limit, not remaining', async () => {
    const { token, keyId } = await createKeyWith(admin, { key: { remaining: 100, refill: { amount: 100, interval: 'daily' }, ratelimit: { limit: 50, windowMs: 60_000 } } });
    for (let i = 0; i < 3; i++) expect((await verify(token)).body).toMatchObject({ code: 'VALID', remaining: 99 - i });
    const edited = await admin.patch(`/v1/keys/${keyId}`, { refill: { amount: 100, interval: 'monthly' }, ratelimit: null });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ remaining: 97, refill: { interval: 'monthly' }, ratelimit: null });
    expect((await verify(token)).body).toMatchObject({ code: 'VALID', remaining: 96 });
    // And a rate-limit edit alone.
    expect((await admin.patch(`/v1/keys/${keyId}`, { ratelimit: { limit: 10, windowMs: 1000 } })).body.remaining).toBe(96);
    expect((await verify(token)).body).toMatchObject({ code: 'VALID', remaining: 95 });
  });

  it('lets a remaining set anew win over the spends', async () => {
    const { token, keyId } = await createKeyWith(admin, { key: { remaining: 100 } });
    await verify(token);
    expect((await admin.patch(`/v1/keys/${keyId}`, { remaining: 500, refill: { amount: 500, interval: 'monthly' } })).body.remaining).toBe(500);
    expect((await verify(token)).body).toMatchObject({ code: 'VALID', remaining: 499 });
  });
});
