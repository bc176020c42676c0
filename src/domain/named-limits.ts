/**
 * Named rate limits: a key, and the identity it belongs to, may each carry up to ten limits
 * `{name, limit, durationMs, autoApply}`. A verification applies every `autoApply` limit of
 * both, plus those it names (`ratelimits: [{name, cost}]`); a named limit the key lacks and its
 * identity has is the identity's, shared by all of its keys. The old single `ratelimit
 * {limit, windowMs}` of a key is its limit named `default`, applied to every verification.
 */

/** One named limit, as keys and identities carry it. */
export type NamedLimit = { name: string; limit: number; durationMs: number; autoApply: boolean };

/** A named limit as a body gives it: `autoApply` may be left out, and is then true. */
export type NamedLimitSetting = Omit<NamedLimit, 'autoApply'> & { autoApply?: boolean };

/** What a verification asks of the named limits beyond the automatic ones. */
export type LimitRequest = { name: string; cost?: number };

/** Whose counter a limit spends: the key's own, or its identity's (shared by its keys). */
export type LimitScope = 'key' | 'identity';

/** A limit as one verification applies it. */
export type AppliedLimit = NamedLimit & { scope: LimitScope; ownerId: string; cost: number };

export const LIMIT_NAME_PATTERN = '^[a-z0-9_-]{1,32}$';
export const MAX_NAMED_LIMITS = 10;
/** The name the old single `ratelimit` of a key goes by. */
export const DEFAULT_LIMIT_NAME = 'default';

/** Why a list of named limits is refused (a repeated name), or undefined. */
export function namedLimitsError(limits: readonly { name: string }[]): string | undefined {
  const seen = new Set<string>();
  for (const { name } of limits) {
    if (seen.has(name)) return `the name "${name}" is used twice`;
    seen.add(name);
  }
  return undefined;
}

/** Named limits as given, with `autoApply` filled in where it was left out. */
export function withAutoApply(limits: readonly NamedLimitSetting[]): NamedLimit[] {
  return limits.map((limit) => ({ ...limit, autoApply: limit.autoApply ?? true }));
}

/** A key's old single rate limit, read from its named limits (`default`, when it applies to every call). */
export function legacyRatelimitOf(limits: readonly NamedLimit[]): { limit: number; windowMs: number } | null {
  // One applied only when a verification names it is not what old clients mean by a key's limit.
  const found = limits.find((limit) => limit.name === DEFAULT_LIMIT_NAME && limit.autoApply);
  return found ? { limit: found.limit, windowMs: found.durationMs } : null;
}

/** A key's named limits after its old single `ratelimit` was set (or cleared with null). */
export function withLegacyRatelimit(limits: readonly NamedLimit[], ratelimit: { limit: number; windowMs: number } | null): NamedLimit[] {
  const others = limits.filter((limit) => limit.name !== DEFAULT_LIMIT_NAME);
  return ratelimit ? [{ name: DEFAULT_LIMIT_NAME, limit: ratelimit.limit, durationMs: ratelimit.windowMs, autoApply: true }, ...others] : others;
}

/**
 * The limits one verification applies: every `autoApply` limit of the key and of its identity,
 * and each one the request names (the key's when it has one by that name, else the identity's;
 * a name neither has applies nothing). A limit named in the request spends its `cost` (default
 * 1); an automatic one spends 1, or the named cost when the request names it too.
 *
 * @example limitsToApply({ id: 'key_1', limits: [] }, { id: 'idt_1', limits: [tokens] }, [{ name: 'tokens', cost: 5 }])
 */
export function limitsToApply(
  key: { id: string; limits: readonly NamedLimit[] },
  identity: { id: string; limits: readonly NamedLimit[] } | null,
  requested: readonly LimitRequest[] = [],
): AppliedLimit[] {
  const costs = new Map(requested.map((request) => [request.name, request.cost ?? 1]));
  const applied: AppliedLimit[] = [];
  const named = new Set(key.limits.map((limit) => limit.name));
  for (const limit of key.limits) {
    if (limit.autoApply || costs.has(limit.name)) applied.push({ ...limit, scope: 'key', ownerId: key.id, cost: costs.get(limit.name) ?? 1 });
  }
  for (const limit of identity?.limits ?? []) {
    // A key's own limit of the same name is the one a request means.
    if (named.has(limit.name) && !limit.autoApply) continue;
    if (limit.autoApply || (costs.has(limit.name) && !named.has(limit.name))) {
      applied.push({ ...limit, scope: 'identity', ownerId: identity!.id, cost: named.has(limit.name) ? 1 : costs.get(limit.name) ?? 1 });
    }
  }
  return applied;
}
