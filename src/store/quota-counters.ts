import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { Dialect } from './dialect.ts';
import { Repository } from './repository.ts';

/** A quota counter's value, as held outside the database. */
export type QuotaCounterValue = { id: string; remaining: number; lastRefillAt: string | null };

/** A quota counter as one node last knew it, to write if the database still holds `expected`. */
export type QuotaCounterWrite = QuotaCounterValue & { expected: number };

/**
 * The quota statements of a table that keeps quotas (`keys`, `identities`, each with
 * `remaining` and `last_refill_at`): counters written behind, or spent in the database itself.
 */
export class QuotaCounterRepository extends Repository {
  readonly #table: 'keys' | 'identities';

  constructor(db: Db, dialect: Dialect, table: 'keys' | 'identities') {
    super(db, dialect);
    this.#table = table;
  }

  /**
   * Writes many counters in one statement, each only where the stored value is still the one
   * its node last wrote (compare-and-set): an edit made meanwhile wins. Returns the ids written.
   */
  async writeCounters(writes: readonly QuotaCounterWrite[]): Promise<Set<string>> {
    const rows = this.dialect.jsonRows(writes.map((write) => [write.id, write.remaining, write.lastRefillAt ?? '', write.expected]), [
      { name: 'id' }, { name: 'remaining', integer: true }, { name: 'refilled' }, { name: 'expected', integer: true },
    ]);
    const table = sql.table(this.#table);
    const { rows: landed } = await sql<{ id: string }>`UPDATE ${table} SET remaining = v.remaining, last_refill_at = NULLIF(v.refilled, '')
      FROM ${rows} AS v WHERE ${table}.id = v.id AND ${table}.remaining = v.expected RETURNING ${table}.id`.execute(this.db);
    return new Set(landed.map((row) => row.id));
  }

  /**
   * Writes counters kept elsewhere (Redis) to the database in one statement, never where the
   * quota was removed. (One statement per counter was a tenth of a statement per verification
   * with a quota, over 2,000 keys in `npm run bench`.)
   */
  async writeRemaining(writes: readonly QuotaCounterValue[]): Promise<void> {
    if (writes.length === 0) return;
    const rows = this.dialect.jsonRows(writes.map((write) => [write.id, write.remaining, write.lastRefillAt ?? '']), [
      { name: 'id' }, { name: 'remaining', integer: true }, { name: 'refilled' },
    ]);
    const table = sql.table(this.#table);
    await sql`UPDATE ${table} SET remaining = v.remaining, last_refill_at = NULLIF(v.refilled, '')
      FROM ${rows} AS v WHERE ${table}.id = v.id AND ${table}.remaining IS NOT NULL`.execute(this.db);
  }

  /**
   * Spends `cost` of a quota in one conditional UPDATE, atomic across any number of nodes:
   * refilled first when `refill` is due (its period began after the last refill), refused when
   * not enough is left (`cost` 0 still needs something left). Returns what is left, or
   * undefined when refused.
   */
  async spend(id: string, cost: number, refill: { amount: number; periodStart: string } | undefined, nowIso: string): Promise<number | undefined> {
    const due = refill ? sql`(last_refill_at IS NOT NULL AND last_refill_at < ${refill.periodStart})` : sql`(1 = 0)`;
    const amount = refill?.amount ?? 0;
    const needed = Math.max(cost, 1);
    const { rows } = await sql<{ remaining: number | string }>`UPDATE ${sql.table(this.#table)} SET
        remaining = CASE WHEN ${due} THEN ${amount - cost} ELSE remaining - ${cost} END,
        last_refill_at = CASE WHEN ${due} THEN ${nowIso} ELSE last_refill_at END
      WHERE id = ${id} AND remaining IS NOT NULL
        AND (CASE WHEN ${due} THEN ${amount} ELSE remaining END) >= ${needed}
      RETURNING remaining`.execute(this.db);
    return rows[0] ? Number(rows[0].remaining) : undefined;
  }

  /** Gives back a spend (another quota of the same verification refused it). */
  async refund(id: string, cost: number): Promise<void> {
    await sql`UPDATE ${sql.table(this.#table)} SET remaining = remaining + ${cost} WHERE id = ${id} AND remaining IS NOT NULL`.execute(this.db);
  }
}
