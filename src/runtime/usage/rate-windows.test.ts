import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../../test/support/arbitraries.ts';
import type { AppliedLimit } from '../../domain/named-limits.ts';
import { slotMs } from '../../domain/sliding-window.ts';
import { openRedis } from '../redis-client.ts';
import { memoryWindows, redisWindows, type RateWindows } from './rate-windows.ts';

const MINUTE = 60_000;
const prefix = `keyward-test-${randomBytes(4).toString('hex')}:`;
let owners = 0;

/** Limits of a key and an identity no other test (or earlier run) has counted. */
function limitsOf(specs: { name: string; limit: number; durationMs: number; scope?: 'key' | 'identity' }[]) {
  owners += 1;
  return specs.map((spec): AppliedLimit => ({ autoApply: true, scope: 'key', ownerId: `owner-${owners}`, cost: 1, ...spec }));
}

/**
 * The windows in Redis (one Lua script for all limits of a call) against a real Redis, and the
 * same calls counted in memory: they must answer alike, the script being the domain's
 * arithmetic (src/domain/sliding-window.ts) written again.
 */
describe('rate windows in memory and in Redis', () => {
  const redis = openRedis('redis://127.0.0.1:6379', () => {});
  let inRedis: RateWindows;
  beforeAll(async () => {
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
    inRedis = redisWindows(redis, { prefix, onFallback: (error) => { throw error; }, onRecovered: () => {} });
  });
  afterAll(async () => {
    const names = await redis.keys(`${prefix}*`);
    if (names.length > 0) await redis.del(...names);
    redis.disconnect();
  });

  for (const [store, windows] of [['memory', () => memoryWindows()], ['Redis', () => inRedis]] as const) {
    it(`${store}: admits all limits of a call or none, and a refund gives the spend back`, async () => {
      const store = windows();
      const [requests, tokens] = limitsOf([{ name: 'requests', limit: 5, durationMs: MINUTE }, { name: 'tokens', limit: 10, durationMs: MINUTE, scope: 'identity' }]);
      const now = 1_800_000_000_000;
      const call = (cost: number) => store.consume([requests!, { ...tokens!, cost }], now);
      expect((await call(8)).map((result) => [result.remaining, result.exceeded])).toEqual([[4, false], [2, false]]);
      const refused = await call(3);
      expect(refused.map((result) => [result.remaining, result.exceeded])).toEqual([[4, false], [2, true]]);
      expect((await call(2)).map((result) => result.remaining)).toEqual([3, 0]);
      await store.refund([requests!, { ...tokens!, cost: 2 }], now);
      expect((await call(0)).map((result) => result.remaining)).toEqual([3, 2]);
      // resetAt: the end of the first use's slot, a window later.
      expect((await call(0))[0]!.resetAt).toBe(now + 1000 + MINUTE);
    });
  }

  it('memory: a refund before any call (its counters not made yet) gives nothing back', async () => {
    const store = memoryWindows();
    const [requests] = limitsOf([{ name: 'requests', limit: 5, durationMs: MINUTE }]);
    const now = 1_800_000_000_000;
    await store.refund([requests!], now);
    expect((await store.consume([requests!], now)).map((result) => result.remaining)).toEqual([4]);
  });

  it('answer the same as each other for random calls and refunds', async () => {
    const memory = memoryWindows();
    // Gaps of about a window (give or take two slots) reach the edges where the two could differ.
    const step = fc.record({
      gap: fc.oneof(fc.constant(0), fc.nat(3000), fc.nat(200_000), fc.record({ window: fc.nat(2), slots: fc.integer({ min: -200, max: 200 }) })),
      costs: fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })),
      use: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
      refund: fc.boolean(),
    });
    const scenario = fc.record({
      limits: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })),
      durations: fc.tuple(fc.integer({ min: 1000, max: 90_000 }), fc.integer({ min: 1, max: 5000 }), fc.constantFrom(1000, MINUTE, 3_600_000)),
      steps: fc.array(step, { minLength: 1, maxLength: 40 }),
    });
    await fc.assert(fc.asyncProperty(scenario, async ({ limits, durations, steps }) => {
      const all = limitsOf([0, 1, 2].map((i) => ({ name: `limit-${i}`, limit: limits[i]!, durationMs: durations[i]!, scope: i === 2 ? 'identity' : 'key' })));
      let now = 1_800_000_000_000 + owners;
      for (const { gap, costs, use, refund } of steps) {
        now += typeof gap === 'number' ? gap : Math.max(0, durations[gap.window]! + Math.round((gap.slots / 100) * slotMs(durations[gap.window]!)));
        const applied = all.map((limit, i) => ({ ...limit, cost: costs[i]! })).filter((_, i) => use[i]);
        if (applied.length === 0) continue;
        const [fromMemory, fromRedis] = [await memory.consume(applied, now), await inRedis.consume(applied, now)];
        expect(fromRedis).toEqual(fromMemory);
        if (refund && fromMemory.every((result) => !result.exceeded)) {
          await memory.refund(applied, now);
          await inRedis.refund(applied, now);
        }
      }
    }), fuzzParameters(100));
  }, 120_000);

  it('fall back to counting in memory while Redis fails, and say so', async () => {
    const broken = openRedis('redis://127.0.0.1:1', () => {});
    const failures: unknown[] = [];
    const windows = redisWindows(broken, { prefix, onFallback: (error) => failures.push(error), onRecovered: () => {} });
    const [only] = limitsOf([{ name: 'requests', limit: 1, durationMs: MINUTE }]);
    expect((await windows.consume([only!], 0))[0]!.exceeded).toBe(false);
    expect((await windows.consume([only!], 0))[0]!.exceeded).toBe(true);
    await windows.refund([only!], 0);
    expect((await windows.consume([only!], 0))[0]!.exceeded).toBe(false);
    expect(failures.length).toBeGreaterThanOrEqual(4);
    broken.disconnect();
  });
});
