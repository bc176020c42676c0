import { allowlistEntryError } from '../domain/ip-allowlist.ts';
import { namedLimitsError, withAutoApply, withLegacyRatelimit, type NamedLimit, type NamedLimitSetting } from '../domain/named-limits.ts';
import { problems, type ProblemFieldError } from '../domain/problem-error.ts';
import type { KeyTable } from '../store/database.ts';
import type { KeyView, RateLimitSetting, RefillSetting } from '../store/key-views.ts';

/** The editable settings of a key. */
export type KeySettings = {
  name?: string;
  description?: string;
  groupIds?: string[];
  expiresAt?: string | null;
  ipAllowlist?: string[];
  enabled?: boolean;
  meta?: Record<string, unknown>;
  /** The contract's single limit: the one named `default` of `ratelimits`. */
  ratelimit?: RateLimitSetting | null;
  ratelimits?: NamedLimitSetting[];
  remaining?: number | null;
  refill?: RefillSetting | null;
  /** The identity the key belongs to, by id or by your own external id (null: none). */
  identityId?: string | null;
  externalId?: string;
};

// Meta travels on every verification answer; a cap keeps that answer small.
export const MAX_META_BYTES = 4096;

/** Refuses settings no schema can: bad allowlist entries, oversized meta, unreadable dates. */
export function checkSettings(settings: KeySettings): void {
  const errors: ProblemFieldError[] = [];
  settings.ipAllowlist?.forEach((entry, i) => {
    const error = allowlistEntryError(entry);
    if (error) errors.push({ path: `/ipAllowlist/${i}`, message: error });
  });
  if (settings.meta !== undefined && Buffer.byteLength(JSON.stringify(settings.meta)) > MAX_META_BYTES) {
    errors.push({ path: '/meta', message: `must serialise to at most ${MAX_META_BYTES} bytes of JSON` });
  }
  if (settings.expiresAt && Number.isNaN(Date.parse(settings.expiresAt))) {
    errors.push({ path: '/expiresAt', message: 'must be an ISO 8601 date-time' });
  }
  if (settings.ratelimit !== undefined && settings.ratelimits !== undefined) {
    errors.push({ path: '/ratelimit', message: 'give ratelimit (the limit named default) or ratelimits, not both' });
  }
  const limitsError = settings.ratelimits && namedLimitsError(settings.ratelimits);
  if (limitsError) errors.push({ path: '/ratelimits', message: limitsError });
  if (settings.identityId !== undefined && settings.externalId !== undefined) {
    errors.push({ path: '/externalId', message: 'give identityId or externalId, not both' });
  }
  if (errors.length > 0) throw problems.validation('Some key settings are not valid.', errors);
}

/** A refill refills a quota: without `remaining` it would have nothing to refill. */
export function checkRefill(remaining: number | null | undefined, refill: RefillSetting | null | undefined): void {
  if (refill && (remaining === null || remaining === undefined)) {
    throw problems.validation('A refill needs a quota: set remaining too.', [
      { path: '/refill', message: 'requires remaining' },
    ]);
  }
}

/** The named limits a change leaves a key with, or undefined when it leaves them as they are. */
export function limitsAfter(settings: KeySettings, before: readonly NamedLimit[]): NamedLimit[] | undefined {
  if (settings.ratelimits !== undefined) return withAutoApply(settings.ratelimits);
  return settings.ratelimit !== undefined ? withLegacyRatelimit(before, settings.ratelimit) : undefined;
}

/**
 * The columns a change of settings writes: only what it names (a key being created names all
 * of them, defaults filled). A refill set (or set anew) starts its clock now: its first refill
 * is at the next day or month boundary. `limitsBefore` are the key's named limits, which its
 * single `ratelimit` is one of.
 */
export function keyColumnsOf(settings: KeySettings, nowIso: string, limitsBefore: readonly NamedLimit[] = []): Partial<KeyTable> {
  const columns: Partial<KeyTable> = { updated_at: nowIso };
  if (settings.name !== undefined) columns.name = settings.name;
  if (settings.description !== undefined) columns.description = settings.description;
  if (settings.enabled !== undefined) columns.enabled = settings.enabled ? 1 : 0;
  if (settings.expiresAt !== undefined) columns.expires_at = settings.expiresAt ? new Date(settings.expiresAt).toISOString() : null;
  if (settings.ipAllowlist !== undefined) columns.ip_allowlist = JSON.stringify(settings.ipAllowlist);
  if (settings.meta !== undefined) columns.meta = JSON.stringify(settings.meta);
  const limits = limitsAfter(settings, limitsBefore);
  if (limits !== undefined) columns.ratelimits = JSON.stringify(limits);
  if (settings.remaining !== undefined) columns.remaining = settings.remaining;
  if (settings.refill !== undefined) {
    columns.refill = settings.refill ? JSON.stringify(settings.refill) : null;
    columns.last_refill_at = settings.refill ? nowIso : null;
  }
  return columns;
}

/** The settings of a new key: what it was given, and the defaults for the rest. */
export function newKeySettings(settings: KeySettings): Required<Omit<KeySettings, 'groupIds' | 'identityId' | 'externalId' | 'ratelimit'>> {
  return {
    name: settings.name ?? '',
    description: settings.description ?? '',
    expiresAt: settings.expiresAt ?? null,
    ipAllowlist: settings.ipAllowlist ?? [],
    enabled: settings.enabled ?? true,
    meta: settings.meta ?? {},
    ratelimits: limitsAfter(settings, []) ?? [],
    remaining: settings.remaining ?? null,
    refill: settings.refill ?? null,
  };
}

/** The audit-safe picture of a key: every setting, never a secret. */
export function auditable(view: KeyView) {
  const { id, name, description, enabled, expiresAt, ipAllowlist, meta, ratelimits, remaining, refill, groups, identity } = view;
  return { id, name, description, enabled, expiresAt, ipAllowlist, meta, ratelimits, remaining, refill, groupIds: groups.map((g) => g.id), identityId: identity?.id ?? null };
}
