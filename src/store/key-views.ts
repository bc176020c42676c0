import { legacyRatelimitOf, type NamedLimit } from '../domain/named-limits.ts';
import { keyStatus, type KeyStatus } from '../domain/verification.ts';
import { unionGrants } from '../domain/permissions.ts';
import type { KeyTable } from './database.ts';

export type RateLimitSetting = { limit: number; windowMs: number };
export type RefillSetting = { amount: number; interval: 'daily' | 'monthly' };

/** A key as the API returns it: never its token or hash. */
export type KeyView = {
  id: string;
  projectId: string;
  name: string;
  description: string;
  start: string;
  end: string;
  status: KeyStatus;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  createdBy: { id: string; username: string } | null;
  owner: { id: string; username: string } | null;
  groups: { id: string; name: string }[];
  permissions: string[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  ipAllowlist: string[];
  meta: Record<string, unknown>;
  /** The limit named `default`, as the contract's single rate limit. */
  ratelimit: RateLimitSetting | null;
  ratelimits: NamedLimit[];
  remaining: number | null;
  refill: RefillSetting | null;
  identity: { id: string; externalId: string } | null;
};

export type KeyRowWithPeople = KeyTable & { owner_username: string | null; creator_username: string | null; identity_external_id: string | null };

/** A key group as views need it. */
export type KeyGroupRef = { id: string; name: string; permissions: string[] };

/** The settings a key row keeps as JSON text and numbers, decoded: read once, for views and verification alike. */
export function decodedSettings(row: Pick<KeyTable, 'ip_allowlist' | 'meta' | 'ratelimits' | 'remaining' | 'refill'>) {
  const ratelimits = JSON.parse(row.ratelimits) as NamedLimit[];
  return {
    ipAllowlist: JSON.parse(row.ip_allowlist) as string[],
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    ratelimit: legacyRatelimitOf(ratelimits),
    ratelimits,
    ...decodedQuota(row),
  };
}

/** A quota as kept in a key's or an identity's row. */
export function decodedQuota(row: { remaining: number | string | null; refill: string | null }) {
  return {
    // A bigint column: PostgreSQL's driver hands it over as text.
    remaining: row.remaining === null ? null : Number(row.remaining),
    refill: row.refill ? (JSON.parse(row.refill) as RefillSetting) : null,
  };
}

/** The API shape of one key row, given its groups. */
export function keyViewOf(row: KeyRowWithPeople, keyGroups: readonly KeyGroupRef[], now: number): KeyView {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    description: row.description,
    start: row.token_start,
    end: row.token_end,
    status: keyStatus(row.enabled === 1, row.expires_at ? Date.parse(row.expires_at) : null, now),
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by && row.creator_username ? { id: row.created_by, username: row.creator_username } : null,
    owner: row.owner_id && row.owner_username ? { id: row.owner_id, username: row.owner_username } : null,
    groups: keyGroups.map(({ id, name }) => ({ id, name })),
    permissions: unionGrants(keyGroups.map((group) => group.permissions)),
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    ...decodedSettings(row),
    identity: row.identity_id && row.identity_external_id !== null ? { id: row.identity_id, externalId: row.identity_external_id } : null,
  };
}
