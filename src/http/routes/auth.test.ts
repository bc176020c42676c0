import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../services/auth.ts';
import { LOGIN_LIMITS } from '../../services/password-attempts.ts';
import { apiClient, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { snapshotDatabase } from '../../../test/support/db-snapshot.ts';
import { managementKey, MEMBER_PASSWORD, signInMember, uniqueName } from '../../../test/support/people.ts';
import { expectProblem, ISO_UTC } from '../../../test/support/problems.ts';
import { ADMIN, startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

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

describe('auth routes', () => {
  let server: TestServer;
  let admin: ApiClient;

  withServerAndAdmin((started) => ({ server, admin } = started));

  describe('POST /v1/auth/login', () => {
    it('answers 200 {user, csrfToken} and sets an HttpOnly, SameSite=Strict session cookie', async () => {
      const response = await login(server, ADMIN);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        user: { id: expect.stringMatching(/^usr_/), username: ADMIN.username, role: 'admin', groups: [], active: true },
        csrfToken: expect.any(String),
      });
      expect(response.body.user.createdAt).toMatch(ISO_UTC);
      expect(response.body.csrfToken.length).toBeGreaterThanOrEqual(32);
      const setCookie = response.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/^keyward_session=[^;]{32,};/);
      const attributes = setCookie.split(';').map((part) => part.trim().toLowerCase());
      expect(attributes).toContain('httponly');
      expect(attributes).toContain('samesite=strict');
      expect(attributes).toContain('path=/');
      // The cookie is the session, not the CSRF token.
      expect(cookieOf(setCookie)).not.toContain(response.body.csrfToken);
      expect(response.text).not.toContain(ADMIN.password);
    });

    it('issues a new session id at every sign-in and ignores a session id the client brings (no fixation)', async () => {
      const first = await login(server, ADMIN);
      const second = await login(server, ADMIN, { cookie: cookieOf(first.headers.get('set-cookie')!) });
      const planted = 'keyward_session=attacker-chosen-session-id-0123456789abcdef';
      const third = await login(server, ADMIN, { cookie: planted });
      const cookies = [first, second, third].map((response) => cookieOf(response.headers.get('set-cookie')!));
      expect(new Set(cookies).size).toBe(3);
      expect(cookies).not.toContain(planted);
      expect(new Set([first, second, third].map((response) => response.body.csrfToken)).size).toBe(3);
      // The planted id never became a session; the issued ones are.
      expectProblem(await apiClient(server.url, { cookie: planted }).get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
      for (const cookie of cookies) expect((await apiClient(server.url, { cookie }).get('/v1/auth/me')).status).toBe(200);
    });

    it('stores only a hash of the session id, never the cookie value', async () => {
      const response = await login(server, ADMIN);
      const value = cookieOf(response.headers.get('set-cookie')!).split('=')[1]!;
      const stored = JSON.stringify((await snapshotDatabase(server)).sessions);
      expect(stored).not.toContain(value);
    });

    it('refuses a wrong password, an unknown user and an inactive user alike with 401 UNAUTHENTICATED', async () => {
      const wrong = await login(server, { username: ADMIN.username, password: 'not-the-password' });
      expectProblem({ ...wrong, body: wrong.body }, 401, 'UNAUTHENTICATED');
      expect(wrong.headers.get('set-cookie')).toBeNull();
      const unknown = await login(server, { username: 'nobody-here', password: 'whatever-password' });
      expectProblem(unknown, 401, 'UNAUTHENTICATED');
      const member = await signInMember(server, admin, []);
      await admin.patch(`/v1/users/${member.userId}`, { active: false });
      const inactive = await login(server, { username: member.username, password: MEMBER_PASSWORD });
      expectProblem(inactive, 401, 'UNAUTHENTICATED');
      // The same words for all three: the answer does not tell which usernames exist.
      expect(unknown.body.detail).toBe(wrong.body.detail);
      expect(inactive.body.detail).toBe(wrong.body.detail);
    });

    it.each([
      ['a missing password', { username: 'admin' }, '/password'],
      ['a missing username', { password: 'x' }, '/username'],
      ['an empty username', { username: '', password: 'x' }, '/username'],
      ['a numeric password', { username: 'admin', password: 12 }, '/password'],
      ['an unknown field', { username: 'admin', password: 'x', remember: true }, '/remember'],
    ])('refuses %s with 400 VALIDATION_FAILED', async (_label, body, path) => {
      const response = await login(server, body);
      expectProblem(response, 400, 'VALIDATION_FAILED', path);
      expect(response.headers.get('set-cookie')).toBeNull();
    });

    it('never writes the password, the session cookie or the CSRF token to the log', async () => {
      const response = await login(server, ADMIN);
      const cookie = cookieOf(response.headers.get('set-cookie')!);
      await apiClient(server.url, { cookie, csrfToken: response.body.csrfToken }).post('/v1/projects', { name: 'logged' });
      await login(server, { username: ADMIN.username, password: 'a-wrong-password-to-log' });
      const logs = server.logs.join('\n');
      expect(logs.length).toBeGreaterThan(0);
      for (const secret of [ADMIN.password, 'a-wrong-password-to-log', cookie.split('=')[1]!, response.body.csrfToken]) {
        expect(logs).not.toContain(secret);
      }
    });
  });

  describe('GET /v1/auth/me', () => {
    it('returns the user, the CSRF token of the session and the permissions', async () => {
      const session = await signIn(server);
      const me = await session.client.get('/v1/auth/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ user: { id: session.userId, username: 'admin', role: 'admin' }, csrfToken: session.csrfToken, permissions: ['*'] });
    });

    it("gives a member her groups' permissions", async () => {
      const member = await signInMember(server, admin, ['projects.read', 'feedback.write']);
      const me = await member.client.get('/v1/auth/me');
      expect(me.body).toMatchObject({ user: { id: member.userId, username: member.username, role: 'member' }, csrfToken: member.csrfToken });
      expect([...me.body.permissions].sort()).toEqual(['feedback.write', 'projects.read']);
    });

    it('for a management key: the person it acts for, no CSRF token, and what the key may do', async () => {
      const key = await managementKey(server, admin, ['projects.read', 'keys.read']);
      const me = await key.client.get('/v1/auth/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ user: { username: 'admin' }, csrfToken: null });
      expect([...me.body.permissions].sort()).toEqual(['keys.read', 'projects.read']);
    });

    it('answers 401 UNAUTHENTICATED without credentials or with an unknown cookie or key', async () => {
      expectProblem(await apiClient(server.url).get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expectProblem(await apiClient(server.url, { cookie: 'keyward_session=nope' }).get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expectProblem(await apiClient(server.url, { bearer: 'tk_notarealtoken' }).get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('answers that carry the CSRF token', () => {
    it('are the routes whose success schema has csrfToken: sign-in, /auth/me and the portal session', async () => {
      const document = (await apiClient(server.url).get('/openapi.json')).body;
      const carriers: string[] = [];
      for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) {
        for (const [method, operation] of Object.entries<any>(operations)) {
          const schema = operation.responses?.['200']?.content?.['application/json']?.schema;
          if (schema?.properties?.csrfToken) carriers.push(`${method.toUpperCase()} ${path}`);
        }
      }
      // A new route that returns the token must be added to the test below.
      // The portal session's answer is no-store too (test/api/portal.test.ts).
      expect(carriers.sort()).toEqual(['GET /v1/auth/me', 'GET /v1/portal/session', 'POST /v1/auth/login']);
    });

    it('are sent with Cache-Control: no-store, so no browser or proxy cache keeps the token', async () => {
      const signedIn = await login(server, ADMIN);
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('cache-control')).toBe('no-store');
      const session = await signIn(server);
      const me = await session.client.get('/v1/auth/me');
      expect(me.body.csrfToken).toBe(session.csrfToken);
      expect(me.headers.get('cache-control')).toBe('no-store');
    });
  });

  describe('POST /v1/auth/logout', () => {
    it('answers 204, clears the cookie and ends the session server-side', async () => {
      const session = await signIn(server);
      const sessionsBefore = (await sessionsOf(server, session.userId)).length;
      const response = await session.client.post('/v1/auth/logout');
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      const cleared = response.headers.get('set-cookie') ?? '';
      expect(cleared).toMatch(/^keyward_session=;/);
      expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
      expect((await sessionsOf(server, session.userId))).toHaveLength(sessionsBefore - 1);
      // Replaying the old cookie (as a stolen copy would) no longer works.
      expectProblem(await session.client.get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expectProblem(await session.client.get('/v1/projects'), 401, 'UNAUTHENTICATED');
      expectProblem(await session.client.post('/v1/auth/logout'), 401, 'UNAUTHENTICATED');
    });

    it('ends only that session, not the same user\'s others', async () => {
      const one = await signIn(server);
      const two = await signIn(server);
      expect((await one.client.post('/v1/auth/logout')).status).toBe(204);
      expect((await two.client.get('/v1/auth/me')).status).toBe(200);
    });

    it('needs the CSRF token: 403 CSRF_FAILED without it, and the session stays', async () => {
      const session = await signIn(server);
      const noToken = apiClient(server.url, { cookie: session.cookie });
      expectProblem(await noToken.post('/v1/auth/logout'), 403, 'CSRF_FAILED');
      const otherSession = await signIn(server);
      const foreignToken = apiClient(server.url, { cookie: session.cookie, csrfToken: otherSession.csrfToken });
      expectProblem(await foreignToken.post('/v1/auth/logout'), 403, 'CSRF_FAILED');
      expect((await session.client.get('/v1/auth/me')).status).toBe(200);
    });

    it('answers 401 UNAUTHENTICATED without a session', async () => {
      expectProblem(await apiClient(server.url).post('/v1/auth/logout'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('sessions end when the account changes', () => {
    it('deactivating a user ends her sessions; reactivating does not bring them back', async () => {
      const member = await signInMember(server, admin, ['projects.read']);
      const second = await signIn(server, member.username, MEMBER_PASSWORD);
      expect((await member.client.get('/v1/projects')).status).toBe(200);
      expect((await sessionsOf(server, member.userId))).toHaveLength(2);

      expect((await admin.patch(`/v1/users/${member.userId}`, { active: false })).status).toBe(200);
      expectProblem(await member.client.get('/v1/projects'), 401, 'UNAUTHENTICATED');
      expectProblem(await second.client.get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expect((await sessionsOf(server, member.userId))).toHaveLength(0);

      expect((await admin.patch(`/v1/users/${member.userId}`, { active: true })).status).toBe(200);
      expectProblem(await member.client.get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expect((await signIn(server, member.username, MEMBER_PASSWORD)).userId).toBe(member.userId);
    });

    it('changing the password ends the user\'s sessions', async () => {
      const member = await signInMember(server, admin, ['projects.read']);
      const other = await signInMember(server, admin, ['projects.read']);
      expect((await admin.patch(`/v1/users/${member.userId}`, { password: 'a-fresh-password-123' })).status).toBe(200);
      expectProblem(await member.client.get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expect((await sessionsOf(server, member.userId))).toHaveLength(0);
      // Someone else's session is untouched.
      expect((await other.client.get('/v1/auth/me')).status).toBe(200);
    });

    it('other edits (a new group) keep the session but change its permissions at once', async () => {
      const member = await signInMember(server, admin, ['projects.read']);
      expectProblem(await member.client.get('/v1/groups'), 403, 'FORBIDDEN');
      const group = await admin.post('/v1/groups', { name: uniqueName('readers'), permissions: ['groups.read'] });
      await admin.patch(`/v1/users/${member.userId}`, { groupIds: [...member.groupIds, group.body.id] });
      expect((await member.client.get('/v1/groups')).status).toBe(200);
    });

    it('deleting a user ends her sessions', async () => {
      const member = await signInMember(server, admin, ['projects.read']);
      expect((await admin.delete(`/v1/users/${member.userId}`)).status).toBe(204);
      expectProblem(await member.client.get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
    });
  });
});

