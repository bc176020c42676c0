/** How a quota fills up again: back to `amount` at the start of each UTC day or month. */
export type Refill = { amount: number; interval: 'daily' | 'monthly' };

/** A quota's state: what is left, and when it was last refilled (ms, or null for never). */
export type QuotaState = { remaining: number; lastRefillAt: number | null };

/** The start (ms, UTC) of the refill period that `now` falls in. */
export function refillPeriodStart(interval: Refill['interval'], now: number): number {
  const date = new Date(now);
  return interval === 'daily'
    ? Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
    : Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/**
 * Whether a refill is due: the last one (or, if none, the moment the quota was read first,
 * `since`) lies before the current period. A refill set today first refills at the next
 * boundary, not at once.
 */
export function refillDue(refill: Refill | null, lastRefillAt: number | null, since: number, now: number): boolean {
  if (!refill) return false;
  return (lastRefillAt ?? since) < refillPeriodStart(refill.interval, now);
}

/**
 * Spends `cost` of a quota, refilling first when a period boundary has passed. A cost larger
 * than what is left spends nothing and is refused (USAGE_EXCEEDED); cost 0 only checks.
 *
 * @example spendQuota({ remaining: 1, lastRefillAt: null }, null, 1, now, now) // allowed, 0 left
 */
export function spendQuota(state: QuotaState, refill: Refill | null, cost: number, since: number, now: number): { allowed: boolean; state: QuotaState } {
  let current = state;
  if (refill && refillDue(refill, state.lastRefillAt, since, now)) current = { remaining: refill.amount, lastRefillAt: now };
  if (current.remaining < cost || (cost === 0 && current.remaining <= 0)) return { allowed: false, state: current };
  return { allowed: true, state: { ...current, remaining: current.remaining - cost } };
}
