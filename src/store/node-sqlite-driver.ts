import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Lets Kysely's SqliteDialect drive Node's built-in `node:sqlite`, so the embedded store needs
 * no native addon. Kysely asks for a better-sqlite3-shaped object; this is that shape.
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly raw: DatabaseSync;

  constructor(path: string) {
    this.raw = new DatabaseSync(path);
    // WAL lets readers run beside the writer; NORMAL sync still survives a process crash
    // (the OS holds the written pages), which is what SIGKILL is.
    this.raw.exec('PRAGMA journal_mode = WAL');
    this.raw.exec('PRAGMA synchronous = NORMAL');
    this.raw.exec('PRAGMA foreign_keys = ON');
    this.raw.exec('PRAGMA busy_timeout = 5000');
  }

  prepare(sql: string): SqliteStatement {
    const statement = this.raw.prepare(sql);
    const reader = statement.columns().length > 0;
    return {
      reader,
      all: (parameters) => statement.all(...(parameters as SQLInputValue[])),
      run: (parameters) => {
        const result = statement.run(...(parameters as SQLInputValue[]));
        return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
      },
      iterate: (parameters) => statement.iterate(...(parameters as SQLInputValue[])),
    };
  }

  close(): void {
    if (this.raw.isOpen) this.raw.close();
  }
}
