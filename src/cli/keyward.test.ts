import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { startTestServer, TEST_SECRET, type TestServer } from '../../test/support/test-server.ts';
import { EXIT } from './exit-codes.ts';
import { healthOf, runKeywardProcess as keyward, spawnKeywardServe, withCliServer } from '../../test/support/cli.ts';
import { freePort } from '../../test/support/keyward-process.ts';

// Every step starts a Node process, which takes a second or more on a busy two-core machine.
const SLOW = { timeout: 180_000 };

describe('keyward CLI as a child process against a running server', SLOW, () => {
  let server: TestServer;
  let env: Record<string, string>;

  withCliServer((started) => ({ server, env } = started));

  it('creates, lists, disables, verifies and deletes a key, with --json for scripts', async () => {
    const project = await keyward(['projects', 'create', 'Orders', '--prefix', 'ord', '--json'], { env });
    expect(project.code, project.stderr).toBe(EXIT.OK);
    const projectId = project.json().id as string;
    const group = await keyward(['groups', 'create', 'order-readers', '--permission', 'orders.read', '--json'], { env });
    const groupId = group.json().id as string;

    const created = await keyward(['keys', 'create', '--project', projectId, '--name', 'ingest worker', '--group', groupId, '--meta', '{"team":"shop"}', '--json'], { env });
    expect(created.code, created.stderr).toBe(EXIT.OK);
    const { key, token } = created.json();
    expect(token).toMatch(/^ord_/);
    expect(key).toMatchObject({ name: 'ingest worker', status: 'active', permissions: ['orders.read'], meta: { team: 'shop' } });

    const table = await keyward(['keys', 'list', '--project', projectId], { env });
    expect(table.code).toBe(EXIT.OK);
    const [heading, row] = table.stdout.split('\n');
    expect(heading).toMatch(/^ID\s+NAME\s+KEY\s+STATUS\s+OWNER\s+PERMISSIONS\s+LAST USED$/);
    expect(row).toContain(key.id);
    expect(row).toContain('ingest worker');
    expect(row).toContain(`${key.start}…${key.end}`);
    expect(table.stdout).not.toContain(token);
    const listed = (await keyward(['keys', 'list', '--project', projectId, '--json'], { env })).json();
    expect(listed).toMatchObject({ total: 1, nextCursor: null, items: [{ id: key.id }] });

    const valid = await keyward(['verify', token, '--permission', 'orders.read', '--json'], { env: { KEYWARD_URL: server.url } });
    expect(valid.code).toBe(EXIT.OK);
    expect(valid.json()).toMatchObject({ valid: true, code: 'VALID', keyId: key.id });
    expect((await keyward(['verify', token, '--permission', 'orders.write'], { env })).code).toBe(EXIT.KEY_INVALID);

    const disabled = await keyward(['keys', 'disable', key.id, '--json'], { env });
    expect(disabled.json()).toMatchObject({ id: key.id, status: 'inactive' });
    const refused = await keyward(['verify', token], { env });
    expect(refused.code).toBe(EXIT.KEY_INVALID);
    expect(refused.stdout).toContain('DISABLED');
    expect((await keyward(['keys', 'enable', key.id], { env })).stdout).toBe(`Key ${key.id} is active.\n`);

    const regenerated = await keyward(['keys', 'regenerate', key.id, '--json'], { env });
    const newToken = regenerated.json().token as string;
    expect(newToken).not.toBe(token);
    expect((await keyward(['verify', token], { env })).code).toBe(EXIT.KEY_INVALID);
    expect((await keyward(['verify', newToken], { env })).code).toBe(EXIT.OK);

    const deleted = await keyward(['keys', 'delete', key.id], { env });
    expect(deleted.code).toBe(EXIT.OK);
    expect(deleted.stdout).toBe(`Deleted key ${key.id}.\n`);
    const gone = await keyward(['verify', newToken, '--json'], { env });
    expect(gone.code).toBe(EXIT.KEY_INVALID);
    expect(gone.json().code).toBe('NOT_FOUND');
    expect((await keyward(['keys', 'show', key.id], { env })).code).toBe(EXIT.NOT_FOUND);
  });

  it('exits with the documented code for each kind of failure', async () => {
    const missingToken = await keyward(['keys', 'list'], { env: { KEYWARD_URL: server.url } });
    expect(missingToken.code).toBe(EXIT.UNAUTHENTICATED);
    expect(missingToken.stderr).toMatch(/KEYWARD_TOKEN/);

    const wrongToken = await keyward(['keys', 'list', '--token', 'tk_000000000000000000000000000000'], { env });
    expect(wrongToken.code).toBe(EXIT.UNAUTHENTICATED);
    expect(wrongToken.stderr).toMatch(/401 UNAUTHENTICATED/);

    await keyward(['groups', 'create', 'twice'], { env });
    const conflict = await keyward(['groups', 'create', 'twice', '--json'], { env });
    expect(conflict.code).toBe(EXIT.CONFLICT);
    expect(JSON.parse(conflict.stderr)).toMatchObject({ error: { status: 409, code: 'CONFLICT' } });
    expect(conflict.stdout).toBe('');

    const unreachable = await keyward(['keys', 'list', '--json'], { env: { ...env, KEYWARD_URL: `http://127.0.0.1:${await freePort()}` } });
    expect(unreachable.code).toBe(EXIT.UNREACHABLE);
    expect(JSON.parse(unreachable.stderr)).toMatchObject({ error: { code: 'UNREACHABLE' } });

    const usage = await keyward(['keys', 'list', '--limit', '500'], { env });
    expect(usage.code).toBe(EXIT.USAGE);
    expect(usage.stderr).toMatch(/error: .*--limit.*\n\(add --help for usage\)/);
  });
});

describe('keyward CLI as a child process on the server side', SLOW, () => {
  it('answers --help and --version through its bin file', async () => {
    const help = await keyward(['--help'], { viaShebang: true });
    expect(help.code).toBe(EXIT.OK);
    for (const command of ['serve', 'migrate', 'admin', 'keys', 'users', 'groups', 'verify']) expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(help.stdout).toContain('Exit codes:');
    expect((await keyward(['--version'], { viaShebang: true })).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('migrates a database and creates an admin in it, refusing a second one of the same name', async () => {
    const server = await startTestServer({ withAdmin: false });
    await server.close();
    const dbPath = join(server.dir, 'cli.db');
    const env = { DATABASE_URL: `file:${dbPath}`, KEYWARD_SECRET: TEST_SECRET };
    const migrated = await keyward(['migrate'], { env });
    expect(migrated.code, migrated.stderr).toBe(EXIT.OK);
    expect(migrated.stdout).toBe(`The database is up to date (file:${dbPath}).\n`);

    const created = await keyward(['admin', 'create', '--username', 'root', '--password-stdin', '--json'], { env, input: 'root-password-0123\n' });
    expect(created.code, created.stderr).toBe(EXIT.OK);
    expect(created.json()).toMatchObject({ username: 'root', role: 'admin', active: true });
    const db = new DatabaseSync(dbPath, { readOnly: true });
    expect(db.prepare("SELECT role FROM users WHERE username = 'root'").get()).toEqual({ role: 'admin' });
    db.close();

    const again = await keyward(['admin', 'create', '--username', 'root', '--password-stdin'], { env, input: 'root-password-0123' });
    expect(again.code).toBe(EXIT.CONFLICT);
    expect(again.stderr).toMatch(/taken/);
  });

  it('serves until SIGTERM, then exits 0', async () => {
    const server = await startTestServer({ withAdmin: false });
    await server.close();
    const port = await freePort();
    const child = spawnKeywardServe(['--port', String(port)], { DATABASE_URL: `file:${join(server.dir, 'serve.db')}`, KEYWARD_SECRET: TEST_SECRET, LOG_LEVEL: 'warn' });
    try {
      const health = await healthOf(`http://127.0.0.1:${port}`, 100);
      expect(health?.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
