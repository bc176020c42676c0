import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.ts';
import { startKeywardProcess, type KeywardProcess } from '../support/keyward-process.ts';

const ADMIN = { username: 'modes-admin', password: 'a-long-enough-admin-password' };
const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Signs in and creates a project: a write, so the WAL and its index exist and hold data. */
async function writeSomething(url: string): Promise<void> {
  const login = await fetch(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const admin = apiClient(url, { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrfToken });
  expect((await admin.post('/v1/projects', { name: 'Modes', keyPrefix: 'md' })).status).toBe(201);
}

describe('files Keyward writes', () => {
  const root = mkdtempSync(join(tmpdir(), 'keyward-modes-'));
  let keyward: KeywardProcess | undefined;
  let umask: number;
  beforeAll(() => {
    // The usual umask, which made everything world-readable before: the modes below must come
    // from Keyward, not from a strict umask of whoever runs the tests. (Children inherit it.)
    umask = process.umask(0o022);
    chmodSync(root, 0o755);
  });
  afterEach(async () => {
    await keyward?.stop();
    keyward = undefined;
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the data folder 0700, and the database, its WAL, its index and the secret 0600', async () => {
    const data = join(root, 'fresh', 'data');
    const db = join(data, 'keyward.db');
    keyward = await startKeywardProcess({ DATABASE_URL: `file:${db}`, KEYWARD_ADMIN_USERNAME: ADMIN.username, KEYWARD_ADMIN_PASSWORD: ADMIN.password });
    await writeSomething(keyward.url);

    expect(modeOf(join(root, 'fresh'))).toBe('700');
    expect(modeOf(data)).toBe('700');
    for (const file of ['keyward.db', 'keyward.db-wal', 'keyward.db-shm', 'secret']) expect([file, modeOf(join(data, file))]).toEqual([file, '600']);
    // A folder Keyward did not create keeps the mode it had.
    expect(modeOf(root)).toBe('755');
  });

  it('tightens a database and WAL already there, and leaves their existing folder as it was', async () => {
    const data = join(root, 'existing');
    mkdirSync(data, { mode: 0o755 });
    const db = join(data, 'keyward.db');
    // An older install's files: SQLite opens an empty file as a new database, and a -wal with no
    // header as an empty log.
    for (const file of [db, `${db}-wal`]) closeSync(openSync(file, 'w', 0o644));
    keyward = await startKeywardProcess({ DATABASE_URL: `file:${db}`, KEYWARD_ADMIN_USERNAME: ADMIN.username, KEYWARD_ADMIN_PASSWORD: ADMIN.password });
    await writeSomething(keyward.url);

    for (const file of [db, `${db}-wal`, `${db}-shm`]) expect([file, modeOf(file)]).toEqual([file, '600']);
    expect(modeOf(data)).toBe('755');
  });
});
