// The account routes of the console's account page: auth.password.ts and auth.other-sessions.ts.
import { describe, expect, it } from 'vitest';
import { apiClient, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { snapshotDatabase } from '../../../test/support/db-snapshot.ts';
import { managementKey, MEMBER_PASSWORD, signInMember } from '../../../test/support/people.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { ADMIN, type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

const NEW_PASSWORD = 'a-new-password-4567';
const TOUCHED_BY_READS = ['keys.last_used_at', 'sessions.last_seen_at'];

describe('POST /v1/auth/password (errors)', () => {
  let server: TestServer;
  let admin: ApiClient;
  withServerAndAdmin((started) => ({ server, admin } = started));

  it('answers 400 VALIDATION_FAILED naming the field for bad input, and changes nothing', async () => {
    const member = await signInMember(server, admin, []);
    const before = await snapshotDatabase(server, TOUCHED_BY_READS);
    const cases: [unknown, string][] = [
      [{ currentPassword: MEMBER_PASSWORD }, '/newPassword'],
      [{ newPassword: NEW_PASSWORD }, '/currentPassword'],
      [{ currentPassword: MEMBER_PASSWORD, newPassword: 'too-short' }, '/newPassword'],
      [{ currentPassword: MEMBER_PASSWORD, newPassword: 'x'.repeat(257) }, '/newPassword'],
      [{ currentPassword: '', newPassword: NEW_PASSWORD }, '/currentPassword'],
      [{ currentPassword: MEMBER_PASSWORD, newPassword: 12345678901234 }, '/newPassword'],
      [{ currentPassword: MEMBER_PASSWORD, newPassword: NEW_PASSWORD, username: 'someone-else' }, '/username'],
    ];
    for (const [body, path] of cases) {
      expectProblem(await member.client.post('/v1/auth/password', body), 400, 'VALIDATION_FAILED', path);
    }
    expect(await snapshotDatabase(server, TOUCHED_BY_READS)).toEqual(before);
  });

  it('answers 403 FORBIDDEN naming /currentPassword when the current password is wrong, and keeps the old one', async () => {
    const member = await signInMember(server, admin, []);
    const refused = await member.client.post('/v1/auth/password', { currentPassword: 'not-my-password', newPassword: NEW_PASSWORD });
    expectProblem(refused, 403, 'FORBIDDEN', '/currentPassword');
    expect((await signIn(server, member.username, MEMBER_PASSWORD)).userId).toBe(member.userId);
  });

  it('refuses a management key with 403 FORBIDDEN, even with the right current password', async () => {
    const key = await managementKey(server, admin, ['*']);
    const refused = await key.client.post('/v1/auth/password', { currentPassword: ADMIN.password, newPassword: NEW_PASSWORD });
    expectProblem(refused, 403, 'FORBIDDEN');
    expect(refused.body.detail).toMatch(/management key/);
    expect((await signIn(server)).userId).toBeDefined();
  });

  it('answers 401 UNAUTHENTICATED without credentials', async () => {
    expectProblem(await apiClient(server.url).post('/v1/auth/password', { currentPassword: ADMIN.password, newPassword: NEW_PASSWORD }), 401, 'UNAUTHENTICATED');
  });
});

describe('DELETE /v1/auth/sessions/others (errors)', () => {
  let server: TestServer;
  let admin: ApiClient;
  withServerAndAdmin((started) => ({ server, admin } = started));

  it('refuses a management key with 403 FORBIDDEN and ends no session of its person', async () => {
    const key = await managementKey(server, admin, ['*']);
    expectProblem(await key.client.delete('/v1/auth/sessions/others'), 403, 'FORBIDDEN');
    expect((await admin.get('/v1/auth/me')).status).toBe(200);
  });

  it('answers 401 UNAUTHENTICATED without credentials', async () => {
    expectProblem(await apiClient(server.url).delete('/v1/auth/sessions/others'), 401, 'UNAUTHENTICATED');
  });
});
