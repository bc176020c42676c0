import { sql, type ExpressionBuilder } from 'kysely';
import type { KeyScope } from '../domain/access-policy.ts';
import type { KeyStatus } from '../domain/verification.ts';
import type { Database } from './database.ts';

export type KeyFilters = {
  projectId?: string;
  ownerId?: string;
  owner?: string;
  identityId?: string;
  externalId?: string;
  status?: KeyStatus;
  /**
   * Only keys with an expiry before this instant (ISO 8601) that have not expired yet, unless
   * `status: 'expired'` asks for the expired ones: "which keys stop working soon".
   */
  expiresBefore?: string;
  q?: string;
  limit: number;
  cursor?: string;
};

/**
 * The keys a scope shows, as SQL: what `seesKey` in the access policy decides for one key
 * (keys acting for the person; keys they made for someone else unless those carry a group
 * whose permissions they do not hold).
 */
export function keysInScope(scope: Extract<KeyScope, { kind: 'own' }>) {
  const { userId, hiddenGroupIds } = scope;
  if (hiddenGroupIds.length === 0) return sql<boolean>`(keys.owner_id = ${userId} OR keys.created_by = ${userId})`;
  return sql<boolean>`(keys.owner_id = ${userId} OR (keys.created_by = ${userId} AND (keys.owner_id IS NULL OR NOT EXISTS (
    SELECT 1 FROM key_groups WHERE key_groups.key_id = keys.id AND key_groups.group_id IN (${sql.join(hiddenGroupIds)})))))`;
}

/**
 * Every filter of a key list but the search (`q`), and what the scope lets the reader see, on
 * the keys table alone (owners and identities by sub-select): a walk over keys in list order
 * then reads no other table per row.
 */
export function keyConditions(eb: ExpressionBuilder<Database, 'keys'>, filters: Omit<KeyFilters, 'q'>, scope: KeyScope, nowIso: string) {
  const conditions = [];
  if (scope.kind === 'own') conditions.push(keysInScope(scope));
  if (filters.projectId) conditions.push(eb('keys.project_id', '=', filters.projectId));
  if (filters.ownerId) conditions.push(eb('keys.owner_id', '=', filters.ownerId));
  if (filters.owner) conditions.push(sql<boolean>`keys.owner_id IN (SELECT id FROM users WHERE username = ${filters.owner})`);
  if (filters.identityId) conditions.push(eb('keys.identity_id', '=', filters.identityId));
  if (filters.externalId) conditions.push(sql<boolean>`keys.identity_id IN (SELECT id FROM identities WHERE external_id = ${filters.externalId})`);
  const notExpired = eb.or([eb('keys.expires_at', 'is', null), eb('keys.expires_at', '>', nowIso)]);
  if (filters.status === 'expired') conditions.push(eb('keys.expires_at', '<=', nowIso));
  if (filters.status === 'active') conditions.push(eb.and([eb('keys.enabled', '=', 1), notExpired]));
  if (filters.status === 'inactive') conditions.push(eb.and([eb('keys.enabled', '=', 0), notExpired]));
  if (filters.expiresBefore !== undefined) {
    // Stored expiries are UTC ISO strings, compared as text on both stores: normalise the
    // bound (it may carry an offset) to the same form.
    conditions.push(eb('keys.expires_at', '<', new Date(filters.expiresBefore).toISOString()));
    if (filters.status !== 'expired') conditions.push(eb('keys.expires_at', '>', nowIso));
  }
  return eb.and(conditions);
}
