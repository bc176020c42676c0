// The account routes of the console's account page: auth.password.ts and auth.other-sessions.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../../services/password-attempts.ts';
import { signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { snapshotDatabase } from '../../../test/support/db-snapshot.ts';
import { MEMBER_PASSWORD, signInMember } from '../../../test/support/people.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

const NEW_PASSWORD = 'a-new-password-4567';
const TOUCHED_BY_READS = ['keys.last_used_at', 'sessions.last_seen_at'];

async function login(server: TestServer, username: string, password: string) {
  const response = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('account routes: CSRF and sessions', () => {
  let server: TestServer;
  let admin: ApiClient;
  withServerAndAdmin((started) => ({ server, admin } = started));

  it('a cookie without the x-csrf-token header changes nothing: 403 CSRF_FAILED on both routes', async () => {
    const member = await signInMember(server, admin, []);
    await signIn(server, member.username, MEMBER_PASSWORD);
    const before = await snapshotDatabase(server, TOUCHED_BY_READS);
    const forged = (method: string, path: string, body?: unknown) =>
      member.client.request(method, path, body, { 'x-csrf-token': '' });
    expectProblem(await forged('POST', '/v1/auth/password', { currentPassword: MEMBER_PASSWORD, newPassword: NEW_PASSWORD }), 403, 'CSRF_FAILED');
    expectProblem(await forged('DELETE', '/v1/auth/sessions/others'), 403, 'CSRF_FAILED');
    expect(await snapshotDatabase(server, TOUCHED_BY_READS)).toEqual(before);
  });

  it('a password change ends the other sessions of that person and keeps this one (and other people\'s)', async () => {
    const member = await signInMember(server, admin, []);
    const other = await signIn(server, member.username, MEMBER_PASSWORD);
    const colleague = await signInMember(server, admin, []);
    expect((await member.client.post('/v1/auth/password', { currentPassword: MEMBER_PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(204);
    expectProblem(await other.client.get('/v1/auth/me'), 401, 'UNAUTHENTICATED');
    const me = await member.client.get('/v1/auth/me');
    expect(me.status).toBe(200);
    // The session that asked keeps its CSRF token: it can go on writing.
    expect(me.body.csrfToken).toBe(member.csrfToken);
    expect((await member.client.delete('/v1/auth/sessions/others')).status).toBe(204);
    expect((await colleague.client.get('/v1/auth/me')).status).toBe(200);
  });

  it('a member holding nothing (no users.write) changes her own password', async () => {
    const member = await signInMember(server, admin, []);
    expect((await member.client.get('/v1/auth/me')).body.permissions).toEqual([]);
    expect((await member.client.post('/v1/auth/password', { currentPassword: MEMBER_PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(204);
    expect((await login(server, member.username, NEW_PASSWORD)).status).toBe(200);
  });
});

describe('account routes: the current password cannot be guessed through them', () => {
  let server: TestServer;
  afterEach(async () => server.close());

  it(`wrong current passwords count as failed sign-ins: after ${LOGIN_LIMITS.perUser}, 429 with Retry-After, here and at sign-in, even for the right one`, async () => {
    server = await startTestServer();
    const admin = (await signIn(server)).client;
    const member = await signInMember(server, admin, []);
    for (let i = 0; i < LOGIN_LIMITS.perUser; i++) {
      expectProblem(await member.client.post('/v1/auth/password', { currentPassword: `guess-${i}`, newPassword: NEW_PASSWORD }), 403, 'FORBIDDEN');
    }
    const limited = await member.client.post('/v1/auth/password', { currentPassword: MEMBER_PASSWORD, newPassword: NEW_PASSWORD });
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(server, member.username, MEMBER_PASSWORD)).status).toBe(429);
    // The password did not change, and the session that guessed is still the one it was.
    expect((await member.client.get('/v1/auth/me')).status).toBe(200);
    const row = (await snapshotDatabase(server)).users!.find((user) => user.id === member.userId)!;
    expect(row.updated_at).toBe(row.created_at);
  });

  it(`10 wrong current passwords sent at once: exactly ${LOGIN_LIMITS.perUser} are checked (403), the rest 429`, async () => {
    server = await startTestServer({ passwordCost: 2 ** 14 });
    const admin = (await signIn(server)).client;
    const member = await signInMember(server, admin, []);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => member.client.post('/v1/auth/password', { currentPassword: `guess-${i}`, newPassword: NEW_PASSWORD })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([...Array(LOGIN_LIMITS.perUser).fill(403), ...Array(10 - LOGIN_LIMITS.perUser).fill(429)]);
  });
});
