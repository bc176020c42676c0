import { sql } from 'kysely';
import type { Db, StoreDialect } from './database.ts';

type LockableTable = 'keys' | 'projects' | 'users' | 'groups';

/**
 * Locks one row until the transaction ends, on PostgreSQL: `update` before writing the row
 * itself, `share` to keep a row from being deleted while rows that refer to it are written.
 * Under READ COMMITTED, writes of the same row would otherwise interleave: two regenerations of
 * a key each deleted only the secrets they could see and both new tokens worked; a forced
 * project deletion missed keys created meanwhile. Statements after the lock see the row as the
 * previous holder left it. SQLite needs none: it runs one write transaction at a time.
 *
 * False when PostgreSQL finds no such row (any more); always true on SQLite.
 */
export async function lockRow(trx: Db, dialect: StoreDialect, table: LockableTable, id: string, mode: 'update' | 'share' = 'update'): Promise<boolean> {
  if (dialect !== 'postgres') return true;
  const { rows } = await sql`SELECT 1 FROM ${sql.table(table)} WHERE id = ${id} ${mode === 'update' ? sql`FOR UPDATE` : sql`FOR SHARE`}`.execute(trx);
  return rows.length > 0;
}

/** How a read inside a write locks what it reads: PostgreSQL only (SQLite has no row locks). */
export type ReadLock = 'update' | 'share' | undefined;

export function readLockFor(dialect: StoreDialect, mode: 'update' | 'share'): ReadLock {
  return dialect === 'postgres' ? mode : undefined;
}
