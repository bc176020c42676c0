import { expressionBuilder, sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { KeyScope } from '../domain/access-policy.ts';
import type { Database, Db } from './database.ts';
import { MIN_INDEXED_SEARCH, type Dialect } from './dialect.ts';
import { keyConditions, type KeyFilters } from './key-filters.ts';

/**
 * A search the trigram index answers with at most this many keys (in all projects) is sparse:
 * its page comes from the index. Reading a few hundred ids from the index and ordering them
 * costs about a millisecond; reading a word every key shares cost seconds on SQLite at a million
 * keys (FTS5 materialises every match) and 25–40 ms on PostgreSQL (GIN reads whole posting lists).
 */
const SPARSE_AT_MOST = 1_000;

/**
 * A dense search walks the keys in list order, testing each row, and stops when the page is
 * full: its cost is the page size over the match density. It reads this many rows at most;
 * where they hold too few matches for a page, the index answers the rest.
 */
const WALK_BUDGET = 10_000;

/**
 * A searched list counts its matches up to this bound and then says `totalCapped` instead: a
 * word every key shares matches a million keys, and counting them costs what reading them does.
 */
export const SEARCH_COUNT_CAP = 1_000;

/** Walks of WALK_BUDGET rows a page makes, each below the last, before the index answers the rest. */
const WALKS_BEFORE_INDEX = 8;

/** Rows a dense count walks, newest first, before it leaves the count to the index. */
const COUNT_WALK_ROWS = 8_192;

/**
 * The words of a query of several words that the index can be asked for alone (three characters
 * or more), each once, the longest first: `searchWords('number 5123')` is `['number', '5123']`.
 * A query of one word has none (it is its own word).
 */
export function searchWords(q: string): string[] {
  const words = [...new Set(q.split(/\s+/))].filter((word) => [...word].length >= MIN_INDEXED_SEARCH && word !== q);
  return words.sort((a, b) => [...b].length - [...a].length);
}

/** A count of matches, up to SEARCH_COUNT_CAP: `capped` when there are more. */
export type SearchCount = { total: number; capped: boolean };

/** The bounds above, as one object: tests pass small ones to take every path with a few hundred keys. */
export type SearchBounds = { sparseAtMost: number; walkBudget: number; walksBeforeIndex: number; countCap: number; countWalkRows: number };

export const SEARCH_BOUNDS: SearchBounds = { sparseAtMost: SPARSE_AT_MOST, walkBudget: WALK_BUDGET, walksBeforeIndex: WALKS_BEFORE_INDEX, countCap: SEARCH_COUNT_CAP, countWalkRows: COUNT_WALK_ROWS };

/** The ids of a searched page (newest first, at most the number asked), whether it walked, and the count if it came along. */
type SearchedIds = { ids: string[]; dense: boolean; counted?: SearchCount };

/**
 * A searched key list (`?q=`) on either store: the dense/sparse choice, the page's ids, and its
 * capped count. Every path answers what "keys meeting the filters AND `dialect.keySearch(q)`,
 * newest first" would: the walk tests each row with the dialect's row-by-row form of the index's
 * test, used only where the engine has one that answers the same.
 */
export class KeySearch {
  readonly #db: Db;
  readonly #dialect: Dialect;
  readonly #q: string;
  readonly #where: Expression<SqlBool>;
  readonly #bounds: SearchBounds;

  constructor(db: Db, dialect: Dialect, filters: KeyFilters & { q: string }, scope: KeyScope, nowIso: string, bounds = SEARCH_BOUNDS) {
    this.#db = db;
    this.#bounds = bounds;
    this.#dialect = dialect;
    this.#q = filters.q;
    this.#where = keyConditions(expressionBuilder<Database, 'keys'>(), filters, scope, nowIso);
  }

  #keys(after?: string) {
    return this.#db.selectFrom('keys').where(this.#where).$if(after !== undefined, (query) => query.where('keys.id', '<', after!));
  }

  /**
   * A page after `after`: up to `limit + 1` ids (the extra one says there is more), and the
   * count of every match. A first page that is not full holds every match, so it is its own
   * count: a search that narrows a million keys to a few then costs one index search.
   */
  async page(after: string | undefined, limit: number): Promise<{ ids: string[] } & SearchCount> {
    const found = await this.#pageIds(after, limit + 1);
    const counted = found.counted ?? (!after && found.ids.length <= limit ? { total: found.ids.length, capped: false } : await this.#count(found.dense));
    return { ids: found.ids, ...counted };
  }

  /** Whether the index's answer is too large to read whole, so that a walk is the cheaper way. */
  async #isDense(): Promise<boolean> {
    if (!this.#dialect.keyMatch(this.#q)) return false;
    return !(await this.#dialect.fewKeysMatch(this.#db, this.#q, this.#bounds.sparseAtMost));
  }

  /**
   * The keys of a word of the query that the index holds for few keys, the longest word first
   * (the likelier to be rare), as a condition on `keys`: each is then tested for the whole query.
   */
  async #rareWordKeys(): Promise<Expression<SqlBool> | undefined> {
    for (const word of searchWords(this.#q)) {
      const found = await this.#dialect.fewKeysHolding(this.#db, word, this.#bounds.sparseAtMost);
      if (found) return found;
    }
    return undefined;
  }

  /** The first `want` matching ids after `after` (newest first), and the count when it came with them. */
  async #pageIds(after: string | undefined, want: number): Promise<SearchedIds> {
    const match = this.#dialect.keyMatch(this.#q);
    if (!match) return this.#sparsePage(after, want);
    const rare = await this.#rareWordKeys();
    if (rare) return this.#sparsePage(after, want, sql<boolean>`(${rare} and ${match})`);
    if (!(await this.#isDense())) return this.#sparsePage(after, want);
    // One statement on both engines: the inner walk in key order, bounded, tests each row; the
    // outer keeps the matches and stops at the page. Neither engine sorts again (the inner
    // order carries through), so a dense word reads about want / density rows.
    // A first page reads on to the count's cap: page and count from one walk, where the word
    // is as common as the count's cap needs.
    const cap = this.#bounds.countCap;
    const take = after === undefined ? Math.max(want, cap + 1) : want;
    const ids = await this.#walkedMatches(match, after, take);
    if (ids.length >= want) return { ids: ids.slice(0, want), dense: true, counted: ids.length > cap ? { total: cap, capped: true } : undefined };
    // Fewer than a page: either the walk read every key the filters allow, or its budget ran
    // out where matches are rare. Then it walks on below, a budget at a time: a word most keys
    // hold may be missing only from the newest ones (keys created since, named otherwise), and
    // the index would read every match of such a word to order them (25-32 s at 10,000,000
    // keys, measured). Past `walksBeforeIndex` budgets the index answers the rest.
    let from = after;
    for (let walks = 1; ; walks++) {
      const walked = this.#keys(from).select('keys.id').orderBy('keys.id', 'desc').limit(this.#bounds.walkBudget);
      const end = await this.#db.selectFrom(walked.as('w')).select([sql<number>`count(*)`.as('n'), sql<string | null>`min(w.id)`.as('last')]).executeTakeFirstOrThrow();
      if (Number(end.n) < this.#bounds.walkBudget || end.last === null) return { ids, dense: true };
      // Not dense after all where the walks went: the count too is the index's.
      if (walks >= this.#bounds.walksBeforeIndex) return { ids: [...ids, ...(await this.#fromIndex(end.last, want - ids.length))], dense: false };
      from = end.last;
      ids.push(...(await this.#walkedMatches(match, from, want - ids.length)));
      if (ids.length >= want) return { ids, dense: false };
    }
  }

  /** One walk: the first `take` ids of the budget's rows below `from` that `match` holds, newest first. */
  async #walkedMatches(match: RawBuilder<boolean>, from: string | undefined, take: number): Promise<string[]> {
    const walk = this.#keys(from).select(['keys.id', match.as('hit')]).orderBy('keys.id', 'desc').limit(this.#bounds.walkBudget);
    return (await this.#db.selectFrom(walk.as('w')).select('w.id').where(sql<boolean>`w.hit`).orderBy('w.id', 'desc').limit(take).execute()).map((row) => row.id);
  }

  /**
   * Every match up to the count's cap, from the index, newest first: the page and its count from
   * one index search (PostgreSQL's GIN reads the same posting lists for a page as for a count).
   */
  async #sparsePage(after: string | undefined, want: number, search = this.#dialect.keySearch(this.#q)): Promise<SearchedIds> {
    const cap = this.#bounds.countCap;
    const all = await this.#fromIndex(undefined, cap + 1, search);
    const counted = all.length > cap ? { total: cap, capped: true } : { total: all.length, capped: false };
    // Ids are of one length and alphabet, so JavaScript orders them as both databases do.
    const start = after === undefined ? 0 : all.findIndex((id) => id < after);
    const ids = start < 0 ? [] : all.slice(start, start + want);
    // Past the first thousand, the page comes from the index on its own.
    if (ids.length < want && counted.capped) return { ids: await this.#fromIndex(after, want, search), dense: false, counted };
    return { ids, dense: false, counted };
  }

  /**
   * Matching ids from the index, newest first. Every match is found first and then ordered:
   * left to itself, PostgreSQL's planner may walk the primary key in order for a word it thinks
   * one key in a hundred holds, and read most of the table when those keys are far down it
   * (3 s at a million keys).
   */
  async #fromIndex(after: string | undefined, want: number, search: Expression<SqlBool> = this.#dialect.keySearch(this.#q)): Promise<string[]> {
    const rows = await this.#db
      .with((cte) => cte('matches').materialized(), (db) => db.selectFrom('keys').select('keys.id').where(this.#where).where(search))
      .selectFrom('matches')
      .select('matches.id')
      .$if(after !== undefined, (query) => query.where('matches.id', '<', after!))
      .orderBy('matches.id', 'desc')
      .limit(want)
      .execute();
    return rows.map((row) => row.id);
  }

  /** Every match, counted up to SEARCH_COUNT_CAP: `capped` when there are more. */
  async #count(dense: boolean): Promise<SearchCount> {
    const { countCap: cap, countWalkRows } = this.#bounds;
    const capped = (n: number) => (n > cap ? { total: cap, capped: true } : { total: n, capped: false });
    const match = this.#dialect.keyMatch(this.#q);
    if (dense && match) {
      // The page's walk again, stopping at the cap: where the page was dense, a word most keys
      // share reaches it after about the cap's worth of rows (a millisecond; FTS5 reading its
      // doclists for the same thousand took 9 ms for a phrase of seven trigrams).
      const walked = this.#keys().select(['keys.id', match.as('hit')]).orderBy('keys.id', 'desc').limit(countWalkRows);
      const found = await this.#countOf(this.#db.selectFrom(walked.as('w')).select(sql`1`.as('one')).where(sql<boolean>`w.hit`).limit(cap + 1));
      if (found > cap) return capped(found);
      if (await this.#countOf(this.#keys().select(sql`1`.as('one')).limit(countWalkRows)) < countWalkRows) return capped(found);
    }
    const lazily = await this.#dialect.countKeyMatches(this.#db, this.#q, this.#where, cap);
    if (lazily !== undefined) return capped(lazily);
    return capped(await this.#countOf(this.#keys().select(sql`1`.as('one')).where(this.#dialect.keySearch(this.#q)).limit(cap + 1)));
  }

  async #countOf(query: SelectQueryBuilder<Database, never, { one: unknown }>): Promise<number> {
    const row = await this.#db.selectFrom(query.as('c')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
