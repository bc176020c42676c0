import { IMPORTED_SHA256, importedTokenHash } from '../domain/imported-token.ts';
import { parseAllowlist } from '../domain/ip-allowlist.ts';
import type { PermissionQuery } from '../domain/permission-query.ts';
import { hashToken, hasTokenShape, isWellFormedToken } from '../domain/token.ts';
import { decideVerification, type VerificationCode } from '../domain/verification.ts';
import type { CachedKey } from '../runtime/cache/key-cache.ts';
import type { ServiceContext } from './context.ts';
import { importedSecretsMayExist, upgradeImportedKey } from './imported-keys.ts';
import type { LimitRequest, NamedLimit } from '../domain/named-limits.ts';
import { isLimited, type LimitAnswer } from '../runtime/usage/usage-limits.ts';
import { decodedQuota, decodedSettings } from '../store/key-views.ts';

export type VerifyInput = {
  key: string;
  projectId?: string;
  /** All of these are required. */
  permissions: readonly string[];
  /** A permission query (with OR) that must hold as well. */
  query?: PermissionQuery;
  ip?: string;
  /** How much of the key's quota this verification spends (default 1; 0 spends nothing). */
  cost?: number;
  /** Free labels of this verification, for the usage counts. */
  tags?: readonly string[];
  /** Named limits to apply beyond the automatic ones, each with its cost. */
  ratelimits?: readonly LimitRequest[];
};

export type VerifyResult = {
  valid: boolean;
  code: VerificationCode;
  keyId?: string;
  projectId?: string;
  ownerId?: string | null;
  permissions?: string[];
  expiresAt?: string | null;
  meta?: Record<string, unknown>;
  /** The key's rate-limit window after this call, where it has a rate limit. */
  ratelimit?: { limit: number; remaining: number; resetAt: string };
  /** What is left of the key's quota after this call, where it has one. */
  remaining?: number;
  /** The identity the key belongs to, with its metadata. */
  identity?: { id: string; externalId: string; meta: Record<string, unknown> };
  /** Every named limit that applied to this call. */
  ratelimits?: LimitAnswer[];
};

async function loadVerifiable(ctx: ServiceContext, hash: string): Promise<CachedKey | null> {
  const row = await ctx.store.keys.findVerifiable(hash);
  if (!row) return null;
  const { ipAllowlist, meta, ratelimits, remaining, refill } = decodedSettings(row);
  return {
    id: row.id,
    projectId: row.project_id,
    ownerId: row.owner_id,
    createdBy: row.created_by,
    enabled: row.enabled === 1,
    expiresAt: row.expires_at ? Date.parse(row.expires_at) : null,
    expiresAtIso: row.expires_at,
    secretExpiresAt: row.secret_expires_at ? Date.parse(row.secret_expires_at) : null,
    allowlist: parseAllowlist(ipAllowlist),
    permissions: row.permissions,
    meta,
    ratelimits,
    remaining,
    refill,
    lastRefillAt: row.last_refill_at ? Date.parse(row.last_refill_at) : null,
    identity: row.identity_id === null ? null : {
      id: row.identity_id,
      externalId: row.identity_external_id!,
      meta: JSON.parse(row.identity_meta!) as Record<string, unknown>,
      ratelimits: JSON.parse(row.identity_ratelimits!) as NamedLimit[],
      ...decodedQuota({ remaining: row.identity_remaining, refill: row.identity_refill }),
      lastRefillAt: row.identity_last_refill_at ? Date.parse(row.identity_last_refill_at) : null,
    },
  };
}

/**
 * Finds the key a token stands for: malformed tokens end here without any I/O (those not
 * shaped like ours may be imported keys: see `findImportedKey`); known tokens come from the
 * cache (by their digest, so a hit costs no HMAC); the database is asked once per unknown token
 * per negative-cache TTL.
 */
export async function findKeyByToken(ctx: ServiceContext, token: string): Promise<CachedKey | undefined> {
  if (!isWellFormedToken(token)) return findImportedKey(ctx, token);
  const digest = ctx.tokenDigest(token);
  // Given to `get`: a key near the end of its cache TTL is read again behind this answer.
  const cached = ctx.cache.get(digest, () => loadVerifiable(ctx, hashToken(ctx.secret, token)));
  if (cached !== undefined) return cached ?? undefined;
  const hash = hashToken(ctx.secret, token);
  // The embedded store's filter of stored hashes (src/store/key-hash-filter.ts) answers for a
  // token it has never seen: no key, with no look-up to wait for and nothing remembered among
  // the unknown tokens. A flood of new tokens asks each once, so remembering them only churned
  // that cache (measured: a random token cost 9 µs more than a cached key, in 30-s phases).
  if (!ctx.store.keys.mayHold(hash)) return undefined;
  const key = await ctx.cache.load(digest, () => loadVerifiable(ctx, hash));
  return key ?? undefined;
}

/** A key found by the SHA-256 it was imported with: its stored hash is upgraded on first use. */
type AwaitingUpgrade = CachedKey & { importedSha256?: string };

/**
 * Finds a key imported from another system by its original token (`POST /v1/keys/import`).
 * Only tokens that are not shaped like ours get here, and only once this store holds imported
 * keys; before that, they end without I/O like any malformed token. The key is cached under
 * the token's digest, and found in the database by its keyed hash in the database once upgraded, else by its SHA-256.
 */
async function findImportedKey(ctx: ServiceContext, token: string): Promise<CachedKey | undefined> {
  // Shaped like ours but with a wrong checksum: mistyped or made up, never imported.
  if (hasTokenShape(token) || !(await importedSecretsMayExist(ctx))) return undefined;
  const digest = ctx.tokenDigest(token);
  const read = async () => {
    const hash = hashToken(ctx.secret, token);
    const sha256 = importedTokenHash(token);
    const secret = await ctx.store.secrets.findImported(hash, sha256);
    const found = secret ? await loadVerifiable(ctx, secret.hash) : null;
    return found && secret?.algorithm === IMPORTED_SHA256 ? { ...found, importedSha256: sha256 } satisfies AwaitingUpgrade : found;
  };
  const cached = ctx.cache.get(digest, read);
  if (cached !== undefined) return cached ?? undefined;
  const key = await ctx.cache.load(digest, read);
  return key ?? undefined;
}

/** After a successful use of an imported key still stored by SHA-256: store our keyed hash instead. */
export async function upgradeIfImported(ctx: ServiceContext, key: CachedKey, token: string): Promise<void> {
  const sha256 = (key as AwaitingUpgrade).importedSha256;
  if (sha256 !== undefined) await upgradeImportedKey(ctx, key.id, token, sha256);
}

/** Verifies a presented token: the answer for `POST /v1/keys/verify` and forward-auth. */
export async function verifyKey(ctx: ServiceContext, input: VerifyInput): Promise<VerifyResult> {
  const now = ctx.clock();
  const key = await findKeyByToken(ctx, input.key);
  let code = decideVerification(key, input, now);
  // Limits only for a key that is otherwise VALID, and only for keys that have them: a plain
  // key pays one property check here.
  const limited = code === 'VALID' && key && isLimited(key)
    ? await ctx.limits.consume(key, { cost: input.cost ?? 1, ratelimits: input.ratelimits }, now)
    : undefined;
  if (limited?.code) code = limited.code;
  if (!key || code === 'NOT_FOUND') return { valid: false, code: 'NOT_FOUND' };
  ctx.analytics.record(key.id, code, now, input.tags ?? []);
  ctx.verifications.record(key.id, code, now, input.ip, input.tags ?? []);
  if (code === 'VALID') {
    ctx.usage.touch(key, now);
    // Once per imported key; our own keys pass with one property check.
    if ((key as AwaitingUpgrade).importedSha256 !== undefined) await upgradeIfImported(ctx, key, input.key);
  }
  return {
    valid: code === 'VALID',
    code,
    keyId: key.id,
    projectId: key.projectId,
    ownerId: key.ownerId,
    permissions: key.permissions,
    expiresAt: key.expiresAtIso,
    meta: key.meta,
    ...(key.identity ? { identity: { id: key.identity.id, externalId: key.identity.externalId, meta: key.identity.meta } } : {}),
    ...(limited?.ratelimit ? { ratelimit: limited.ratelimit } : {}),
    ...(limited?.ratelimits ? { ratelimits: limited.ratelimits } : {}),
    ...(limited?.remaining !== undefined ? { remaining: limited.remaining } : {}),
  };
}
