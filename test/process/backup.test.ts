import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { apiClient, type ApiClient, type ApiResponse } from '../support/api-client.ts';
import { killChild, prepareDatabase, startChildServer, type ChildServer } from '../support/child-server.ts';
import { runKeyward, runKeywardProcess } from '../support/cli.ts';
import { TEST_SECRET } from '../support/test-server.ts';
import { waitFor } from '../support/wait-for.ts';

const CLIENTS = 4;
// Keys answered before the backup begins: enough that the copy is of a database being written.
const KEYS_BEFORE_BACKUP = 60;
// Every step starts a Node process (the server, the CLI), a second or more on a busy machine.
const SLOW = { timeout: 180_000 };

type Issued = { id: string; token: string };

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);
const digestOf = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const envFor = (dbPath: string) => ({ DATABASE_URL: `file:${dbPath}`, KEYWARD_SECRET: TEST_SECRET });

/** A project and a management key allowed everything, made in a fresh database at `dbPath`. */
function seed(dbPath: string): Promise<{ projectId: string; bearer: string }> {
  return prepareDatabase(dbPath, async (admin) => {
    const project = await admin.post('/v1/projects', { name: 'Backed up', keyPrefix: 'bk' });
    const everything = await admin.post('/v1/groups', { name: 'backup-managers', permissions: ['*'] });
    const key = await admin.post('/v1/keys', { projectId: project.body.id, name: 'backup manager', groupIds: [everything.body.id] });
    return { projectId: project.body.id as string, bearer: key.body.token as string };
  });
}

/** One client creating keys one after another until `running()` says stop; it records each answered creation. */
async function createKeys(client: ApiClient, projectId: string, number: number, answered: Issued[], running: () => boolean): Promise<void> {
  for (let n = 0; running(); n++) {
    const created = await client.post('/v1/keys', { projectId, name: `client ${number} key ${n}` });
    if (created.status !== 201) throw new Error(`client ${number}: ${created.status} ${created.text}`);
    answered.push({ id: created.body.key.id, token: created.body.token });
  }
}

/** Every key id of the project, page by page. */
async function keyIdsOf(client: ApiClient, projectId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const page: ApiResponse = await client.get(`/v1/keys?projectId=${projectId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.status, page.text).toBe(200);
    for (const key of page.body.items as { id: string }[]) ids.add(key.id);
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}

/**
 * A server on a fresh database at `dbPath`, seeded, and CLIENTS clients creating keys in it
 * until `stop()`; `answered` holds every creation answered so far.
 */
async function busyServer(dbPath: string, servers: ChildServer[]) {
  const { projectId, bearer } = await seed(dbPath);
  const server = await startChildServer({ dbPath });
  servers.push(server);
  const answered: Issued[] = [];
  let running = true;
  const client = apiClient(server.url, { bearer });
  const clients = Array.from({ length: CLIENTS }, (_, number) => createKeys(client, projectId, number, answered, () => running));
  return { server, projectId, bearer, answered, clients, stop: () => (running = false) };
}

/** The folder's files, to show that a refused restore left nothing behind (no staged copy). */
const filesIn = (folder: string) => readdirSync(folder).sort();

describe('keyward backup and keyward restore on the embedded store', () => {
  const root = mkdtempSync(join(tmpdir(), 'keyward-backup-'));
  const servers: ChildServer[] = [];
  let umask: number;
  beforeAll(() => {
    // The usual umask, under which SQLite would make a world-readable file: 0600 must come from Keyward.
    umask = process.umask(0o022);
  });
  afterAll(async () => {
    for (const server of servers) await killChild(server);
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('copies a busy server consistently; restored in a fresh folder, it has every key answered before the backup began', SLOW, async () => {
    const live = join(root, 'live', 'keyward.db');
    const { server, projectId, bearer, answered, clients, stop } = await busyServer(live, servers);
    try {
      await waitFor(async () => (answered.length >= KEYS_BEFORE_BACKUP ? true : undefined), { timeoutMs: 60_000, what: `${KEYS_BEFORE_BACKUP} keys` });
      const before = [...answered];
      const backupFile = join(root, 'backups', 'keyward.db');
      mkdirSync(dirname(backupFile));
      const made = await runKeywardProcess(['backup', '--to', backupFile, '--json'], { env: envFor(live) });
      const answeredByTheEnd = answered.length;
      expect(made.code, made.stderr).toBe(EXIT.OK);
      expect(made.json()).toMatchObject({ database: live, file: backupFile, schema: expect.stringMatching(/^\d{4}_/) });
      expect(modeOf(backupFile)).toBe('600');
      // The clients went on being answered while the backup ran: it did not stop the server.
      expect(answeredByTheEnd).toBeGreaterThan(before.length);

      stop();
      await Promise.all(clients);
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);

      // A fresh data folder, which restore creates 0700.
      const fresh = join(root, 'fresh', 'data', 'keyward.db');
      const restored = await runKeywardProcess(['restore', '--from', backupFile], { env: envFor(fresh) });
      expect(restored.code, restored.stderr).toBe(EXIT.OK);
      expect(restored.stdout).toContain(`Restored ${backupFile} into ${fresh}`);
      expect(modeOf(fresh)).toBe('600');
      expect(modeOf(dirname(fresh))).toBe('700');
      const db = new DatabaseSync(fresh, { readOnly: true });
      try {
        expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
        expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'delete' });
      } finally {
        db.close();
      }

      // A new server on the restored file, with the same secret: every key answered before the
      // backup is there, the management key still signs in, and the tokens verify.
      const after = await startChildServer({ dbPath: fresh });
      servers.push(after);
      const ids = await keyIdsOf(apiClient(after.url, { bearer }), projectId);
      const missing = before.filter((key) => !ids.has(key.id));
      expect(missing).toEqual([]);
      const anonymous = apiClient(after.url);
      for (const key of [before[0]!, before[Math.floor(before.length / 2)]!, before.at(-1)!]) {
        const verified = await anonymous.post('/v1/keys/verify', { key: key.token });
        expect(verified.body).toMatchObject({ valid: true, code: 'VALID', keyId: key.id });
      }
      after.child.kill('SIGTERM');
      expect((await after.exited).code).toBe(0);
    } finally {
      stop();
      await Promise.allSettled(clients);
    }
  });

  it('holds, in every backup, every key answered before it began, the newest still in the WAL included', SLOW, async () => {
    const live = join(root, 'recent', 'keyward.db');
    const { server, answered, clients, stop } = await busyServer(live, servers);
    try {
      // In this process, so a backup begins the moment its list is taken: the keys answered in
      // the last instants are still only in the WAL (the server moves it into the file every
      // half second), where a copy of the file alone would miss them.
      for (let round = 1; round <= 5; round++) {
        await waitFor(async () => (answered.length >= round * 20 ? true : undefined), { timeoutMs: 60_000, what: `${round * 20} keys` });
        const before = answered.map((key) => key.id);
        const file = join(root, `recent-${round}.db`);
        const made = await runKeyward(['backup', '--to', file], { env: envFor(live) });
        expect(made.code, made.stderr).toBe(EXIT.OK);
        const copy = new DatabaseSync(file, { readOnly: true });
        try {
          expect(copy.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
          const ids = new Set((copy.prepare('SELECT id FROM keys').all() as { id: string }[]).map((row) => row.id));
          expect(before.filter((id) => !ids.has(id)), `round ${round}`).toEqual([]);
        } finally {
          copy.close();
        }
      }
    } finally {
      stop();
      await Promise.allSettled(clients);
    }
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  it('refuses to restore while a server has the database open, changing nothing; once it is killed, restores without replaying its WAL', SLOW, async () => {
    const target = join(root, 'serving', 'keyward.db');
    const { projectId, bearer } = await seed(target);
    const backupFile = join(root, 'serving-backup.db');
    expect((await runKeyward(['backup', '--to', backupFile], { env: envFor(target) })).code).toBe(EXIT.OK);
    const server = await startChildServer({ dbPath: target });
    servers.push(server);
    const client = apiClient(server.url, { bearer });
    expect((await client.post('/v1/keys', { projectId, name: 'made after the backup' })).status).toBe(201);
    const files = filesIn(dirname(target));

    const refused = await runKeyward(['restore', '--from', backupFile], { env: envFor(target) });
    expect(refused.code).toBe(EXIT.CONFLICT);
    expect(refused.stderr).toBe(`keyward: ${target} is open in another process: stop the Keyward server (or the backup) using it, then restore. Nothing was changed.\n`);
    expect(filesIn(dirname(target))).toEqual(files);
    // The server goes on with its own database, the key made after the backup included.
    const listed = await client.get(`/v1/keys?projectId=${projectId}&q=${encodeURIComponent('made after')}`);
    expect(listed.body.items).toHaveLength(1);

    // Killed, the server leaves its WAL behind, holding the last writes; the operator moves the
    // database aside, as one does, and the WAL stays. The same restore then goes through, and
    // the old WAL is not replayed into the restored file (SQLite would, on its first open).
    expect((await client.post('/v1/keys', { projectId, name: 'made just before the kill' })).status).toBe(201);
    server.child.kill('SIGKILL');
    await server.exited;
    expect(statSync(`${target}-wal`).size).toBeGreaterThan(0);
    renameSync(target, `${target}.broken`);
    const restored = await runKeyward(['restore', '--from', backupFile], { env: envFor(target) });
    expect(restored.code, restored.stderr).toBe(EXIT.OK);
    const db = new DatabaseSync(target, { readOnly: true });
    try {
      expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
      expect(db.prepare("SELECT name FROM keys WHERE name LIKE 'made %'").all()).toEqual([]);
      expect(db.prepare("SELECT name FROM keys WHERE name = 'backup manager'").all()).toEqual([{ name: 'backup manager' }]);
    } finally {
      db.close();
    }
  });

  it('refuses a file that is not a sound Keyward database of this version, says why, and changes nothing', SLOW, async () => {
    const target = join(root, 'kept', 'keyward.db');
    await seed(target);
    const good = join(root, 'good.db');
    expect((await runKeyward(['backup', '--to', good], { env: envFor(target) })).code).toBe(EXIT.OK);
    const file = (name: string) => join(root, name);

    writeFileSync(file('notes.db'), 'these are notes, not a database\n'.repeat(200));
    copyFileSync(good, file('damaged.db'));
    // Pages past the first (the header and schema stay readable) overwritten with noise.
    const size = statSync(good).size;
    const fd = openSync(file('damaged.db'), 'r+');
    writeSync(fd, Buffer.alloc(size / 2, 0xa5), 0, size / 2, 4096 * 2);
    closeSync(fd);
    const other = new DatabaseSync(file('other-app.db'));
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)');
    other.close();
    copyFileSync(good, file('future.db'));
    const future = new DatabaseSync(file('future.db'));
    future.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('9999_from_the_future', new Date().toISOString());
    future.close();

    const digest = digestOf(target);
    const files = filesIn(dirname(target));
    const offered = new Map(['notes.db', 'damaged.db', 'other-app.db', 'future.db'].map((name) => [name, digestOf(file(name))]));
    const cases: [name: string, code: number, message: string][] = [
      ['notes.db', EXIT.INVALID, `keyward: ${file('notes.db')} is not an SQLite database. Nothing was changed.\n`],
      ['damaged.db', EXIT.INVALID, `keyward: ${file('damaged.db')} fails SQLite's integrity check (`],
      ['other-app.db', EXIT.INVALID, `keyward: ${file('other-app.db')} is an SQLite database but not Keyward's: it has no Keyward migration table. Nothing was changed.\n`],
      ['future.db', EXIT.INVALID, `keyward: ${file('future.db')} was made by a newer Keyward (its schema has 9999_from_the_future, which this version does not know): restore it with that version or a later one. Nothing was changed.\n`],
      ['missing.db', EXIT.NOT_FOUND, `keyward: There is no file at ${file('missing.db')}.\n`],
    ];
    for (const [name, code, message] of cases) {
      const refused = await runKeyward(['restore', '--from', file(name)], { env: envFor(target) });
      expect([name, refused.code, refused.stderr.slice(0, message.length)]).toEqual([name, code, message]);
      expect(refused.stdout).toBe('');
      expect(digestOf(target), name).toBe(digest);
      expect(filesIn(dirname(target)), name).toEqual(files);
    }
    // The offered files themselves are only read.
    for (const [name, before] of offered) expect(digestOf(file(name)), name).toBe(before);
  });

  it('refuses a PostgreSQL database, pointing to pg_dump, and a backup over the database itself', async () => {
    const postgres = { DATABASE_URL: 'postgres://keyward:pw@127.0.0.1:5432/keyward', KEYWARD_SECRET: TEST_SECRET };
    for (const args of [['backup', '--to', join(root, 'pg.db')], ['restore', '--from', join(root, 'good.db')]]) {
      const refused = await runKeyward(args, { env: postgres });
      expect(refused.code, args[0]).toBe(EXIT.INVALID);
      expect(refused.stderr, args[0]).toMatch(/^keyward: DATABASE_URL names a PostgreSQL database: back it up with pg_dump and restore it with pg_restore/);
      expect(refused.stderr).not.toContain(':pw@');
    }
    const target = join(root, 'kept', 'keyward.db');
    const itself = await runKeyward(['backup', '--to', target], { env: envFor(target) });
    expect(itself.code).toBe(EXIT.INVALID);
    expect(itself.stderr).toBe(`keyward: ${target} is the database itself: write the backup to another file.\n`);
    const nowhere = await runKeyward(['backup', '--to', join(root, 'no-such-folder', 'b.db')], { env: envFor(target) });
    expect(nowhere.code).toBe(EXIT.NOT_FOUND);
    // A refused restore into a folder that did not exist leaves no folder behind.
    const refused = await runKeyward(['restore', '--from', join(root, 'notes.db')], { env: envFor(join(root, 'new', 'data', 'keyward.db')) });
    expect(refused.code).toBe(EXIT.INVALID);
    expect(existsSync(join(root, 'new'))).toBe(false);
  });
});
