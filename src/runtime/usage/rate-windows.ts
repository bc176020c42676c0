import { LRUCache } from 'lru-cache';
import type { AppliedLimit } from '../../domain/named-limits.ts';
import { admitAll, giveBack, type WindowCounts, type WindowOutcome } from '../../domain/sliding-window.ts';

/** One named limit's state after a verification, as its answer shows it. */
export type LimitResult = { name: string; limit: number; remaining: number; resetAt: number; exceeded: boolean };

/**
 * Sliding windows counted in this process. (In Redis, a verification's windows are counted in
 * the one script that also spends its quotas: redis-limits.ts.)
 */
export type RateWindows = {
  /** Admits one verification against all its limits, all or nothing. */
  consume: (limits: readonly AppliedLimit[], now: number) => Promise<LimitResult[]>;
  /** Gives back what `consume` took at the same `now` (a quota refused the call after it). */
  refund: (limits: readonly AppliedLimit[], now: number) => Promise<void>;
};

/**
 * A window's counter, in memory and in Redis: a key or identity and limit name share one; a new
 * duration starts a new one (its slots have another length), a new limit keeps counting what
 * was spent.
 */
export const windowCounterName = (limit: AppliedLimit) => `${limit.scope}:${limit.ownerId}:${limit.name}:${limit.durationMs}`;

function resultsOf(limits: readonly AppliedLimit[], outcomes: readonly WindowOutcome[]): LimitResult[] {
  return limits.map((limit, i) => ({ name: limit.name, limit: limit.limit, remaining: outcomes[i]!.remaining, resetAt: outcomes[i]!.resetAt, exceeded: !outcomes[i]!.allowed }));
}

/**
 * Windows in this process: exact for one node; on several nodes without Redis each counts alone
 * (a limit of 100 then allows 100 per node). The least recently used counters go past `max`.
 * The LRU is made at the first limit consumed: it allocates its arrays for `max` at once (14 MB
 * for 500,000), which a server whose keys have no limits, or Redis's fallback while Redis
 * answers, would otherwise hold for nothing.
 */
export function memoryWindows(options: { max: number } = { max: 500_000 }): RateWindows {
  let made: LRUCache<string, WindowCounts> | undefined;
  return {
    consume: async (limits, now) => {
      const counters = (made ??= new LRUCache<string, WindowCounts>({ max: options.max }));
      const spends = limits.map((limit) => {
        const name = windowCounterName(limit);
        let counts = counters.get(name);
        if (!counts) counters.set(name, (counts = new Map()));
        return { counts, limit: limit.limit, durationMs: limit.durationMs, cost: limit.cost };
      });
      return resultsOf(limits, admitAll(spends, now));
    },
    refund: async (limits, now) => {
      giveBack(limits.flatMap((limit) => {
        const counts = made?.get(windowCounterName(limit));
        return counts ? [{ counts, limit: limit.limit, durationMs: limit.durationMs, cost: limit.cost }] : [];
      }), now);
    },
  };
}
