import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { Db, Database } from './database.ts';
import { NodeSqliteDatabase } from './node-sqlite-driver.ts';

/** An open store: the query builder and a way to ask whether the database answers. */
export type Store = {
  db: Db;
  kind: 'sqlite' | 'postgres';
  /** Resolves when the database answers a trivial query. */
  ping: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Opens the store a `DATABASE_URL` names: `file:<path>` for the embedded SQLite file.
 *
 * @example const store = openStore('file:./data/keyward.db')
 */
export function openStore(databaseUrl: string): Store {
  if (databaseUrl.startsWith('file:')) {
    const path = databaseUrl.slice('file:'.length);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const database = new NodeSqliteDatabase(path);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    return {
      db,
      kind: 'sqlite',
      ping: async () => {
        database.raw.prepare('SELECT 1').get();
      },
      close: () => db.destroy(),
    };
  }
  throw new Error(`unsupported DATABASE_URL scheme: ${databaseUrl.split(':')[0]}`);
}
