/**
 * A sliding window that never admits more than `limit` in any span of `durationMs`, however the
 * calls fall: no burst of twice the limit around a window's edge, as a fixed window allows.
 *
 * The window is kept as SLOTS counters, each 1/SLOTS of the duration. A call at `now` counts
 * every slot that holds a moment of the last `durationMs` (the oldest one whole), so the count
 * is never under the true one: it may refuse a call up to one slot (1/60 of the window) sooner
 * than an exact log would, and never admits one too many. Memory is SLOTS numbers per limit,
 * whatever the limit. The same arithmetic runs in Redis (the script of src/runtime/usage/redis-limits.ts).
 */

export const SLOTS = 60;

/** A window's counts: slot index (time / slot length, floored) → what was admitted in it. */
export type WindowCounts = Map<number, number>;

export type WindowOutcome = {
  allowed: boolean;
  /** What could still be admitted now (after this call, when it was admitted). */
  remaining: number;
  /** When the oldest counted slot leaves the window (ms): the count then falls. */
  resetAt: number;
};

/** The length of one slot of a window, in ms (at least 1). */
export function slotMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs / SLOTS));
}

/** Where a window stands at `now`, before or after a spend: what is used, and when that first falls. */
type WindowState = { used: number; oldestUsedSlot: number };

function measure(counts: WindowCounts, durationMs: number, now: number): WindowState {
  const size = slotMs(durationMs);
  // The slot holding `now - durationMs` still has a moment inside the window: it counts whole.
  const oldest = Math.floor((now - durationMs) / size);
  let used = 0;
  let oldestUsedSlot = Infinity;
  for (const [slot, count] of counts) {
    if (slot < oldest) counts.delete(slot);
    else {
      used += count;
      if (count > 0 && slot < oldestUsedSlot) oldestUsedSlot = slot;
    }
  }
  return { used, oldestUsedSlot };
}

function outcomeOf(state: WindowState, allowed: boolean, limit: number, durationMs: number, now: number): WindowOutcome {
  const resetAt = state.oldestUsedSlot === Infinity ? now : (state.oldestUsedSlot + 1) * slotMs(durationMs) + durationMs;
  return { allowed, remaining: Math.max(0, limit - state.used), resetAt };
}

/** One limit as `admitAll` weighs it. */
export type WindowSpend = { counts: WindowCounts; limit: number; durationMs: number; cost: number };

/**
 * Admits a call against several windows at once, all or nothing: when any of them lacks room,
 * none is spent (a call refused by one limit does not use up another). Cost 0 needs something
 * left, and spends nothing. Drops slots that left their windows.
 *
 * @example admitAll([{ counts: new Map(), limit: 100, durationMs: 60_000, cost: 1 }], Date.now())
 */
export function admitAll(spends: readonly WindowSpend[], now: number): WindowOutcome[] {
  const states = spends.map((spend) => measure(spend.counts, spend.durationMs, now));
  const fits = spends.map((spend, i) => (spend.cost === 0 ? states[i]!.used < spend.limit : states[i]!.used + spend.cost <= spend.limit));
  const all = fits.every(Boolean);
  return spends.map((spend, i) => {
    const state = states[i]!;
    if (all && spend.cost > 0) {
      const slot = Math.floor(now / slotMs(spend.durationMs));
      spend.counts.set(slot, (spend.counts.get(slot) ?? 0) + spend.cost);
      state.used += spend.cost;
      if (slot < state.oldestUsedSlot) state.oldestUsedSlot = slot;
    }
    return outcomeOf(state, fits[i]!, spend.limit, spend.durationMs, now);
  });
}

/**
 * Gives back what `admitAll` spent at the same `now`, for a call that something after the
 * windows refused (a quota): as if it had never been counted.
 *
 * @example if (quotaRefused) giveBack(spends, now)
 */
export function giveBack(spends: readonly WindowSpend[], now: number): void {
  for (const spend of spends) {
    if (spend.cost <= 0) continue;
    const slot = Math.floor(now / slotMs(spend.durationMs));
    const left = (spend.counts.get(slot) ?? 0) - spend.cost;
    if (left > 0) spend.counts.set(slot, left);
    else spend.counts.delete(slot);
  }
}
