import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
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
   * Whether one statement may insert into several tables (PostgreSQL's data-modifying WITH):
   * a batch of key creations then writes its rows in one round trip instead of one per table.
   */
  readonly insertsTogether: boolean;
  /**
   * Whether a batch's look-ups of several tables are worth one statement (rows as JSON, tagged
   * by table) where each statement is a round trip; in process they are not.
   */
  readonly readsTogether: boolean;
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
   * The same test as `keySearch`, row by row and never through the index, for walking keys in
   * list order and for testing a few keys found otherwise; undefined where the engine's row
   * test would answer some rows differently.
   */
  keyMatch(q: string): RawBuilder<boolean> | undefined;
  /** Whether the trigram index finds at most `atMost` keys for `q`, all projects together. */
  fewKeysMatch(db: Db, q: string, atMost: number): Promise<boolean>;
  /**
   * The keys the trigram index finds for `word`, as a condition on `keys`, where it finds at
   * most `atMost` (all projects together); undefined where it finds more. A query's rare word
   * asked alone makes the index read the entries of that word's trigrams only, not those of
   * trigrams every key shares ("num", "ber" in "number 5123"), which the whole query reads too.
   */
  fewKeysHolding(db: Db, word: string, atMost: number): Promise<RawBuilder<boolean> | undefined>;
  /**
   * The keys that hold `q` and meet `where`, counted up to `atMost + 1` where the engine can read
   * its index lazily and stop there; undefined where it cannot.
   */
  countKeyMatches(db: Db, q: string, where: Expression<SqlBool>, atMost: number): Promise<number | undefined>;
  /**
   * Many rows as a derived table read from ONE JSON parameter: the statement's text is the same
   * whatever the number of rows, so it is prepared once and compiles a few nodes instead of one
   * per value (the write-behind flushes write thousands of rows a second under load).
   */
  jsonRows(rows: readonly (readonly (string | number)[])[], columns: readonly JsonColumn[]): RawBuilder<unknown>;
};

/** The trigram indexes answer substrings of three characters or more; shorter ones scan. */
export const MIN_INDEXED_SEARCH = 3;

/** `q` as an FTS5 phrase over the indexed columns: with the trigram tokenizer, a substring. */
function ftsPhrase(q: string): string {
  return `{name description token_start} : "${q.replaceAll('"', '""')}"`;
}

/** `q` as a substring of a key's name, description or start, tested row by row (ASCII case folded). */
function sqliteLike(q: string): RawBuilder<boolean> {
  const pattern = likeContains(q);
  return sql<boolean>`(keys.name like ${pattern} escape '\\' or keys.description like ${pattern} escape '\\' or keys.token_start like ${pattern} escape '\\')`;
}

/** The embedded store: one writer at a time, FTS5 trigram search, `json_each`. */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  shared: false,
  insertsTogether: false,
  readsTogether: false,
  withReadLock: (query) => query,
  lockRow: async () => {},
  keySearch(q) {
    if ([...q].length >= MIN_INDEXED_SEARCH) {
      return sql<boolean>`keys.id in (select key_id from key_search where key_search match ${ftsPhrase(q)})`;
    }
    return sqliteLike(q);
  },
  keyMatch(q) {
    // SQLite's LIKE folds the case of ASCII letters only, FTS5 that of every letter: an ASCII
    // query finds the same rows both ways (but for a few letters such as the Kelvin sign, which
    // FTS5 folds to an ASCII one); any other is left to the index.
    return [...q].length < MIN_INDEXED_SEARCH || /^[\x20-\x7e]*$/.test(q) ? sqliteLike(q) : undefined;
  },
  async fewKeysMatch(db, q, atMost) {
    if ([...q].length < MIN_INDEXED_SEARCH) return false;
    // FTS5 reads its doclists as it goes, so a count that stops at the bound costs little
    // either way (under 1.5 ms at a million keys, rare words and words every key has alike).
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM key_search WHERE key_search MATCH ${ftsPhrase(q)} LIMIT ${atMost + 1})`.execute(db);
    return Number(rows[0]!.n) <= atMost;
  },
  async fewKeysHolding(db, word, atMost) {
    if ([...word].length < MIN_INDEXED_SEARCH) return undefined;
    // One search that both counts and finds: FTS5's rowids alone (no row of its content table
    // read), and the keys then by those rowids. At 10,000,000 keys a seven-digit word's search
    // costs 2–3 ms of CPU; a count and then a search of their own cost it twice. The rowids come
    // back as one JSON array, and none for a common word: not a thousand rows to JavaScript.
    const { rows } = await sql<{ found: string | null }>`SELECT CASE WHEN count(*) <= ${atMost} THEN json_group_array(found) END AS found
      FROM (SELECT rowid AS found FROM key_search WHERE key_search MATCH ${ftsPhrase(word)} LIMIT ${atMost + 1})`.execute(db);
    const found = rows[0]?.found;
    if (found === null || found === undefined) return undefined;
    return sql<boolean>`keys.id in (select key_id from key_search where rowid in (select value from json_each(${found})))`;
  },
  async countKeyMatches(db, q, where, atMost) {
    // Driven from FTS5, which yields matches as it reads its doclists, into keys by id: the
    // count stops after atMost + 1 (about 5 ms for a thousand of a word every key has).
    const matching = [...q].length < MIN_INDEXED_SEARCH
      ? db.selectFrom('keys').where(sqliteLike(q))
      : db.selectFrom(sql`key_search`.as('key_search')).innerJoin('keys', (join) => join.on(sql<boolean>`keys.id = key_search.key_id`)).where(sql<boolean>`key_search MATCH ${ftsPhrase(q)}`);
    const limited = matching.where(where).select(sql`1`.as('one')).limit(atMost + 1);
    const row = await db.selectFrom(limited.as('c')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },
  jsonRows(rows, columns) {
    const selected = columns.map((column, i) => `value->>${i} AS ${column.name}`).join(', ');
    return sql`(SELECT ${sql.raw(selected)} FROM json_each(${JSON.stringify(rows)}))`;
  },
};

/** A key's name, description and start as the trigram index holds them (the index's expression). */
const postgresText = sql`lower(keys.name || ' ' || keys.description || ' ' || keys.token_start)`;

/** `q` as a substring of a key's name, description and start, as the trigram index holds them. */
function postgresLike(q: string): RawBuilder<boolean> {
  return sql<boolean>`${postgresText} like ${likeContains(q)} escape '\\'`;
}

/**
 * GIN builds its whole bitmap before the first row, so a count that stops early costs as much as
 * the search; the planner's estimate (from the expression index's statistics) costs a planning,
 * about 0.3 ms.
 */
async function postgresFewKeysMatch(db: Db, q: string, atMost: number): Promise<boolean> {
  const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`EXPLAIN (FORMAT JSON) SELECT 1 FROM keys WHERE ${postgresLike(q)}`.execute(db);
  return rows[0]!['QUERY PLAN'][0].Plan['Plan Rows'] <= atMost;
}

/** PostgreSQL: concurrent writers held apart by row locks, pg_trgm search, `json_array_elements`. */
export const postgresDialect: Dialect = {
  name: 'postgres',
  shared: true,
  insertsTogether: true,
  readsTogether: true,
  withReadLock: (query, lock) => (lock === 'share' ? query.forShare() : lock === 'update' ? query.forUpdate() : query),
  lockRow: async (trx, table, id) => {
    await sql`SELECT 1 FROM ${sql.table(table)} WHERE id = ${id} FOR UPDATE`.execute(trx);
  },
  keySearch: postgresLike,
  // The index's own text tested with strpos, which pg_trgm's operator class does not serve:
  // beside a rare word's LIKE, a LIKE for the whole query would join its trigrams to the same
  // GIN scan, which would read every one's posting list. Over the same lowered text,
  // `strpos(…, q) > 0` holds where `LIKE '%q%'` does.
  keyMatch: (q) => sql<boolean>`strpos(${postgresText}, ${q.toLowerCase()}) > 0`,
  fewKeysMatch: postgresFewKeysMatch,
  // The estimate only: the search itself runs in the page's statement, one GIN scan.
  fewKeysHolding: async (db, word, atMost) => ((await postgresFewKeysMatch(db, word, atMost)) ? postgresLike(word) : undefined),
  countKeyMatches: async () => undefined,
  jsonRows(rows, columns) {
    const selected = columns.map((column, i) => `(e->>${i})${column.integer ? '::bigint' : ''} AS ${column.name}`).join(', ');
    return sql`(SELECT ${sql.raw(selected)} FROM json_array_elements(${JSON.stringify(rows)}::json) AS e)`;
  },
};
