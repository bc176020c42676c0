import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { backup, DatabaseSync } from 'node:sqlite';
import { MIGRATION_NAMES } from './migrate.ts';

// The file operations behind `keyward backup` and `keyward restore` on the embedded store. They
// open the SQLite file itself, never through the server: a backup needs no network, no
// credential and no server code, and works whether or not the server runs.

// SQLite's online backup copies pages in steps and starts again when another connection writes
// between two steps: against a busy server, small steps could start again for ever. All pages
// in one step run inside one read transaction, a snapshot of one moment, beside which WAL lets
// the server go on writing (its checkpoints only wait to move past the snapshot).
const ALL_PAGES = 2 ** 31 - 1;
// The primary result codes (`errcode & 0xff`) that say what a file is not.
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

/** What a copy of a database holds, as far as restoring it goes. */
export type CopyCheck =
  | { ok: true; migrations: string[] }
  | { ok: false; reason: 'not-sqlite' | 'corrupt' | 'not-keyward' | 'newer'; detail: string };

/** The path of the SQLite file a DATABASE_URL names; undefined for PostgreSQL. */
export function sqlitePathOf(databaseUrl: string): string | undefined {
  return databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length) : undefined;
}

const primaryCode = (error: unknown) => ((error as { errcode?: number }).errcode ?? -1) & 0xff;

/** A unique name beside `path`, in its folder: a rename from there to `path` is atomic. */
function besidePath(path: string, purpose: string): string {
  return join(dirname(path), `.${basename(path)}.${purpose}-${randomBytes(6).toString('hex')}`);
}

/** Removes a staged file and whatever SQLite left beside it. */
function discard(path: string): void {
  for (const file of [path, `${path}-journal`, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks a database file opened read-write (a staged copy, never the live file): it becomes a
 * self-contained file (no -wal beside it), passes `PRAGMA integrity_check`, and is Keyward's:
 * it has Keyward's migration table, begun with the first migration, and no migration this
 * build does not know (a newer Keyward's schema, which this one would misread).
 */
function checkOpenCopy(db: DatabaseSync): CopyCheck {
  try {
    db.exec('PRAGMA journal_mode = DELETE');
    const rows = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0]!.integrity_check !== 'ok') {
      return { ok: false, reason: 'corrupt', detail: rows.slice(0, 3).map((row) => row.integrity_check).join('; ') };
    }
  } catch (error) {
    if (primaryCode(error) === SQLITE_NOTADB) return { ok: false, reason: 'not-sqlite', detail: 'not an SQLite database' };
    if (primaryCode(error) === SQLITE_CORRUPT) return { ok: false, reason: 'corrupt', detail: 'the database disk image is malformed' };
    throw error;
  }
  const table = db.prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
  const migrations = table ? (db.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((row) => row.name) : [];
  if (!migrations.includes(MIGRATION_NAMES[0]!)) return { ok: false, reason: 'not-keyward', detail: 'it has no Keyward migration table' };
  const unknown = migrations.filter((name) => !MIGRATION_NAMES.includes(name));
  if (unknown.length > 0) return { ok: false, reason: 'newer', detail: unknown.join(', ') };
  return { ok: true, migrations };
}

/**
 * Whether another connection has the SQLite file open: a running server, or a backup being
 * made. SQLite's own locks say it: in WAL mode (which the server sets) every connection holds a
 * shared lock on the file for as long as it is open, so an exclusive one is refused while any
 * other connection lives. The OS drops those locks when a process ends, even by SIGKILL, so a
 * crashed server never looks alive, as a pid file would; and none can be left stale. The locks
 * are this host's: a server on another machine using the file over a network share is not seen
 * (SQLite's WAL mode does not work there anyway).
 */
export function isSqliteFileInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const probe = new DatabaseSync(path);
  try {
    probe.exec('PRAGMA busy_timeout = 0');
    probe.exec('PRAGMA locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
    return false;
  } catch (error) {
    const code = primaryCode(error);
    if (code === SQLITE_BUSY || code === SQLITE_LOCKED) return true;
    // Nothing can be serving a file that is not a sound database.
    if (code === SQLITE_NOTADB || code === SQLITE_CORRUPT) return false;
    throw error;
  } finally {
    probe.close();
  }
}

/**
 * Copies the live database at `source` to `destination` with SQLite's online backup, from a
 * read-only connection, while the server goes on writing. The copy is made beside
 * `destination`, created 0600 (it holds every key's hash and session hashes), checked, synced,
 * and renamed into place: `destination` is either the old file or the whole new copy, never a
 * half-written one. Answers the copy's size and check.
 */
export async function backupSqliteFile(source: string, destination: string): Promise<{ bytes: number; check: CopyCheck }> {
  const staged = besidePath(destination, 'partial');
  // SQLite keeps the mode of a file that exists: made 0600 here, before any page is written.
  closeSync(openSync(staged, 'wx', 0o600));
  try {
    const live = new DatabaseSync(source, { readOnly: true });
    try {
      live.exec('PRAGMA busy_timeout = 5000');
      await backup(live, staged, { rate: ALL_PAGES });
    } finally {
      live.close();
    }
    const copy = new DatabaseSync(staged);
    let check: CopyCheck;
    try {
      check = checkOpenCopy(copy);
    } finally {
      copy.close();
    }
    fsyncPath(staged);
    if (check.ok) {
      renameSync(staged, destination);
      fsyncPath(dirname(destination));
    } else {
      discard(staged);
    }
    return { bytes: check.ok ? statSync(destination).size : 0, check };
  } catch (error) {
    discard(staged);
    throw error;
  }
}

/** A copy of a backup beside the database it is to replace, checked; `discard` it unless it is put in place. */
export type StagedCopy = { path: string; check: CopyCheck; discard: () => void };

/**
 * Copies the file `from` beside `target` (created 0600, in a folder created 0700 if missing)
 * and checks the copy, so the checks run on the very bytes that would be put in place and
 * `from` itself is never written to.
 */
export async function stageSqliteCopy(from: string, target: string): Promise<StagedCopy> {
  // A folder made here for a copy that is then refused goes with it: a refusal changes nothing.
  const madeFolder = mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const path = besidePath(target, 'restore');
  const discardAll = () => {
    discard(path);
    if (madeFolder !== undefined && !existsSync(target)) rmSync(madeFolder, { recursive: true, force: true });
  };
  try {
    await pipeline(createReadStream(from), createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    const copy = new DatabaseSync(path);
    let check: CopyCheck;
    try {
      check = checkOpenCopy(copy);
    } finally {
      copy.close();
    }
    fsyncPath(path);
    return { path, check, discard: discardAll };
  } catch (error) {
    discardAll();
    throw error;
  }
}

/**
 * Puts a staged copy in place of `target` atomically (a rename in one folder, then the folder
 * synced). The old file's -wal, -shm and -journal go first: SQLite would replay a -wal or a
 * -journal left beside the new file into it on its first open, writing the old file's pages
 * over the new one's.
 */
export function replaceSqliteFile(staged: StagedCopy, target: string): void {
  for (const sidecar of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) rmSync(sidecar, { force: true });
  renameSync(staged.path, target);
  fsyncPath(dirname(target));
}
