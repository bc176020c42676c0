import { sql, type ExpressionBuilder } from 'kysely';
import { keyStatus, type KeyStatus } from '../domain/verification.ts';
import type { KeyScope } from '../domain/access-policy.ts';
import { unionGrants } from '../domain/permissions.ts';
import type { Database, Db, KeyTable, StoreDialect } from './database.ts';
import { decodeCursor, likeContains, toPage, type Page } from './cursor.ts';
import { jsonRows } from './json-rows.ts';

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
  ratelimit: RateLimitSetting | null;
  remaining: number | null;
  refill: RefillSetting | null;
};

export type KeyRowWithPeople = KeyTable & { owner_username: string | null; creator_username: string | null };


export type KeyFilters = {
  projectId?: string;
  ownerId?: string;
  owner?: string;
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

function keysWithPeople(db: Db) {
  return db
    .selectFrom('keys')
    .leftJoin('users as owner', 'owner.id', 'keys.owner_id')
    .leftJoin('users as creator', 'creator.id', 'keys.created_by')
    .selectAll('keys')
    .select(['owner.username as owner_username', 'creator.username as creator_username']);
}

/** The groups (with permissions) of each key, by key id. */
export async function groupsOfKeys(db: Db, keyIds: readonly string[]) {
  const byKey = new Map<string, KeyGroupRef[]>();
  if (keyIds.length === 0) return byKey;
  const rows = await db
    .selectFrom('key_groups')
    .innerJoin('groups', 'groups.id', 'key_groups.group_id')
    .select(['key_groups.key_id', 'groups.id', 'groups.name', 'groups.permissions'])
    .where('key_groups.key_id', 'in', keyIds)
    .orderBy('groups.name')
    .execute();
  for (const row of rows) {
    const list = byKey.get(row.key_id) ?? [];
    list.push({ id: row.id, name: row.name, permissions: JSON.parse(row.permissions) as string[] });
    byKey.set(row.key_id, list);
  }
  return byKey;
}

/** A key group as views need it. */
export type KeyGroupRef = { id: string; name: string; permissions: string[] };

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
    ipAllowlist: JSON.parse(row.ip_allowlist) as string[],
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    ratelimit: row.ratelimit ? (JSON.parse(row.ratelimit) as RateLimitSetting) : null,
    remaining: row.remaining === null ? null : Number(row.remaining),
    refill: row.refill ? (JSON.parse(row.refill) as RefillSetting) : null,
  };
}

export async function toKeyViews(db: Db, rows: KeyRowWithPeople[], now: number): Promise<KeyView[]> {
  const groups = await groupsOfKeys(db, rows.map((row) => row.id));
  return rows.map((row) => keyViewOf(row, groups.get(row.id) ?? [], now));
}

export async function findKeyRow(db: Db, id: string): Promise<KeyRowWithPeople | undefined> {
  return keysWithPeople(db).where('keys.id', '=', id).executeTakeFirst();
}

// The trigram indexes answer substrings of three characters or more; shorter ones scan.
const MIN_INDEXED_SEARCH = 3;

/** `q` as a substring of name, description or key start, through the dialect's trigram index. */
function searchCondition(dialect: StoreDialect, q: string) {
  const pattern = likeContains(q);
  if (dialect === 'postgres') {
    return sql<boolean>`lower(keys.name || ' ' || keys.description || ' ' || keys.token_start) like ${pattern} escape '\\'`;
  }
  if ([...q].length >= MIN_INDEXED_SEARCH) {
    const phrase = `{name description token_start} : "${q.replaceAll('"', '""')}"`;
    return sql<boolean>`keys.id in (select key_id from key_search where key_search match ${phrase})`;
  }
  return sql<boolean>`(lower(keys.name) like ${pattern} escape '\\' or lower(keys.description) like ${pattern} escape '\\' or lower(keys.token_start) like ${pattern} escape '\\')`;
}

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

function filterKeys(eb: ExpressionBuilder<Database & { owner: Database['users'] }, 'keys' | 'owner'>, dialect: StoreDialect, filters: KeyFilters, scope: KeyScope, nowIso: string) {
  const conditions = [];
  if (scope.kind === 'own') conditions.push(keysInScope(scope));
  if (filters.projectId) conditions.push(eb('keys.project_id', '=', filters.projectId));
  if (filters.ownerId) conditions.push(eb('keys.owner_id', '=', filters.ownerId));
  if (filters.owner) conditions.push(eb('owner.username', '=', filters.owner));
  const notExpired = eb.or([eb('keys.expires_at', 'is', null), eb('keys.expires_at', '>', nowIso)]);
  if (filters.status === 'expired') conditions.push(eb('keys.expires_at', '<=', nowIso));
  if (filters.status === 'active') conditions.push(eb.and([eb('keys.enabled', '=', 1), notExpired]));
  if (filters.status === 'inactive') conditions.push(eb.and([eb('keys.enabled', '=', 0), notExpired]));
  if (filters.expiresBefore !== undefined) {
    // Stored expiries are UTC ISO strings, compared as text on both stores: normalise the bound
    // (it may carry an offset) to the same form.
    conditions.push(eb('keys.expires_at', '<', new Date(filters.expiresBefore).toISOString()));
    if (filters.status !== 'expired') conditions.push(eb('keys.expires_at', '>', nowIso));
  }
  if (filters.q) conditions.push(searchCondition(dialect, filters.q));
  return eb.and(conditions);
}

/** A page of keys, newest first, after the cursor; `total` counts every match. */
export async function listKeys(db: Db, dialect: StoreDialect, filters: KeyFilters, scope: KeyScope, now: number): Promise<Page<KeyView>> {
  const nowIso = new Date(now).toISOString();
  const after = filters.cursor ? decodeCursor('key', filters.cursor) : undefined;
  let query = keysWithPeople(db).where((eb) => filterKeys(eb, dialect, filters, scope, nowIso));
  if (after) query = query.where('keys.id', '<', after);
  const rows = await query.orderBy('keys.id', 'desc').limit(filters.limit + 1).execute();
  // A first page that is not full holds every match, so it is its own count: a search that
  // narrows a million keys to a few then costs one index search, not two.
  const total = !after && rows.length <= filters.limit
    ? rows.length
    : Number((await db
      .selectFrom('keys')
      .leftJoin('users as owner', 'owner.id', 'keys.owner_id')
      .select(sql<number>`count(*)`.as('n'))
      .where((eb) => filterKeys(eb, dialect, filters, scope, nowIso))
      .executeTakeFirstOrThrow()).n);
  const views = await toKeyViews(db, rows.slice(0, filters.limit), now);
  const byId = new Map(views.map((view) => [view.id, view]));
  return toPage(rows, filters.limit, total, (row) => byId.get(row.id)!);
}

/** Sets a key's groups; `replace: false` only adds (a new key has none to remove). */
export async function setKeyGroups(db: Db, keyId: string, groupIds: readonly string[], options = { replace: true }): Promise<void> {
  if (options.replace) await db.deleteFrom('key_groups').where('key_id', '=', keyId).execute();
  if (groupIds.length > 0) {
    await db.insertInto('key_groups').values(groupIds.map((group_id) => ({ key_id: keyId, group_id }))).execute();
  }
}

/** Everything verification needs, found by the hash of a presented token. */
export async function findVerifiableByHash(db: Db, hash: string) {
  const row = await db
    .selectFrom('key_secrets')
    .innerJoin('keys', 'keys.id', 'key_secrets.key_id')
    .select([
      'keys.id',
      'keys.project_id',
      'keys.owner_id',
      'keys.created_by',
      'keys.enabled',
      'keys.expires_at',
      'keys.ip_allowlist',
      'keys.meta',
      'keys.ratelimit',
      'keys.remaining',
      'keys.refill',
      'keys.last_refill_at',
      'key_secrets.expires_at as secret_expires_at',
    ])
    .where('key_secrets.hash', '=', hash)
    .executeTakeFirst();
  if (!row) return undefined;
  const groups = (await groupsOfKeys(db, [row.id])).get(row.id) ?? [];
  return { ...row, permissions: unionGrants(groups.map((group) => group.permissions)) };
}

// Rows per statement: a statement holds the loop (node:sqlite runs it synchronously), so a
// big flush is cut into statements of this many rows.
const LAST_USED_CHUNK = 1000;

/** Writes the latest use of many keys, never moving a time backwards. */
export async function writeLastUsed(db: Db, uses: ReadonlyMap<string, string>): Promise<void> {
  const entries = [...uses];
  for (let i = 0; i < entries.length; i += LAST_USED_CHUNK) {
    const rows = jsonRows(db, entries.slice(i, i + LAST_USED_CHUNK), [{ name: 'id' }, { name: 'at' }]);
    await sql`UPDATE keys SET last_used_at = v.at FROM ${rows} AS v
      WHERE keys.id = v.id AND (keys.last_used_at IS NULL OR keys.last_used_at < v.at)`.execute(db);
  }
}

/** A quota counter as one node last knew it, to write if the database still holds `expected`. */
export type QuotaCounterWrite = { keyId: string; remaining: number; lastRefillAt: string | null; expected: number };

/**
 * Writes many keys' quota counters in one statement, each only where the stored value is still
 * the one its node last wrote (compare-and-set): an edit made meanwhile wins. Returns the ids
 * written.
 */
export async function writeQuotaCounters(db: Db, writes: readonly QuotaCounterWrite[]): Promise<Set<string>> {
  const rows = jsonRows(db, writes.map((write) => [write.keyId, write.remaining, write.lastRefillAt ?? '', write.expected]), [
    { name: 'id' }, { name: 'remaining', integer: true }, { name: 'refilled' }, { name: 'expected', integer: true },
  ]);
  const { rows: landed } = await sql<{ id: string }>`UPDATE keys SET remaining = v.remaining, last_refill_at = NULLIF(v.refilled, '')
    FROM ${rows} AS v WHERE keys.id = v.id AND keys.remaining = v.expected RETURNING keys.id`.execute(db);
  return new Set(landed.map((row) => row.id));
}
