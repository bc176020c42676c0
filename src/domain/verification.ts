import { queryAllows, type PermissionQuery } from './permission-query.ts';
import { grantsCoverAll } from './permissions.ts';
import { isAllowed, type IpAllowlist } from './ip-allowlist.ts';

/** Every answer verification can give, in the order the checks run. */
export const VERIFICATION_CODES = [
  'VALID',
  'NOT_FOUND',
  'DISABLED',
  'EXPIRED',
  'IP_NOT_ALLOWED',
  'INSUFFICIENT_PERMISSIONS',
  'RATE_LIMITED',
  'USAGE_EXCEEDED',
] as const;

export type VerificationCode = (typeof VERIFICATION_CODES)[number];

/** What verification needs to know of a key, as the cache holds it. */
export type VerifiableKey = {
  id: string;
  projectId: string;
  ownerId: string | null;
  enabled: boolean;
  /** Milliseconds since the epoch, or null for never. */
  expiresAt: number | null;
  /** When the secret that matched stops working (a regenerated key's grace period), or null. */
  secretExpiresAt: number | null;
  allowlist: IpAllowlist;
  permissions: string[];
  meta: Record<string, unknown>;
};

/** What the caller asks of a key beyond its being genuine. */
export type VerificationRequest = {
  projectId?: string;
  /** All of these are required. */
  permissions: readonly string[];
  /** A permission query that must hold as well (only when the caller sent one with OR). */
  query?: PermissionQuery;
  ip?: string;
};

/**
 * The verdict on a key, without usage limits (those need counters, so the service applies
 * them after this says VALID). Disabled is reported before expired: switching a key off is the
 * deliberate act, so it is the more useful answer to show.
 */
export function decideVerification(
  key: VerifiableKey | undefined,
  request: VerificationRequest,
  now: number,
): VerificationCode {
  if (!key) return 'NOT_FOUND';
  if (key.secretExpiresAt !== null && key.secretExpiresAt <= now) return 'NOT_FOUND';
  if (request.projectId !== undefined && request.projectId !== key.projectId) return 'NOT_FOUND';
  if (!key.enabled) return 'DISABLED';
  if (key.expiresAt !== null && key.expiresAt <= now) return 'EXPIRED';
  if (!isAllowed(key.allowlist, request.ip)) return 'IP_NOT_ALLOWED';
  if (!grantsCoverAll(key.permissions, request.permissions)) return 'INSUFFICIENT_PERMISSIONS';
  if (request.query !== undefined && !queryAllows(key.permissions, request.query)) return 'INSUFFICIENT_PERMISSIONS';
  return 'VALID';
}

export type KeyStatus = 'active' | 'inactive' | 'expired';

/** A key's status as lists show it: expired wins over inactive, since it cannot be switched back on. */
export function keyStatus(enabled: boolean, expiresAt: number | null, now: number): KeyStatus {
  if (expiresAt !== null && expiresAt <= now) return 'expired';
  return enabled ? 'active' : 'inactive';
}
