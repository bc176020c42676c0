import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { PASSWORD_HASH_PARAMS } from '../../src/domain/password.ts';
import { LOGIN_LIMITS } from '../../src/services/password-attempts.ts';
import { expectProblem } from '../support/problems.ts';
import { ADMIN, startTestServer, TEST_SECRET, type TestServer } from '../support/test-server.ts';

async function login(server: TestServer, body: { username: string; password: string }, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
}

describe('failed sign-in throttling cannot be side-stepped', () => {
  let server: TestServer;
  afterEach(async () => server.close());

  it('changing the case of the username does not buy more guesses', async () => {
    server = await startTestServer();
    const spellings = ['admin', 'Admin', 'ADMIN', 'aDmIn', 'ADMIn'];
    for (const username of spellings.slice(0, LOGIN_LIMITS.perUser)) {
      expect((await login(server, { username, password: 'a-wrong-password' })).status).toBe(401);
    }
    expectProblem(await login(server, ADMIN), 429, 'RATE_LIMITED');
  });

  it('an X-Forwarded-For from a peer that is not a trusted proxy is ignored, so rotating it does not reset the address limit', async () => {
    server = await startTestServer();
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      const response = await login(server, { username: `spray-${i}`, password: 'Password123!' }, { 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `198.51.100.${i}` });
      expect(response.status, `attempt ${i + 1}`).toBe(401);
    }
    expectProblem(await login(server, ADMIN, { 'x-forwarded-for': '192.0.2.200' }), 429, 'RATE_LIMITED');
  });

  it('behind a trusted proxy each client is counted by its own address, so one client cannot lock out another', async () => {
    server = await startTestServer({ env: { KEYWARD_TRUSTED_PROXIES: '127.0.0.1' } });
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      await login(server, { username: `spray-${i}`, password: 'Password123!' }, { 'x-forwarded-for': '203.0.113.7' });
    }
    expectProblem(await login(server, ADMIN, { 'x-forwarded-for': '203.0.113.7' }), 429, 'RATE_LIMITED');
    expect((await login(server, ADMIN, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
  });

  it('a throttled unknown username is answered exactly like a throttled real one (no enumeration)', async () => {
    server = await startTestServer();
    for (const username of ['admin', 'nobody-at-all']) {
      for (let i = 0; i < LOGIN_LIMITS.perUser; i++) await login(server, { username, password: 'a-wrong-password' });
    }
    const real = await login(server, ADMIN);
    const unknown = await login(server, { username: 'nobody-at-all', password: ADMIN.password });
    expectProblem(real, 429, 'RATE_LIMITED');
    expect({ ...unknown.body, detail: '' }).toEqual({ ...real.body, detail: '' });
    expect(unknown.body.detail.replace(/\d+/g, 'N')).toBe(real.body.detail.replace(/\d+/g, 'N'));
  });
});

describe('password hashing', () => {
  it(`stores scrypt with N=${PASSWORD_HASH_PARAMS.N}, r=8, p=1, a 16-byte random salt and a 32-byte key, never the password`, { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-hash-'));
    const dbPath = join(dir, 'keyward.db');
    // The production cost (tests elsewhere lower it to stay quick): the first admin is hashed at start.
    const config = loadConfig({ DATABASE_URL: `file:${dbPath}`, KEYWARD_SECRET: TEST_SECRET, KEYWARD_ADMIN_USERNAME: ADMIN.username, KEYWARD_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'silent' });
    const app = await buildApp({ config, secret: Buffer.from(TEST_SECRET) });
    await app.close();
    const db = new DatabaseSync(dbPath, { readOnly: true });
    try {
      const { password_hash: stored } = db.prepare('SELECT password_hash FROM users WHERE username = ?').get(ADMIN.username) as { password_hash: string };
      const [scheme, n, r, p, salt, key] = stored.split('$');
      expect({ scheme, n: Number(n), r: Number(r), p: Number(p) }).toEqual({ scheme: 'scrypt', n: 2 ** 17, r: 8, p: 1 });
      expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
      expect(Buffer.from(key!, 'base64url')).toHaveLength(32);
      expect(stored).not.toContain(ADMIN.password);
      expect(JSON.stringify(db.prepare('SELECT * FROM audit_events').all())).not.toContain(ADMIN.password);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
