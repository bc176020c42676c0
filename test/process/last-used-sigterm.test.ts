import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/api-client.ts';
import { TEST_SECRET } from '../support/test-server.ts';
import { freePort } from '../support/keyward-process.ts';

const root = join(import.meta.dirname, '..', '..');
const ADMIN = { username: 'sigterm-admin', password: 'a-long-enough-admin-password' };


async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('SIGTERM right after a verification', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-sigterm-'));
  const dbPath = join(dir, 'keyward.db');
  let child: ChildProcess | undefined;

  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 and has written lastUsedAt of the key it just verified', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let output = '';
    child = spawn(process.execPath, ['src/server.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        DATABASE_URL: `file:${dbPath}`,
        KEYWARD_SECRET: TEST_SECRET,
        KEYWARD_ADMIN_USERNAME: ADMIN.username,
        KEYWARD_ADMIN_PASSWORD: ADMIN.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    await waitForHealth(url, child, () => output);

    // Sign in (the real password cost: about half a second), then issue a key.
    const login = await fetch(`${url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const admin: ApiClient = apiClient(url, { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrfToken });
    const project = await admin.post('/v1/projects', { name: 'Shutdown', keyPrefix: 'sd' });
    expect(project.status).toBe(201);
    const issued = await admin.post('/v1/keys', { projectId: project.body.id, name: 'used once' });
    expect(issued.status).toBe(201);
    expect(issued.body.key.lastUsedAt).toBeNull();
    const keyId: string = issued.body.key.id;

    const before = Date.now();
    const verified = await apiClient(url).post('/v1/keys/verify', { key: issued.body.token });
    expect(verified.body).toMatchObject({ valid: true, code: 'VALID', keyId });
    // At once: the write-behind batch has not been flushed yet, so only a clean shutdown saves it.
    child.kill('SIGTERM');
    const exit = await exitOf(child);
    expect(exit, output).toEqual({ code: 0, signal: null });
    expect(output).toContain('shutting down');
    expect(output).not.toMatch(/"level":5\d/);

    const db = new DatabaseSync(dbPath, { readOnly: true });
    try {
      const row = db.prepare('SELECT last_used_at FROM keys WHERE id = ?').get(keyId) as { last_used_at: string | null } | undefined;
      expect(row).toBeDefined();
      expect(row!.last_used_at).not.toBeNull();
      const at = Date.parse(row!.last_used_at!);
      expect(at).toBeGreaterThanOrEqual(before - 1000);
      expect(at).toBeLessThanOrEqual(Date.now());
    } finally {
      db.close();
    }
  });
});
