import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Db } from './database.ts';

/** A column of `jsonRows`: its name, and whether it holds an integer (else text). */
export type JsonColumn = { name: string; integer?: boolean };

/**
 * Many rows as a derived table read from ONE JSON parameter (`json_each` on SQLite,
 * `json_array_elements` on PostgreSQL). The statement's text is then the same whatever the
 * number of rows, so it is prepared once and Kysely compiles a few nodes instead of one per
 * value: the write-behind flushes (thousands of rows a second under load) cost a fraction of
 * what a `VALUES` list of bound parameters did.
 *
 * @example sql`UPDATE keys SET last_used_at = v.at FROM ${jsonRows(db, rows, [{ name: 'id' }, { name: 'at' }])} AS v WHERE keys.id = v.id`
 */
export function jsonRows(db: Db, rows: readonly (readonly (string | number)[])[], columns: readonly JsonColumn[]): RawBuilder<unknown> {
  const json = JSON.stringify(rows);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const selected = columns.map((column, i) => `(e->>${i})${column.integer ? '::bigint' : ''} AS ${column.name}`).join(', ');
    return sql`(SELECT ${sql.raw(selected)} FROM json_array_elements(${json}::json) AS e)`;
  }
  const selected = columns.map((column, i) => `value->>${i} AS ${column.name}`).join(', ');
  return sql`(SELECT ${sql.raw(selected)} FROM json_each(${json}))`;
}
