import { parseAllowlist } from '../domain/ip-allowlist.ts';
import { hashToken, isWellFormedToken } from '../domain/token.ts';
import { decideVerification, type VerificationCode } from '../domain/verification.ts';
import { findVerifiableByHash } from '../store/keys.ts';
import type { CachedKey } from './key-cache.ts';
import type { ServiceContext } from './context.ts';

export type VerifyInput = { key: string; projectId?: string; permissions: readonly string[]; ip?: string };

export type VerifyResult = {
  valid: boolean;
  code: VerificationCode;
  keyId?: string;
  projectId?: string;
  ownerId?: string | null;
  permissions?: string[];
  expiresAt?: string | null;
  meta?: Record<string, unknown>;
};

/**
 * Where rate limits and quotas plug in (the usage-limits work): asked only once a key is
 * otherwise VALID, it may turn the answer into RATE_LIMITED or USAGE_EXCEEDED.
 */
export type UsageLimits = {
  consume: (key: CachedKey, now: number) => Promise<'RATE_LIMITED' | 'USAGE_EXCEEDED' | undefined>;
};

async function loadVerifiable(ctx: ServiceContext, hash: string): Promise<CachedKey | null> {
  const row = await findVerifiableByHash(ctx.db, hash);
  if (!row) return null;
  return {
    id: row.id,
    projectId: row.project_id,
    ownerId: row.owner_id,
    createdBy: row.created_by,
    enabled: row.enabled === 1,
    expiresAt: row.expires_at ? Date.parse(row.expires_at) : null,
    expiresAtIso: row.expires_at,
    secretExpiresAt: row.secret_expires_at ? Date.parse(row.secret_expires_at) : null,
    allowlist: parseAllowlist(JSON.parse(row.ip_allowlist) as string[]),
    permissions: row.permissions,
    meta: JSON.parse(row.meta) as Record<string, unknown>,
  };
}

/**
 * Finds the key a token stands for: malformed tokens end here without any I/O; known hashes
 * come from the cache; the database is asked once per unknown hash per negative-cache TTL.
 */
export async function findKeyByToken(ctx: ServiceContext, token: string): Promise<CachedKey | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const hash = hashToken(ctx.secret, token);
  const cached = ctx.cache.get(hash);
  if (cached !== undefined) return cached ?? undefined;
  const key = await ctx.cache.load(hash, () => loadVerifiable(ctx, hash));
  return key ?? undefined;
}

/** Verifies a presented token: the answer for `POST /v1/keys/verify` and forward-auth. */
export async function verifyKey(ctx: ServiceContext, input: VerifyInput, limits?: UsageLimits): Promise<VerifyResult> {
  const now = ctx.clock();
  const key = await findKeyByToken(ctx, input.key);
  let code = decideVerification(key, input, now);
  if (code === 'VALID' && key && limits) code = (await limits.consume(key, now)) ?? 'VALID';
  if (!key || code === 'NOT_FOUND') return { valid: false, code: 'NOT_FOUND' };
  if (code === 'VALID') ctx.usage.touch(key.id, now);
  return {
    valid: code === 'VALID',
    code,
    keyId: key.id,
    projectId: key.projectId,
    ownerId: key.ownerId,
    permissions: key.permissions,
    expiresAt: key.expiresAtIso,
    meta: key.meta,
  };
}
