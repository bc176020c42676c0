import { DatabaseSync } from 'node:sqlite';

/** Every row of every table, by table name, in a stable order. */
export type DatabaseSnapshot = Record<string, Record<string, unknown>[]>;

/**
 * Reads every row of every table of the server's SQLite file through a separate read-only
 * connection, so a test can prove that a refused request changed nothing. `ignore` lists
 * `table.column` values to leave out (e.g. `keys.last_used_at`, which authentication touches).
 */
export function snapshotDatabase(dbPath: string, ignore: readonly string[] = []): DatabaseSnapshot {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    const snapshot: DatabaseSnapshot = {};
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
      // Some tables have no rowid (WITHOUT ROWID); sorting the rows' text gives a stable order.
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
  } finally {
    db.close();
  }
}
