import { allowlistWithin } from './ip-allowlist.ts';
import type { NamedLimit } from './named-limits.ts';

/** The settings of a key whose change can give its token more use. */
export type KeyUseSettings = {
  enabled: boolean;
  expiresAt: string | null;
  ipAllowlist: readonly string[];
  /** Its named limits (the old single `ratelimit` is the one named `default`). */
  ratelimits: readonly NamedLimit[];
  remaining: number | null;
  refill: { amount: number; interval: 'daily' | 'monthly' } | null;
  groupIds: readonly string[];
  /** The identity it belongs to: its limits and quota are shared, its metadata carried. */
  identityId: string | null;
};

/** A PATCH of a key: a field left out is unchanged; null clears it. */
export type KeyUseChanges = Partial<KeyUseSettings>;

const INTERVAL_DAYS = { daily: 1, monthly: 28 } as const;

function laterOrNever(next: string | null, before: string | null): boolean {
  if (before === null) return false;
  return next === null || Date.parse(next) > Date.parse(before);
}

/**
 * Whether some limit of `before` is gone, raised, given another duration or no longer applied
 * by itself. A longer window would be narrower, but its count starts afresh (a window's slots
 * have the duration's length, see rate-windows.ts): lengthening it again and again would hand
 * the token a fresh window each time.
 */
function widensLimits(next: readonly NamedLimit[], before: readonly NamedLimit[]): boolean {
  return before.some((old) => {
    const now = next.find((limit) => limit.name === old.name);
    return !now || now.limit > old.limit || now.durationMs !== old.durationMs || (old.autoApply && !now.autoApply);
  });
}

function widensRemaining(next: number | null, before: number | null): boolean {
  if (before === null) return false;
  return next === null || next > before;
}

function widensRefill(next: KeyUseSettings['refill'], before: KeyUseSettings['refill']): boolean {
  if (next === null) return false;
  return before === null || next.amount > before.amount || INTERVAL_DAYS[next.interval] < INTERVAL_DAYS[before.interval];
}

/**
 * The fields of a key change that give its token more use than it has: re-enabling, a later or
 * no expiry, an IP allowlist that lets in an address the old one did not, a rate limit removed,
 * raised, given another duration or no longer automatic, more or unlimited quota, a bigger or more frequent
 * refill, a group it did not have, another identity (or none).
 * Anything else (disabling, narrowing, lowering, names and meta) only takes use away or is
 * neutral. Returns the widening fields' names, empty when the change gives nothing.
 *
 * @example wideningChanges(before, { enabled: true, name: 'x' }) // ['enabled'] when it was disabled
 */
export function wideningChanges(before: KeyUseSettings, changes: KeyUseChanges): string[] {
  const widened: string[] = [];
  if (changes.enabled === true && !before.enabled) widened.push('enabled');
  if (changes.expiresAt !== undefined && laterOrNever(changes.expiresAt, before.expiresAt)) widened.push('expiresAt');
  if (changes.ipAllowlist !== undefined && !allowlistWithin(changes.ipAllowlist, before.ipAllowlist)) widened.push('ipAllowlist');
  if (changes.ratelimits !== undefined && widensLimits(changes.ratelimits, before.ratelimits)) widened.push('ratelimits');
  if (changes.remaining !== undefined && widensRemaining(changes.remaining, before.remaining)) widened.push('remaining');
  if (changes.refill !== undefined && widensRefill(changes.refill, before.refill)) widened.push('refill');
  if (changes.groupIds !== undefined && changes.groupIds.some((id) => !before.groupIds.includes(id))) widened.push('groupIds');
  // Another identity is another customer's name (and limits); none drops the shared limits.
  if (changes.identityId !== undefined && changes.identityId !== before.identityId) widened.push('identity');
  return widened;
}
