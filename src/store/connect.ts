import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './database.ts';
import { sqliteDialect } from './dialect.ts';
import { KeyHashFilter } from './key-hash-filter.ts';
import { LastUseOverlay } from './last-use-overlay.ts';
import { NodeSqliteDatabase, type StatementTracer } from './node-sqlite-driver.ts';
import { openPostgresStore } from './postgres-store.ts';
import { repositoriesOf } from './repositories.ts';
import { startCheckpointer } from './sqlite-checkpointer.ts';
import { countingStatements, type StatementCount, type Store } from './store.ts';
import { batchedWriter } from './write-batch.ts';
import { batchedWrites } from './write-batcher.ts';

export type { Store, StatementTracer };

/**
 * Opens the store a `DATABASE_URL` names: `file:<path>` for the embedded SQLite file,
 * `postgres://…` for PostgreSQL. With `traceStatement` (tracing on), each SQLite statement runs
 * in a span; PostgreSQL's come from the `pg` instrumentation (src/telemetry.ts).
 *
 * @example const store = openStore('file:./data/keyward.db')
 */
export function openStore(databaseUrl: string, onPoolError: (error: Error) => void = () => {}, traceStatement?: StatementTracer): Store {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return openPostgresStore(databaseUrl, onPoolError);
  if (databaseUrl.startsWith('file:')) {
    const path = databaseUrl.slice('file:'.length);
    if (path !== ':memory:') createPrivateFile(path);
    const database = new NodeSqliteDatabase(path, traceStatement);
    const statements: StatementCount = { total: 0 };
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }), log: countingStatements(statements) });
    const checkpointer = path === ':memory:' ? undefined : startCheckpointer(path);
    const write = batchedWrites(db);
    // This one connection runs every read and write of the process (Kysely's SQLite dialect
    // holds one; the checkpointer's connection only checkpoints), so its triggers see every
    // new hash.
    const keyHashes = new KeyHashFilter(database.raw, statements);
    const lastUses = new LastUseOverlay();
    return {
      db,
      dialect: sqliteDialect,
      statements,
      keyHashes,
      lastUses,
      repos: repositoriesOf(db, sqliteDialect, { hashes: keyHashes, lastUses }),
      write: (work) => write((trx) => work(repositoriesOf(trx, sqliteDialect, { hashes: keyHashes, lastUses }))),
      writeBatch: batchedWriter(write, sqliteDialect),
      databaseUrl,
      ping: async () => {
        database.raw.prepare('SELECT 1').get();
      },
      close: async () => {
        keyHashes.stop();
        await checkpointer?.stop();
        await db.destroy();
      },
    };
  }
  throw new Error(`unsupported DATABASE_URL scheme: ${databaseUrl.split(':')[0]}`);
}

/**
 * Makes the SQLite file readable by the service's user alone before SQLite opens it: it holds
 * every key's hash, users' password hashes and webhook secrets. SQLite creates the -wal and -shm
 * files with the main file's mode, so they follow; a file already there (an older install, or
 * -wal/-shm left by a crash) is tightened. The folder is created 0700 when Keyward creates it;
 * one that already exists (/tmp, a mounted volume) is the operator's and keeps its mode.
 */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}
