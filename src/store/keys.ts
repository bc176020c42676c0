import { CompiledQuery, expressionBuilder, sql } from 'kysely';
import type { KeyScope } from '../domain/access-policy.ts';
import { unionGrants } from '../domain/permissions.ts';
import type { Database, Db, KeyGroupTable, KeyTable, NewRows } from './database.ts';
import type { Dialect } from './dialect.ts';
import { keyConditions, type KeyFilters } from './key-filters.ts';
import { KeySearch } from './key-search.ts';
import { decodeCursor, toPage, type Page } from './cursor.ts';
import { keyViewOf, type KeyGroupRef, type KeyRowWithPeople, type KeyView } from './key-views.ts';
import { groupsOfHolders } from './groups.ts';
import type { HashSieve } from './key-hash-filter.ts';
import type { LastUseOverlay } from './last-use-overlay.ts';
import { Repository } from './repository.ts';

export { keysInScope, type KeyFilters } from './key-filters.ts';

/**
 * The query `KeyRepository.findVerifiable` runs, as the query builder makes it (and types its
 * row): the key once per group it holds (once with no group), in group name order, so a look-up
 * is one statement, not the key and then its groups.
 */
function verifiableQuery(db: Db, hash: string) {
  return db
    .selectFrom('key_secrets')
    .innerJoin('keys', 'keys.id', 'key_secrets.key_id')
    .leftJoin('identities as identity', 'identity.id', 'keys.identity_id')
    .leftJoin('key_groups as held', 'held.key_id', 'keys.id')
    .leftJoin('groups as grp', 'grp.id', 'held.group_id')
    .select(['grp.permissions as group_permissions',
      'keys.id', 'keys.project_id', 'keys.owner_id', 'keys.created_by', 'keys.enabled', 'keys.expires_at', 'keys.ip_allowlist',
      'keys.meta', 'keys.ratelimits', 'keys.remaining', 'keys.refill', 'keys.last_refill_at', 'key_secrets.expires_at as secret_expires_at',
      'keys.identity_id', 'identity.external_id as identity_external_id', 'identity.meta as identity_meta', 'identity.ratelimits as identity_ratelimits',
      'identity.remaining as identity_remaining', 'identity.refill as identity_refill', 'identity.last_refill_at as identity_last_refill_at',
    ])
    .where('key_secrets.hash', '=', hash)
    .orderBy('grp.name');
}

type VerifiableRow = NonNullable<Awaited<ReturnType<ReturnType<typeof verifiableQuery>['executeTakeFirst']>>>;

/** The SQL of the verification look-up, by engine (see KeyRepository.findVerifiable). */
const verifiableSql: Partial<Record<'sqlite' | 'postgres', string>> = {};

/** Keys: their settings, their groups, and the counters verification writes behind. */
export class KeyRepository extends Repository {
  readonly #hashes: HashSieve | undefined;
  readonly #lastUses: LastUseOverlay | undefined;

  /**
   * `hashes`: where the embedded store knows every stored hash, it answers for tokens it lacks
   * (see KeyHashFilter). `lastUses`: uses noted but not yet written, shown by views (see LastUseOverlay).
   */
  constructor(db: Db, dialect: Dialect, options: { hashes?: HashSieve; lastUses?: LastUseOverlay } = {}) {
    super(db, dialect);
    this.#hashes = options.hashes;
    this.#lastUses = options.lastUses;
  }

  #withPeople() {
    return this.db
      .selectFrom('keys')
      .leftJoin('users as owner', 'owner.id', 'keys.owner_id')
      .leftJoin('users as creator', 'creator.id', 'keys.created_by')
      .leftJoin('identities as identity', 'identity.id', 'keys.identity_id')
      .selectAll('keys')
      .select(['owner.username as owner_username', 'creator.username as creator_username', 'identity.external_id as identity_external_id']);
  }

  /** The groups (with permissions) of each key, by key id. */
  async groupsOf(keyIds: readonly string[]): Promise<Map<string, KeyGroupRef[]>> {
    return groupsOfHolders(this.db, 'key_groups', keyIds);
  }

  async toViews(rows: KeyRowWithPeople[], now: number): Promise<KeyView[]> {
    const groups = await this.groupsOf(rows.map((row) => row.id));
    return rows.map((row) => {
      const view = keyViewOf(row, groups.get(row.id) ?? [], now);
      if (this.#lastUses) view.lastUsedAt = this.#lastUses.lastUsedAt(row.id, row.last_used_at);
      return view;
    });
  }

  /** A key with its owner's and creator's names. */
  async find(id: string): Promise<KeyRowWithPeople | undefined> {
    return this.#withPeople().where('keys.id', '=', id).executeTakeFirst();
  }

  /** Locks the key's row until the write ends, where writes run side by side: writes of one key run one after the other. */
  async lock(id: string): Promise<void> {
    await this.dialect.lockRow(this.db, 'keys', id);
  }

  /**
   * A page of keys, newest first, after the cursor; `total` counts every match (a search
   * counts up to SEARCH_COUNT_CAP, then says `totalCapped`).
   */
  async list(filters: KeyFilters, scope: KeyScope, now: number): Promise<Page<KeyView> & { totalCapped?: true }> {
    const nowIso = new Date(now).toISOString();
    const after = filters.cursor ? decodeCursor('key', filters.cursor) : undefined;
    const search = filters.q ? new KeySearch(this.db, this.dialect, { ...filters, q: filters.q }, scope, nowIso) : undefined;
    const matching = () => this.db.selectFrom('keys').where(keyConditions(expressionBuilder<Database, 'keys'>(), filters, scope, nowIso));
    const found = search
      ? await search.page(after, filters.limit)
      : { ids: (await matching().select('keys.id').$if(after !== undefined, (query) => query.where('keys.id', '<', after!))
        .orderBy('keys.id', 'desc').limit(filters.limit + 1).execute()).map((row) => row.id) };
    // A first page that is not full holds every match, so it is its own count.
    const counted = 'total' in found ? found : !after && found.ids.length <= filters.limit
      ? { total: found.ids.length, capped: false }
      : { total: Number((await matching().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n), capped: false };
    const shown = found.ids.slice(0, filters.limit);
    const rows = shown.length === 0 ? [] : await this.#withPeople().where('keys.id', 'in', shown).orderBy('keys.id', 'desc').execute();
    // Read after the ids, by id: a key deleted in between is left out of its page.
    const byId = new Map((await this.toViews(rows, now)).map((view) => [view.id, view]));
    const page = toPage(found.ids.map((id) => ({ id })), filters.limit, counted.total, (row) => byId.get(row.id));
    const items = page.items.filter((view) => view !== undefined);
    return counted.capped ? { ...page, items, totalCapped: true } : { ...page, items };
  }

  async insert(row: KeyTable): Promise<void> {
    await this.db.insertInto('keys').values(row).execute();
  }

  /** Many new keys and their groups, by table (a batch of creations writes them together). */
  newRowsOf(rows: readonly KeyTable[], memberships: readonly KeyGroupTable[]): NewRows[] {
    return [
      ...(rows.length > 0 ? [{ table: 'keys' as const, rows }] : []),
      ...(memberships.length > 0 ? [{ table: 'key_groups' as const, rows: memberships }] : []),
    ];
  }

  async update(id: string, changes: Partial<KeyTable>): Promise<void> {
    await this.db.updateTable('keys').set(changes).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('keys').where('id', '=', id).execute();
  }

  /** The ids of the keys of one owner, project or identity (for forced deletions). */
  async idsWhere(column: 'owner_id' | 'project_id' | 'identity_id', value: string): Promise<string[]> {
    return (await this.db.selectFrom('keys').select('id').where(column, '=', value).execute()).map((row) => row.id);
  }

  /** Sets a key's groups; `replace: false` only adds (a new key has none to remove). */
  async setGroups(keyId: string, groupIds: readonly string[], options = { replace: true }): Promise<void> {
    if (options.replace) await this.db.deleteFrom('key_groups').where('key_id', '=', keyId).execute();
    if (groupIds.length > 0) {
      await this.db.insertInto('key_groups').values(groupIds.map((group_id) => ({ key_id: keyId, group_id }))).execute();
    }
  }

  /**
   * False when no key can have this hash: on SQLite, one the filter of stored hashes has never
   * seen (PostgreSQL has no filter, see KeyHashFilter, and answers true). Verification asks it
   * before `findVerifiable` for every token not in the key cache, a flood of made-up ones too.
   */
  mayHold(hash: string): boolean {
    return this.#hashes?.mayBeStored(hash) ?? true;
  }

  /**
   * The key a token hash belongs to, as verification needs it (after `mayHold`). The statement
   * is compiled once per engine and run with each hash: building and compiling it took twice as
   * long as SQLite's answer.
   */
  async findVerifiable(hash: string) {
    const compiledSql = (verifiableSql[this.dialect.name] ??= verifiableQuery(this.db, '').compile().sql);
    const { rows } = await this.db.executeQuery<VerifiableRow>(CompiledQuery.raw(compiledSql, [hash]));
    if (rows.length === 0) return undefined;
    const { group_permissions: _, ...row } = rows[0]!;
    const grants = rows.flatMap((held) => (held.group_permissions === null ? [] : [JSON.parse(held.group_permissions) as string[]]));
    return { ...row, permissions: unionGrants(grants) };
  }

  /** Writes the latest use of many keys, never moving a time backwards. */
  async writeLastUsed(uses: readonly (readonly [keyId: string, at: string])[]): Promise<void> {
    const rows = this.dialect.jsonRows(uses, [{ name: 'id' }, { name: 'at' }]);
    await sql`UPDATE keys SET last_used_at = v.at FROM ${rows} AS v
      WHERE keys.id = v.id AND (keys.last_used_at IS NULL OR keys.last_used_at < v.at)`.execute(this.db);
  }
}
