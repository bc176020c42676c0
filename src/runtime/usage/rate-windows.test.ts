import { describe, expect, it } from 'vitest';
import type { AppliedLimit } from '../../domain/named-limits.ts';
import { memoryWindows } from './rate-windows.ts';

const MINUTE = 60_000;
let owners = 0;

/** Limits of a key and an identity no other test (or earlier run) has counted. */
function limitsOf(specs: { name: string; limit: number; durationMs: number; scope?: 'key' | 'identity' }[]) {
  owners += 1;
  return specs.map((spec): AppliedLimit => ({ autoApply: true, scope: 'key', ownerId: `owner-${owners}`, cost: 1, ...spec }));
}

/**
 * The windows in this process. The same arithmetic in Redis, inside the script that also spends
 * the quotas, is checked against these in redis-limits.test.ts.
 */
describe('rate windows in memory', () => {
  it('admit all limits of a call or none, and a refund gives the spend back', async () => {
    const store = memoryWindows();
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

  it('a refund before any call (its counters not made yet) gives nothing back', async () => {
    const store = memoryWindows();
    const [requests] = limitsOf([{ name: 'requests', limit: 5, durationMs: MINUTE }]);
    const now = 1_800_000_000_000;
    await store.refund([requests!], now);
    expect((await store.consume([requests!], now)).map((result) => result.remaining)).toEqual([4]);
  });
});
