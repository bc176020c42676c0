import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../services/auth.ts';
import { LOGIN_LIMITS } from '../../services/password-attempts.ts';
import { signIn } from '../../../test/support/api-client.ts';
import { snapshotDatabase } from '../../../test/support/db-snapshot.ts';
import { MEMBER_PASSWORD, signInMember } from '../../../test/support/people.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { ADMIN, startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { withTestServer } from '../../../test/support/server-with-admin.ts';

/** POSTs /v1/auth/login with raw fetch, so tests see the exact headers. */
async function login(server: TestServer, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
}

async function sessionsOf(server: TestServer, userId: string) {
  return ((await snapshotDatabase(server)).sessions ?? []).filter((row) => row.user_id === userId);
}

const cookieOf = (setCookie: string) => setCookie.split(';')[0]!;

describe('session lifetime', () => {
  let server: TestServer;
  withTestServer((started) => (server = started));

  it('a session idle past its timeout is 401, and is removed', async () => {
    const session = await signIn(server);
    server.advance(SESSION_IDLE_MS - 60_000);
    expect((await session.client.get('/v1/auth/me')).status).toBe(200);
    const idle = await signIn(server);
    server.advance(SESSION_IDLE_MS + 1000);
    expectProblem(await idle.client.get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await session.client.get('/v1/projects'), 401, 'UNAUTHENTICATED');
    expect((await sessionsOf(server, idle.userId))).toHaveLength(0);
  });

  it('activity keeps a session alive, but never past its absolute lifetime', async () => {
    const session = await signIn(server);
    const step = SESSION_IDLE_MS - 10 * 60_000;
    let elapsed = 0;
    while (elapsed + step < SESSION_ABSOLUTE_MS) {
      server.advance(step);
      elapsed += step;
      expect((await session.client.get('/v1/auth/me')).status, `after ${elapsed / 60_000} minutes`).toBe(200);
    }
    server.advance(step);
    expectProblem(await session.client.get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
  });
});

describe('sign-in throttling', () => {
  let server: TestServer;
  afterEach(async () => server.close());

  it(`answers 429 RATE_LIMITED with Retry-After after ${LOGIN_LIMITS.perUser} failures for one username, even for the right password`, async () => {
    server = await startTestServer();
    const admin = (await signIn(server)).client;
    const member = await signInMember(server, admin, []);
    const other = await signInMember(server, admin, []);
    for (let i = 0; i < LOGIN_LIMITS.perUser; i++) {
      expectProblem(await login(server, { username: member.username, password: `wrong-${i}` }), 401, 'UNAUTHENTICATED');
    }
    for (const password of ['wrong-again', MEMBER_PASSWORD]) {
      const limited = await login(server, { username: member.username, password });
      expectProblem(limited, 429, 'RATE_LIMITED');
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.windowSeconds);
      expect(limited.headers.get('set-cookie')).toBeNull();
    }
    // Another account from the same address is not locked by this one.
    expect((await login(server, { username: other.username, password: MEMBER_PASSWORD })).status).toBe(200);
  });

  it('a successful sign-in forgives earlier failures of that username', async () => {
    server = await startTestServer();
    for (let i = 0; i < LOGIN_LIMITS.perUser - 1; i++) await login(server, { username: ADMIN.username, password: 'wrong' });
    expect((await login(server, ADMIN)).status).toBe(200);
    for (let i = 0; i < LOGIN_LIMITS.perUser - 1; i++) {
      expect((await login(server, { username: ADMIN.username, password: 'wrong' })).status).toBe(401);
    }
    expect((await login(server, ADMIN)).status).toBe(200);
  });

  it(`answers 429 RATE_LIMITED after ${LOGIN_LIMITS.perAddress} failures from one address across usernames`, async () => {
    server = await startTestServer();
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      const response = await login(server, { username: `sprayed-${i}`, password: 'Password123!' });
      expect(response.status, `attempt ${i + 1}`).toBe(401);
    }
    const limited = await login(server, ADMIN);
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expectProblem(await login(server, { username: 'sprayed-new', password: 'x' }), 429, 'RATE_LIMITED');
  });
});
