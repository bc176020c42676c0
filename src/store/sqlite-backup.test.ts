import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { isSqliteFileInUse, sqlitePathOf } from './sqlite-backup.ts';

describe('isSqliteFileInUse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-in-use-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is true while a connection in WAL mode has the file open, even idle, and false once it is closed', () => {
    const path = join(dir, 'served.db');
    const server = new DatabaseSync(path);
    server.exec('PRAGMA journal_mode = WAL');
    server.exec('CREATE TABLE t (x)');
    expect(isSqliteFileInUse(path)).toBe(true);
    // Read-only, as `keyward backup` opens it: a backup in progress counts too.
    const reader = new DatabaseSync(path, { readOnly: true });
    reader.prepare('SELECT COUNT(*) FROM t').get();
    server.close();
    expect(isSqliteFileInUse(path)).toBe(true);
    reader.close();
    expect(isSqliteFileInUse(path)).toBe(false);
    // The probe itself leaves the file usable.
    const again = new DatabaseSync(path);
    expect(again.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
    again.close();
  });

  it('is false for a file that is not there or not a database, and creates none', () => {
    expect(isSqliteFileInUse(join(dir, 'missing.db'))).toBe(false);
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
    writeFileSync(join(dir, 'notes.db'), 'not a database\n'.repeat(100));
    expect(isSqliteFileInUse(join(dir, 'notes.db'))).toBe(false);
  });
});

describe('sqlitePathOf', () => {
  it('answers the path of a file: URL, and nothing for PostgreSQL', () => {
    expect(sqlitePathOf('file:./data/keyward.db')).toBe('./data/keyward.db');
    expect(sqlitePathOf('postgres://keyward@db/keyward')).toBeUndefined();
  });
});
