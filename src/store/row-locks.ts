import { sql } from 'kysely';
import type { Db, StoreDialect } from './database.ts';

/**
 * Rows are locked until the transaction ends, on PostgreSQL: `update` before writing the row
 * itself, `share` to keep a row from being deleted while rows that refer to it are written.
 * Under READ COMMITTED, writes of the same row would otherwise interleave: two regenerations of
 * a key each deleted only the secrets they could see and both new tokens worked; a forced
 * project deletion missed keys created meanwhile. Statements after the lock see the row as the
 * previous holder left it. SQLite needs none: it runs one write transaction at a time.
 *
 * Most rows are locked by the read that fetches them (`withReadLock`); a key is read with its
 * people joined, so its row is locked by a statement of its own first.
 */
export async function lockKeyRow(trx: Db, dialect: StoreDialect, id: string): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT 1 FROM keys WHERE id = ${id} FOR UPDATE`.execute(trx);
}

/** How a read inside a write locks what it reads: PostgreSQL only (SQLite has no row locks). */
export type ReadLock = 'update' | 'share' | undefined;

export function readLockFor(dialect: StoreDialect, mode: 'update' | 'share'): ReadLock {
  return dialect === 'postgres' ? mode : undefined;
}

/** A select with the read lock added (`FOR SHARE`, `FOR UPDATE`), or as it is without one. */
export function withReadLock<Query extends { forShare(): Query; forUpdate(): Query }>(query: Query, lock: ReadLock): Query {
  return lock === 'share' ? query.forShare() : lock === 'update' ? query.forUpdate() : query;
}
