import { sql, type RawBuilder } from 'kysely';
import { likeContains } from './cursor.ts';
import type { Db } from './database.ts';

/** How a read inside a write locks the rows it reads (where the engine needs locks). */
export type ReadLock = 'update' | 'share';

/** A column of `jsonRows`: its name, and whether it holds an integer (else text). */
export type JsonColumn = { name: string; integer?: boolean };

type Lockable<Query> = { forShare(): Query; forUpdate(): Query };

/**
 * What differs between the two SQL engines, as named capabilities of one object built once per
 * store (as Kysely's own dialect adapters do): code asks `dialect.keySearch(q)`, never which
 * engine it runs on.
 */
export type Dialect = {
  readonly name: 'sqlite' | 'postgres';
  /**
   * Whether several nodes can share this database. Then caches are kept honest through a bus,
   * and quotas without Redis are counted in the database itself.
   */
  readonly shared: boolean;
  /**
   * A select that locks what it reads until the transaction ends, where writes run side by
   * side (PostgreSQL under READ COMMITTED: `update` before writing the row itself, `share` to
   * keep a row from being deleted while rows that refer to it are written); as it is on SQLite,
   * which runs one write transaction at a time.
   */
  withReadLock<Query extends Lockable<Query>>(query: Query, lock: ReadLock | undefined): Query;
  /** Locks one row by id before it is read with joins (which a lock clause cannot follow). */
  lockRow(trx: Db, table: 'keys' | 'users', id: string): Promise<void>;
  /** `q` as a substring of a key's name, description or start, through the engine's trigram index. */
  keySearch(q: string): RawBuilder<boolean>;
  /**
   * Many rows as a derived table read from ONE JSON parameter: the statement's text is the same
   * whatever the number of rows, so it is prepared once and compiles a few nodes instead of one
   * per value (the write-behind flushes write thousands of rows a second under load).
   */
  jsonRows(rows: readonly (readonly (string | number)[])[], columns: readonly JsonColumn[]): RawBuilder<unknown>;
};

// The trigram indexes answer substrings of three characters or more; shorter ones scan.
const MIN_INDEXED_SEARCH = 3;

/** The embedded store: one writer at a time, FTS5 trigram search, `json_each`. */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  shared: false,
  withReadLock: (query) => query,
  lockRow: async () => {},
  keySearch(q) {
    if ([...q].length >= MIN_INDEXED_SEARCH) {
      const phrase = `{name description token_start} : "${q.replaceAll('"', '""')}"`;
      return sql<boolean>`keys.id in (select key_id from key_search where key_search match ${phrase})`;
    }
    const pattern = likeContains(q);
    return sql<boolean>`(lower(keys.name) like ${pattern} escape '\\' or lower(keys.description) like ${pattern} escape '\\' or lower(keys.token_start) like ${pattern} escape '\\')`;
  },
  jsonRows(rows, columns) {
    const selected = columns.map((column, i) => `value->>${i} AS ${column.name}`).join(', ');
    return sql`(SELECT ${sql.raw(selected)} FROM json_each(${JSON.stringify(rows)}))`;
  },
};

/** PostgreSQL: concurrent writers held apart by row locks, pg_trgm search, `json_array_elements`. */
export const postgresDialect: Dialect = {
  name: 'postgres',
  shared: true,
  withReadLock: (query, lock) => (lock === 'share' ? query.forShare() : lock === 'update' ? query.forUpdate() : query),
  lockRow: async (trx, table, id) => {
    await sql`SELECT 1 FROM ${sql.table(table)} WHERE id = ${id} FOR UPDATE`.execute(trx);
  },
  keySearch(q) {
    return sql<boolean>`lower(keys.name || ' ' || keys.description || ' ' || keys.token_start) like ${likeContains(q)} escape '\\'`;
  },
  jsonRows(rows, columns) {
    const selected = columns.map((column, i) => `(e->>${i})${column.integer ? '::bigint' : ''} AS ${column.name}`).join(', ');
    return sql`(SELECT ${sql.raw(selected)} FROM json_array_elements(${JSON.stringify(rows)}::json) AS e)`;
  },
};
