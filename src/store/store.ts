import type { Db } from './database.ts';
import type { Dialect } from './dialect.ts';
import type { KeyHashFilter } from './key-hash-filter.ts';
import type { LastUseOverlay } from './last-use-overlay.ts';
import type { Repositories } from './repositories.ts';
import type { WriteBatch } from './write-batch.ts';

/** A running count of statements, kept by Kysely's log hook (a closure call per statement). */
export type StatementCount = { total: number };

/** Kysely's `log` option that counts every statement it runs, failed ones too. */
export function countingStatements(count: StatementCount): () => void {
  return () => {
    count.total++;
  };
}

/** Runs work in one transaction with repositories bound to it, and resolves once it is committed. */
export type Write = <T>(work: (tx: Repositories) => Promise<T>) => Promise<T>;

/** An open store: its repositories, a way to write, and a way to ask whether the database answers. */
export type Store = {
  /** The repositories on the pool: reads, and statements that stand alone. */
  repos: Repositories;
  /** Runs a unit of work in a transaction (group-committed on SQLite), answered after commit. */
  write: Write;
  /** Runs several inserting works in one transaction, each settled on its own (see WriteBatch). */
  writeBatch: WriteBatch;
  dialect: Dialect;
  /** The query builder itself: for migrations, and for tests that read what was written. */
  db: Db;
  /** Statements sent to the database so far (read by /metrics and the benchmark's capacity figures). */
  statements: StatementCount;
  /** The URL it was opened with (PostgreSQL listeners open their own connection from it). */
  databaseUrl: string;
  /**
   * The embedded store's filter of every stored token hash (undefined on PostgreSQL, where other
   * nodes create keys): `start` it once the schema is migrated.
   */
  keyHashes?: KeyHashFilter;
  /** Key uses this process noted and has not written yet, which key views show (see LastUseOverlay). */
  lastUses: LastUseOverlay;
  /** Resolves when the database answers a trivial query. */
  ping: () => Promise<void>;
  close: () => Promise<void>;
};
