import { sql } from 'kysely';
import type { TestServer } from './test-server.ts';

/** Every row of every table, by table name, in a stable order. */
export type DatabaseSnapshot = Record<string, Record<string, unknown>[]>;

/**
 * Reads every row of every table of the server's store (SQLite or PostgreSQL alike, through
 * its own query builder), so a test can prove that a refused request changed nothing.
 * `ignore` lists `table.column` values to leave out (e.g. `keys.last_used_at`, which
 * authentication touches).
 */
export async function snapshotDatabase(server: TestServer, ignore: readonly string[] = []): Promise<DatabaseSnapshot> {
  const db = server.app.store.db;
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: false })).map((table) => table.name).sort();
  const snapshot: DatabaseSnapshot = {};
  for (const name of tables) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(db);
    // Not every table has an ordering column; sorting the rows' text gives a stable order.
    snapshot[name] = rows
      .map((row) => {
        const kept = { ...row };
        for (const entry of ignore) {
          const [table, column] = entry.split('.');
          if (table === name && column) delete kept[column];
        }
        return kept;
      })
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  return snapshot;
}
