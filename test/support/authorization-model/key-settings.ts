import fc from 'fast-check';
import { holdsAll } from './grants.ts';
import { permissionsOfGroups, type AuthorizationModel, type ModelKey } from './model.ts';

/**
 * The settings that decide whether a key can be used (enabled, allowlist, limits, expiry), drawn
 * from small menus whose values are ordered plainly, so that every move between two of them is
 * either a tightening or a widening, the same by any reasonable reading.
 */

/** Allowlists whose entry sets nest exactly as their address sets do; only the second shuts the loopback client out. */
export const IP_ALLOWLISTS = [[], ['10.0.0.0/8'], ['127.0.0.1'], ['10.0.0.0/8', '127.0.0.1']] as const;
/** Never, long past, and two future dates: every move between them shortens, extends or removes. */
export const EXPIRIES = [null, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z', '2200-01-01T00:00:00.000Z'] as const;
export const REMAININGS = [null, 0, 5, 1000] as const;
/** Rate limits per minute (one window, so a higher limit is plainly wider). */
export const RATE_LIMITS = [null, 1, 1000] as const;
const WINDOW_MS = 60_000;

export type KeySettings = {
  enabled?: boolean;
  ipAllowlist?: readonly string[];
  remaining?: number | null;
  ratelimit?: number | null;
  expiresAt?: string | null;
};

/** Any of the settings, each present or not (`enabled` drawn from `enabled`). */
export function keySettings(enabled: fc.Arbitrary<boolean> = fc.boolean()): fc.Arbitrary<KeySettings> {
  return fc.record(
    {
      enabled,
      ipAllowlist: fc.constantFrom(...IP_ALLOWLISTS),
      remaining: fc.constantFrom(...REMAININGS),
      ratelimit: fc.constantFrom(...RATE_LIMITS),
      expiresAt: fc.constantFrom(...EXPIRIES),
    },
    { requiredKeys: [] },
  );
}

/** The settings as the API takes them (in a create or PATCH body). */
export function settingsBody(settings: KeySettings): Record<string, unknown> {
  const { ratelimit, ...plain } = settings;
  return { ...plain, ...(ratelimit !== undefined ? { ratelimit: ratelimit === null ? null : { limit: ratelimit, windowMs: WINDOW_MS } } : {}) };
}

/** The model's key after the server accepted these settings. */
export function applySettings(key: ModelKey, settings: KeySettings): void {
  if (settings.enabled !== undefined) key.enabled = settings.enabled;
  if (settings.ipAllowlist !== undefined) key.ipAllowlist = [...settings.ipAllowlist];
  if (settings.remaining !== undefined) key.remaining = settings.remaining;
  if (settings.expiresAt !== undefined) key.expiresAt = settings.expiresAt;
  if (settings.ratelimit !== undefined) key.ratelimit = settings.ratelimit === null ? null : { limit: settings.ratelimit, windowMs: WINDOW_MS };
}

/**
 * What a change gives back that the key did not have: re-enabling, opening the allowlist,
 * raising or removing a limit, extending or removing the expiry, or adding groups that carry
 * something new. Only plain widenings count, so that the check never blames a tightening.
 */
export function widenings(model: AuthorizationModel, before: ModelKey, after: ModelKey): string[] {
  const found: string[] = [];
  if (!before.enabled && after.enabled) found.push('re-enables it');
  if (before.ipAllowlist.length > 0 && (after.ipAllowlist.length === 0 || after.ipAllowlist.some((entry) => !before.ipAllowlist.includes(entry)))) found.push('opens its allowlist');
  if (before.remaining !== null && (after.remaining === null || after.remaining > before.remaining)) found.push('raises its quota');
  if (before.ratelimit !== null && (after.ratelimit === null || after.ratelimit.limit > before.ratelimit.limit)) found.push('raises its rate limit');
  if (before.expiresAt !== null && (after.expiresAt === null || Date.parse(after.expiresAt) > Date.parse(before.expiresAt))) found.push('extends its expiry');
  if (!holdsAll(permissionsOfGroups(model, before.groupIds), permissionsOfGroups(model, after.groupIds))) found.push('adds groups');
  return found;
}
