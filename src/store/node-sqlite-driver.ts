import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';

import type { SqliteDatabase, SqliteStatement } from 'kysely';

const MAX_CACHED_STATEMENTS = 500;

/**
 * Runs one statement inside a span when tracing is on (src/telemetry.ts): given the statement's
 * SQL text, never its parameters. Statements run synchronously, so the span times exactly them.
 */
export type StatementTracer = <T>(sql: string, run: () => T) => T;

/**
 * Lets Kysely's SqliteDialect drive Node's built-in `node:sqlite`, so the embedded store needs
 * no native addon. Kysely asks for a better-sqlite3-shaped object; this is that shape.
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly raw: DatabaseSync;
  // Kysely prepares every query anew; the SQL of a query builder call is the same each time,
  // so reusing statements saves the parse on every call (a third of a key creation's cost).
  // With whether each returns rows: asking SQLite (`columns()`) on every call cost 3% of a key creation.
  readonly #statements = new Map<string, { statement: StatementSync; reader: boolean }>();

  readonly #trace: StatementTracer | undefined;

  constructor(path: string, trace?: StatementTracer) {
    this.raw = new DatabaseSync(path);
    this.#trace = trace;
    // WAL lets readers run beside the writer; NORMAL sync still survives a process crash
    // (the OS holds the written pages), which is what SIGKILL is.
    this.raw.exec('PRAGMA journal_mode = WAL');
    this.raw.exec('PRAGMA synchronous = NORMAL');
    this.raw.exec('PRAGMA foreign_keys = ON');
    this.raw.exec('PRAGMA busy_timeout = 5000');
    this.raw.exec('PRAGMA temp_store = MEMORY');
    // A backstop only: checkpoints normally run in the checkpointer worker (sqlite-checkpointer.ts).
    this.raw.exec('PRAGMA wal_autocheckpoint = 20000');
  }

  prepare(sql: string): SqliteStatement {
    let prepared = this.#statements.get(sql);
    if (!prepared) {
      const statement = this.raw.prepare(sql);
      prepared = { statement, reader: statement.columns().length > 0 };
      // Queries with generated IN-lists vary without end; a full cache starts over.
      if (this.#statements.size >= MAX_CACHED_STATEMENTS) this.#statements.clear();
      this.#statements.set(sql, prepared);
    }
    const { statement, reader } = prepared;
    const untraced: SqliteStatement = {
      reader,
      all: (parameters) => statement.all(...(parameters as SQLInputValue[])),
      run: (parameters) => {
        const result = statement.run(...(parameters as SQLInputValue[]));
        return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
      },
      iterate: (parameters) => statement.iterate(...(parameters as SQLInputValue[])),
    };
    const trace = this.#trace;
    if (!trace) return untraced;
    // iterate() is left out: it returns before the statement has run (Keyward streams nothing).
    return {
      ...untraced,
      all: (parameters) => trace(sql, () => untraced.all(parameters)),
      run: (parameters) => trace(sql, () => untraced.run(parameters)),
    };
  }

  close(): void {
    this.#statements.clear();
    if (this.raw.isOpen) this.raw.close();
  }
}
