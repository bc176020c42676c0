import type { AppliedLimit } from '../../domain/named-limits.ts';
import type { QuotaHolder, QuotaStore } from './quota-stores.ts';
import type { LimitResult, RateWindows } from './rate-windows.ts';

/** What one verification asks of its limits: its windows, and `cost` of each quota it has. */
export type LimitSpend = {
  windows: readonly AppliedLimit[];
  /** The identity's quota, when it has one: spent first. */
  identity?: QuotaHolder;
  /** The key's own quota, when it has one. */
  key?: QuotaHolder;
  cost: number;
  now: number;
};

/** What the limits said: every window's answer, and what is left of the last quota reached. */
export type LimitsSpent = {
  code?: 'RATE_LIMITED' | 'USAGE_EXCEEDED';
  /** In the order of `LimitSpend.windows`; when a quota refused, as if nothing had been spent. */
  windows: LimitResult[];
  /** The key's quota after this verification, else its identity's (the one that refused, if one did). */
  remaining?: number;
};

/**
 * Spends a verification's limits all or nothing: the windows first (none is spent when one
 * refuses), then `cost` of the identity's quota and of the key's. A quota refusing gives back
 * what was taken before it, so a key whose own quota is spent does not use up the limits it
 * shares with its identity's other keys.
 */
export type LimitSpender = (spend: LimitSpend) => Promise<LimitsSpent>;

/**
 * The limits spent one store after another, each spend given back when a later one refuses:
 * windows in this process, quotas in memory or the database. One node's way, PostgreSQL's
 * without Redis, and the fallback while Redis fails.
 */
export function spendInTurn(stores: { windows: RateWindows; identityQuotas: QuotaStore; keyQuotas: QuotaStore }): LimitSpender {
  return async ({ windows: applied, identity, key, cost, now }) => {
    const windows = applied.length > 0 ? await stores.windows.consume(applied, now) : [];
    if (windows.some((result) => result.exceeded)) return { code: 'RATE_LIMITED', windows };
    const spent: LimitsSpent = { windows };
    if (identity) {
      const outcome = await stores.identityQuotas.spend(identity, cost, now);
      spent.remaining = outcome.remaining;
      if (!outcome.allowed) spent.code = 'USAGE_EXCEEDED';
    }
    if (key && !spent.code) {
      const outcome = await stores.keyQuotas.spend(key, cost, now);
      spent.remaining = outcome.remaining;
      if (!outcome.allowed) {
        if (identity && cost > 0) await stores.identityQuotas.refund(identity, cost);
        spent.code = 'USAGE_EXCEEDED';
      }
    }
    if (spent.code && applied.length > 0) {
      await stores.windows.refund(applied, now);
      spent.windows = windows.map((result, i) => ({ ...result, remaining: Math.min(result.limit, result.remaining + applied[i]!.cost) }));
    }
    return spent;
  };
}
