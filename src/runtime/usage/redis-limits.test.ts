import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../../test/support/arbitraries.ts';
import { withMigratedStore } from '../../../test/support/migrated-store.ts';
import { ownRedis } from '../../../test/support/own-servers.ts';
import type { NamedLimit } from '../../domain/named-limits.ts';
import type { Refill } from '../../domain/quota.ts';
import { slotMs } from '../../domain/sliding-window.ts';
import type { Store } from '../../store/connect.ts';
import { openRedis } from '../redis-client.ts';
import { spendInTurn, type LimitSpend, type LimitSpender } from './limit-spend.ts';
import { memoryQuotas, redisQuotaCounters, type QuotaCounters } from './quota-stores.ts';
import { memoryWindows } from './rate-windows.ts';
import { redisLimits } from './redis-limits.ts';
import { UsageLimiter, type LimitedKey } from './usage-limits.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const fail = (error: unknown) => {
  throw error;
};
let owners = 0;

/** A key (and maybe an identity) no other test or earlier run has counted, as the key cache holds it. */
function keyOf(spec: { ratelimits?: NamedLimit[]; remaining?: number | null; refill?: Refill | null; lastRefillAt?: number | null; identity?: Partial<LimitedKey['identity'] & object> }): LimitedKey {
  owners += 1;
  const { identity, ...own } = spec;
  return {
    id: `key_${owners}`, ratelimits: [], remaining: null, refill: null, lastRefillAt: null, ...own,
    identity: identity ? { id: `idt_${owners}`, ratelimits: [], remaining: null, refill: null, lastRefillAt: null, ...identity } : null,
  };
}

const limit = (name: string, count: number, durationMs = MINUTE): NamedLimit => ({ name, limit: count, durationMs, autoApply: true });

function limiterOn(store: Store, redis: Redis, prefix: string): UsageLimiter {
  return new UsageLimiter({
    keyCounters: store.repos.keyQuotas, identityCounters: store.repos.identityQuotas, mode: 'redis', redis, prefix, flushMs: 3_600_000, onFallback: fail, onError: fail,
  });
}

/**
 * A verification's windows and quotas in one Redis script (redis-limits.ts), against a real
 * Redis with a prefix of this run's own and a migrated store for the counters' write-behind.
 */
describe('limits in Redis, one script per verification', () => {
  let store: Store;
  withMigratedStore('sqlite', (opened) => (store = opened));
  const redis = openRedis('redis://127.0.0.1:6379', () => {});
  const prefix = `keyward-test-${randomBytes(4).toString('hex')}:`;
  let limiter: UsageLimiter;
  beforeAll(async () => {
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
    limiter = limiterOn(store, redis, prefix);
  });
  afterAll(async () => {
    await limiter.close();
    const names = await redis.keys(`${prefix}*`);
    if (names.length > 0) await redis.del(...names);
    redis.disconnect();
  });
  const counter = (id: string) => redis.hgetall(`${prefix}quota:${id}`);

  it('a window refusing spends no quota', async () => {
    const key = keyOf({ ratelimits: [limit('default', 1)], remaining: 5 });
    const now = 1_800_000_000_000;
    expect(await limiter.consume(key, { cost: 1 }, now)).toMatchObject({ remaining: 4, ratelimit: { remaining: 0 } });
    const refused = await limiter.consume(key, { cost: 1 }, now + 1);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', ratelimits: [{ name: 'default', exceeded: true }] });
    expect(refused.remaining).toBeUndefined();
    expect((await counter(key.id)).remaining).toBe('4');
    // A window later the call passes and spends from 4.
    expect(await limiter.consume(key, { cost: 1 }, now + MINUTE + 2000)).toMatchObject({ remaining: 3 });
  });

  it('the key\'s quota refusing gives back the identity\'s quota and every window', async () => {
    const key = keyOf({ ratelimits: [limit('default', 5)], remaining: 1, identity: { ratelimits: [limit('shared', 10)], remaining: 10 } });
    const now = 1_800_000_000_000;
    expect(await limiter.consume(key, { cost: 1 }, now)).toMatchObject({ remaining: 0, ratelimits: [{ remaining: 4 }, { remaining: 9 }] });
    const refused = await limiter.consume(key, { cost: 1 }, now + 1);
    expect(refused).toMatchObject({ code: 'USAGE_EXCEEDED', remaining: 0, ratelimits: [{ remaining: 4, exceeded: false }, { remaining: 9, exceeded: false }] });
    expect((await counter(key.identity!.id)).remaining).toBe('9');
    // Another key of the identity finds its shared window and quota as the first spend left them.
    const sibling: LimitedKey = { ...keyOf({ remaining: null }), identity: key.identity };
    expect(await limiter.consume(sibling, { cost: 1 }, now + 2)).toMatchObject({ remaining: 8, ratelimits: [{ name: 'shared', remaining: 8 }] });
  });

  it('the identity\'s quota refusing leaves the key\'s quota untouched', async () => {
    const key = keyOf({ remaining: 5, identity: { remaining: 0 } });
    expect(await limiter.consume(key, { cost: 1 }, 1_800_000_000_000)).toEqual({ code: 'USAGE_EXCEEDED', remaining: 0 });
    expect(await counter(key.id)).toEqual({});
  });

  it('makes a counter from the database\'s value once, then spends from the counter', async () => {
    const key = keyOf({ remaining: 7 });
    const now = 1_800_000_000_000;
    expect(await limiter.consume(key, { cost: 2 }, now)).toEqual({ remaining: 5 });
    expect(await counter(key.id)).toEqual({ remaining: '5', refilled: '', renewed: String(now) });
    expect(await redis.pttl(`${prefix}quota:${key.id}`)).toBeGreaterThan(6 * DAY);
    // A record read before that spend (remaining 7 still) spends from the counter.
    expect(await limiter.consume({ ...key }, { cost: 2 }, now)).toEqual({ remaining: 3 });
  });

  it('a counter an edit sets expires as a spent one does, though nothing spends it', async () => {
    const key = keyOf({ remaining: 7 });
    await limiter.keyChanged(key.id, { remainingSet: true, remaining: 40, lastRefillAt: null });
    expect(await counter(key.id)).toEqual({ remaining: '40', refilled: '' });
    expect(await redis.pttl(`${prefix}quota:${key.id}`)).toBeGreaterThan(6 * DAY);
  });

  it('refills at a period boundary, not before', async () => {
    const noon = Date.UTC(2027, 0, 10, 12);
    const key = keyOf({ remaining: 1, refill: { amount: 3, interval: 'daily' }, lastRefillAt: noon - 3600_000 });
    expect(await limiter.consume(key, { cost: 1 }, noon)).toEqual({ remaining: 0 });
    expect(await limiter.consume(key, { cost: 1 }, Date.UTC(2027, 0, 10, 23, 59))).toEqual({ code: 'USAGE_EXCEEDED', remaining: 0 });
    const midnight = Date.UTC(2027, 0, 11);
    expect(await limiter.consume(key, { cost: 1 }, midnight + 1)).toEqual({ remaining: 2 });
    expect((await counter(key.id)).refilled).toBe(new Date(midnight + 1).toISOString());
    expect(await limiter.consume(key, { cost: 1 }, midnight + 2)).toEqual({ remaining: 1 });
  });

  it('answers as the limits counted in memory for random calls, quotas and refills', async () => {
    const counters: QuotaCounters[] = [];
    const inMemory = (): LimitSpender => {
      const quotas = () => memoryQuotas(store.repos.keyQuotas, { flushMs: 3_600_000, onError: fail });
      const [keyQuotas, identityQuotas] = [quotas(), quotas()];
      counters.push(keyQuotas, identityQuotas);
      return spendInTurn({ windows: memoryWindows(), keyQuotas, identityQuotas });
    };
    const redisCounters = { prefix, flushMs: 3_600_000, onError: fail, onFallback: fail };
    const [keyQuotas, identityQuotas] = [redisQuotaCounters(store.repos.keyQuotas, redis, redisCounters), redisQuotaCounters(store.repos.identityQuotas, redis, redisCounters)];
    counters.push(keyQuotas, identityQuotas);
    const inRedis = redisLimits(redis, { prefix, keyQuotas, identityQuotas, fallback: () => fail(new Error('fell back')), onFallback: fail, onRecovered: () => {} });
    const quota = fc.option(fc.record({
      remaining: fc.integer({ min: 0, max: 12 }),
      refill: fc.option(fc.record({ amount: fc.integer({ min: 0, max: 12 }), interval: fc.constantFrom('daily' as const, 'monthly' as const) })),
      lastRefillAt: fc.option(fc.integer({ min: 0, max: 3 * DAY })),
    }));
    // Gaps of about a window (give or take two slots) reach the edges where the two could
    // differ; gaps of a day or more reach refills.
    const step = fc.record({
      gap: fc.oneof(
        { arbitrary: fc.constant(0), weight: 3 },
        { arbitrary: fc.nat(3000), weight: 3 },
        { arbitrary: fc.nat(200_000), weight: 2 },
        { arbitrary: fc.record({ window: fc.nat(2), slots: fc.integer({ min: -200, max: 200 }) }), weight: 3 },
        { arbitrary: fc.integer({ min: DAY / 2, max: 40 * DAY }), weight: 1 },
      ),
      costs: fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })),
      use: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
      cost: fc.integer({ min: 0, max: 4 }),
    });
    const scenario = fc.record({
      limits: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })),
      durations: fc.tuple(fc.integer({ min: 1000, max: 90_000 }), fc.integer({ min: 1, max: 5000 }), fc.constantFrom(1000, MINUTE, 3_600_000)),
      keyQuota: quota,
      identityQuota: quota,
      steps: fc.array(step, { minLength: 1, maxLength: 40 }),
    });
    await fc.assert(fc.asyncProperty(scenario, async ({ limits, durations, keyQuota, identityQuota, steps }) => {
      const memory = inMemory();
      let now = 1_800_000_000_000 + owners;
      const holder = (spec: typeof keyQuota, id: string) =>
        spec ? { id, remaining: spec.remaining, refill: spec.refill, lastRefillAt: spec.lastRefillAt === null ? null : now - spec.lastRefillAt } : undefined;
      owners += 1;
      const [key, identity] = [holder(keyQuota, `key_${owners}`), holder(identityQuota, `idt_${owners}`)];
      const all = [0, 1, 2].map((i) => ({ ...limit(`limit-${i}`, limits[i]!, durations[i]!), scope: i === 2 ? 'identity' as const : 'key' as const, ownerId: `owner-${owners}` }));
      for (const { gap, costs, use, cost } of steps) {
        now += typeof gap === 'number' ? gap : Math.max(0, durations[gap.window]! + Math.round((gap.slots / 100) * slotMs(durations[gap.window]!)));
        const spend: LimitSpend = { windows: all.map((applied, i) => ({ ...applied, cost: costs[i]! })).filter((_, i) => use[i]), key, identity, cost, now };
        if (spend.windows.length === 0 && !key && !identity) continue;
        expect(await inRedis(spend)).toEqual(await memory(spend));
      }
    }), fuzzParameters(100));
    for (const quotas of counters) await quotas.close();
  }, 120_000);
});

/**
 * Redis's own count of the commands it ran (`INFO commandstats`, calls inside scripts included),
 * on a Redis of this test's own so that no other test's commands are counted.
 */
describe('limits in Redis: calls per verification', () => {
  let store: Store;
  withMigratedStore('sqlite', (opened) => (store = opened));
  let server: Awaited<ReturnType<typeof ownRedis>>;
  let redis: Redis;
  beforeAll(async () => {
    server = await ownRedis();
    redis = openRedis(server.url, () => {});
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  });
  afterAll(async () => {
    redis.disconnect();
    await server.stop();
  });

  async function commandCounts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const [, name, calls] of (await redis.info('commandstats')).matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) counts.set(name!, Number(calls));
    return counts;
  }

  it('one call for a key with two windows and two quotas, and 8 commands inside it', async () => {
    const limiter = limiterOn(store, redis, 'calls:');
    const key = keyOf({ ratelimits: [limit('default', 100)], remaining: 1000, identity: { ratelimits: [limit('shared', 100)], remaining: 1000 } });
    const now = 1_800_000_000_000;
    // The first call loads the script (a failed EVALSHA, then EVAL), makes both quota counters
    // and both windows' first slot, with their expiries.
    await limiter.consume(key, { cost: 1 }, now);
    const before = await commandCounts();
    expect(await limiter.consume(key, { cost: 1 }, now + 1)).toMatchObject({ remaining: 998 });
    const after = await commandCounts();
    const ran = Object.fromEntries([...after].map(([name, calls]) => [name, calls - (before.get(name) ?? 0)]).filter(([name, calls]) => calls !== 0 && name !== 'info'));
    // The same slot (no expiry to set, nothing expired), counters renewed at the first call.
    expect(ran).toEqual({ evalsha: 1, hgetall: 2, hincrby: 2, hmget: 2, hset: 2 });
    await limiter.close();
  });
});
