import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ProblemError } from '../domain/problem-error.ts';
import { backupSqliteFile, isSqliteFileInUse, replaceSqliteFile, sqlitePathOf, stageSqliteCopy, type CopyCheck } from '../store/sqlite-backup.ts';

/** A backup made: where from and to, its size, and the last migration its schema has. */
export type DatabaseBackup = { database: string; file: string; bytes: number; schema: string };

/** A backup put in place: which file, where, and the last migration its schema has. */
export type DatabaseRestore = { database: string; from: string; schema: string };

const UNCHANGED = 'Nothing was changed.';

/** The SQLite file a DATABASE_URL names, as an absolute path; PostgreSQL and `:memory:` are refused. */
function sqliteFileOf(databaseUrl: string): string {
  const path = sqlitePathOf(databaseUrl);
  if (path === undefined) {
    throw new ProblemError(422, 'NOT_SQLITE', 'DATABASE_URL names a PostgreSQL database: back it up with pg_dump and restore it with pg_restore (see "Backups" in the README). keyward backup and keyward restore copy the embedded SQLite file only.');
  }
  if (path === ':memory:') throw new ProblemError(422, 'NOT_SQLITE', 'DATABASE_URL names an in-memory database: it has no file to back up or restore.');
  return resolve(path);
}

/** The path with its folder's symbolic links resolved, to compare two names of one file. */
function canonical(path: string): string {
  return join(realpathSync(dirname(path)), basename(path));
}

/** The refusal for a copy that failed its check, in words that say what to do. */
function refusal(source: string, check: Exclude<CopyCheck, { ok: true }>): ProblemError {
  switch (check.reason) {
    case 'not-sqlite':
      return new ProblemError(422, 'NOT_A_DATABASE', `${source} is not an SQLite database. ${UNCHANGED}`);
    case 'corrupt':
      return new ProblemError(422, 'BACKUP_CORRUPT', `${source} fails SQLite's integrity check (${check.detail.slice(0, 200)}). ${UNCHANGED}`);
    case 'not-keyward':
      return new ProblemError(422, 'NOT_KEYWARD_DATABASE', `${source} is an SQLite database but not Keyward's: ${check.detail}. ${UNCHANGED}`);
    case 'newer':
      return new ProblemError(422, 'NEWER_SCHEMA', `${source} was made by a newer Keyward (its schema has ${check.detail}, which this version does not know): restore it with that version or a later one. ${UNCHANGED}`);
  }
}

/**
 * Copies the database DATABASE_URL names to `to`, consistently, while the server runs (see
 * `backupSqliteFile`). `to` is replaced whole if it exists; it may not be the database itself.
 *
 * @example await backupDatabase('file:./data/keyward.db', '/backups/keyward-2026-01-01.db')
 */
export async function backupDatabase(databaseUrl: string, to: string): Promise<DatabaseBackup> {
  const database = sqliteFileOf(databaseUrl);
  const file = resolve(to);
  if (!existsSync(database)) throw new ProblemError(404, 'NOT_FOUND', `There is no database at ${database}: DATABASE_URL must name the server's database file.`);
  if (!existsSync(dirname(file))) throw new ProblemError(404, 'NOT_FOUND', `The folder ${dirname(file)} does not exist.`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new ProblemError(422, 'VALIDATION_FAILED', `${file} is a folder: name the backup file to write in it.`);
  const live = canonical(database);
  if ([live, `${live}-wal`, `${live}-shm`, `${live}-journal`].includes(canonical(file))) {
    throw new ProblemError(422, 'VALIDATION_FAILED', `${file} is the database itself: write the backup to another file.`);
  }
  const { bytes, check } = await backupSqliteFile(database, file);
  if (!check.ok) {
    // The copy is the database as it is: a failed check speaks of the database itself.
    throw new ProblemError(500, 'BACKUP_FAILED', `The copy of ${database} failed its check, so no backup was written: ${refusal(database, check).message}`);
  }
  return { database, file, bytes, schema: check.migrations.at(-1)! };
}

/**
 * Puts the backup `from` in place of the database DATABASE_URL names, with the server stopped:
 * refused while any process has that database open, or when the copy is not a sound Keyward
 * database of this version or an older one; then nothing is changed. The server brings an older
 * schema up to date when it starts.
 *
 * @example await restoreDatabase('file:./data/keyward.db', '/backups/keyward-2026-01-01.db')
 */
export async function restoreDatabase(databaseUrl: string, from: string): Promise<DatabaseRestore> {
  const database = sqliteFileOf(databaseUrl);
  const source = resolve(from);
  if (!existsSync(source) || !statSync(source).isFile()) throw new ProblemError(404, 'NOT_FOUND', `There is no file at ${source}.`);
  const staged = await stageSqliteCopy(source, database);
  try {
    if (!staged.check.ok) throw refusal(source, staged.check);
    // Asked last, just before the swap: a server may start while the copy is made. Asked only
    // for a sound copy, as the question opens the database (and checkpoints a stopped one's WAL).
    if (isSqliteFileInUse(database)) {
      throw new ProblemError(409, 'DATABASE_IN_USE', `${database} is open in another process: stop the Keyward server (or the backup) using it, then restore. ${UNCHANGED}`);
    }
    replaceSqliteFile(staged, database);
    return { database, from: source, schema: staged.check.migrations.at(-1)! };
  } catch (error) {
    staged.discard();
    throw error;
  }
}
