import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../test/support/arbitraries.ts';
import { admitAll, giveBack, SLOTS, slotMs, type WindowCounts } from './sliding-window.ts';

const MINUTE = 60_000;

/** One window, spent one call at a time. */
function windowOf(limit: number, durationMs: number) {
  const counts: WindowCounts = new Map();
  return {
    counts,
    call: (now: number, cost = 1) => admitAll([{ counts, limit, durationMs, cost }], now)[0]!,
  };
}

describe('sliding window', () => {
  it('refuses the burst a fixed window lets through at its edge', () => {
    const window = windowOf(10, MINUTE);
    // Ten at the end of one fixed minute, ten asked just after its edge.
    for (let i = 0; i < 10; i++) expect(window.call(MINUTE - 1000).allowed).toBe(true);
    for (let i = 0; i < 10; i++) expect(window.call(MINUTE + 1000).allowed).toBe(false);
    // Room comes back once the slot of the first ten has left the window: within a minute and a slot.
    expect(window.call(2 * MINUTE - 1000).allowed).toBe(false);
    expect(window.call(2 * MINUTE - 1000 + slotMs(MINUTE)).allowed).toBe(true);
  });

  it('says what is left and when the oldest counted use leaves the window', () => {
    const window = windowOf(3, MINUTE);
    expect(window.call(10_500)).toEqual({ allowed: true, remaining: 2, resetAt: 11_000 + MINUTE });
    expect(window.call(30_000)).toEqual({ allowed: true, remaining: 1, resetAt: 11_000 + MINUTE });
    expect(window.call(30_000, 2)).toEqual({ allowed: false, remaining: 1, resetAt: 11_000 + MINUTE });
    expect(window.call(30_000)).toEqual({ allowed: true, remaining: 0, resetAt: 11_000 + MINUTE });
    expect(window.call(11_000 + MINUTE - 1).allowed).toBe(false);
    // At resetAt the first use no longer counts; the next oldest (30 s) is then the one to leave.
    expect(window.call(11_000 + MINUTE)).toEqual({ allowed: true, remaining: 0, resetAt: 31_000 + MINUTE });
  });

  it('cost 0 needs something left and spends nothing; a cost over the limit is refused', () => {
    const window = windowOf(2, MINUTE);
    expect(window.call(0, 3).allowed).toBe(false);
    expect(window.call(0, 0)).toMatchObject({ allowed: true, remaining: 2 });
    expect(window.call(0, 2)).toMatchObject({ allowed: true, remaining: 0 });
    expect(window.call(0, 0)).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('admits against several windows all or nothing', () => {
    const small: WindowCounts = new Map();
    const large: WindowCounts = new Map();
    const both = (now: number, smallCost: number) => admitAll([
      { counts: small, limit: 5, durationMs: MINUTE, cost: smallCost },
      { counts: large, limit: 100, durationMs: 1000 * MINUTE, cost: 1 },
    ], now);
    expect(both(0, 4).map((outcome) => outcome.remaining)).toEqual([1, 99]);
    const refused = both(1, 2);
    expect(refused.map((outcome) => outcome.allowed)).toEqual([false, true]);
    // The window that had room spent nothing for the refused call.
    expect(refused.map((outcome) => outcome.remaining)).toEqual([1, 99]);
    expect(both(2, 1).map((outcome) => outcome.remaining)).toEqual([0, 98]);
  });

  it('giveBack takes a spend out as if it had not been counted', () => {
    const window = windowOf(2, MINUTE);
    window.call(5_000);
    const spends = [{ counts: window.counts, limit: 2, durationMs: MINUTE, cost: 1 }];
    expect(admitAll(spends, 7_000)[0]!.remaining).toBe(0);
    giveBack(spends, 7_000);
    expect(window.call(7_000, 0).remaining).toBe(1);
    giveBack([{ ...spends[0]!, cost: 5 }], 5_000);
    expect(window.counts.size).toBe(0);
  });

  it('keeps at most a window and a slot of counts, SLOTS numbers per limit', () => {
    const window = windowOf(1_000_000, MINUTE);
    for (let now = 0; now < 10 * MINUTE; now += 250) window.call(now);
    expect(window.counts.size).toBeLessThanOrEqual(SLOTS + 2);
    expect(slotMs(MINUTE)).toBe(1000);
    expect(slotMs(1000)).toBe(17);
    expect(slotMs(1)).toBe(1);
  });

  describe('for random calls (times in order, costs, limits, durations)', () => {
    type Call = { at: number; cost: number };
    const scenario = fc.record({
      limit: fc.integer({ min: 1, max: 20 }),
      durationMs: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1000, max: 120_000 })),
      steps: fc.array(fc.record({ gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50 }), fc.nat(200_000)), cost: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 25 })) }), { maxLength: 300 }),
    }).map(({ limit, durationMs, steps }) => {
      let at = 1_700_000_000_000 + (steps.length % 7) * 13;
      const calls: Call[] = steps.map(({ gap, cost }) => ({ at: (at += gap % (durationMs * 3)), cost }));
      return { limit, durationMs, calls };
    });

    const run = ({ limit, durationMs, calls }: { limit: number; durationMs: number; calls: Call[] }) => {
      const window = windowOf(limit, durationMs);
      return calls.map((call) => ({ ...call, outcome: window.call(call.at, call.cost) }));
    };

    it('never admits more than the limit in any span of durationMs', () => {
      fc.assert(fc.property(scenario, (input) => {
        const admitted = run(input).filter((call) => call.outcome.allowed);
        for (const [i, first] of admitted.entries()) {
          let inSpan = 0;
          for (const later of admitted.slice(i)) if (later.at - first.at <= input.durationMs) inSpan += later.cost;
          if (inSpan > input.limit) return false;
        }
        return true;
      }), fuzzParameters(500));
    });

    it('refuses a call only when the exact count over the window and one slot has no room for it', () => {
      fc.assert(fc.property(scenario, (input) => {
        const calls = run(input);
        const size = slotMs(input.durationMs);
        return calls.every((call, i) => {
          if (call.outcome.allowed) return true;
          const recent = calls.slice(0, i).filter((other) => other.outcome.allowed && other.at > call.at - input.durationMs - size);
          const used = recent.reduce((sum, other) => sum + other.cost, 0);
          return call.cost === 0 ? used >= input.limit : used + call.cost > input.limit;
        });
      }), fuzzParameters(500));
    });

    it('answers what is left as the limit less what the admitted calls still counted hold', () => {
      fc.assert(fc.property(scenario, (input) => {
        const calls = run(input);
        const size = slotMs(input.durationMs);
        return calls.every((call, i) => {
          const oldest = Math.floor((call.at - input.durationMs) / size);
          const counted = calls.slice(0, i + 1).filter((other) => other.outcome.allowed && Math.floor(other.at / size) >= oldest);
          return call.outcome.remaining === Math.max(0, input.limit - counted.reduce((sum, other) => sum + other.cost, 0));
        });
      }), fuzzParameters(500));
    });
  });
});
