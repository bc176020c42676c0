// The account routes of the console's account page: auth.password.ts and auth.other-sessions.ts.
import { describe, expect, it } from 'vitest';
import { signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { MEMBER_PASSWORD, signInMember } from '../../../test/support/people.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

const NEW_PASSWORD = 'a-new-password-4567';

async function loginStatus(server: TestServer, username: string, password: string): Promise<number> {
  const response = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return response.status;
}

describe('POST /v1/auth/password (happy)', () => {
  let server: TestServer;
  let admin: ApiClient;
  withServerAndAdmin((started) => ({ server, admin } = started));

  it('answers 204; the new password signs in and the old one no longer does', async () => {
    const member = await signInMember(server, admin, []);
    const changed = await member.client.post('/v1/auth/password', { currentPassword: MEMBER_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status, changed.text).toBe(204);
    expect(changed.text).toBe('');
    expect(await loginStatus(server, member.username, MEMBER_PASSWORD)).toBe(401);
    expect(await loginStatus(server, member.username, NEW_PASSWORD)).toBe(200);
  });

  it('is audited as the person changing their own password, without either password', async () => {
    const member = await signInMember(server, admin, []);
    expect((await member.client.post('/v1/auth/password', { currentPassword: MEMBER_PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(204);
    const audit = await admin.get(`/v1/audit?actorId=${member.userId}&action=user.updated`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      actor: { type: 'user', id: member.userId, name: member.username },
      action: 'user.updated',
      target: { type: 'user', id: member.userId },
      detail: { after: { passwordChanged: true } },
    });
    expect(audit.text).not.toContain(MEMBER_PASSWORD);
    expect(audit.text).not.toContain(NEW_PASSWORD);
  });

  it('leaves no trace of either password in the log', async () => {
    const member = await signInMember(server, admin, []);
    expect((await member.client.post('/v1/auth/password', { currentPassword: MEMBER_PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(204);
    const log = server.logs.join('\n');
    expect(log).toContain('/v1/auth/password');
    expect(log).not.toContain(MEMBER_PASSWORD);
    expect(log).not.toContain(NEW_PASSWORD);
  });
});

describe('DELETE /v1/auth/sessions/others (happy)', () => {
  let server: TestServer;
  let admin: ApiClient;
  withServerAndAdmin((started) => ({ server, admin } = started));

  it('answers 204 and signs out every other session of the caller; this one and other people\'s stay', async () => {
    const member = await signInMember(server, admin, []);
    const laptop = await signIn(server, member.username, MEMBER_PASSWORD);
    const phone = await signIn(server, member.username, MEMBER_PASSWORD);
    const someoneElse = await signInMember(server, admin, []);
    const ended = await member.client.delete('/v1/auth/sessions/others');
    expect(ended.status, ended.text).toBe(204);
    expect((await laptop.client.get('/v1/auth/me')).status).toBe(401);
    expect((await phone.client.get('/v1/auth/me')).status).toBe(401);
    expect((await member.client.get('/v1/auth/me')).status).toBe(200);
    expect((await someoneElse.client.get('/v1/auth/me')).status).toBe(200);
    const audit = await admin.get(`/v1/audit?actorId=${member.userId}&action=session.revoked`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ actor: { id: member.userId }, target: { type: 'session' }, detail: { otherSessionsEnded: 2 } });
  });

  it('answers 204 when there is no other session', async () => {
    const member = await signInMember(server, admin, []);
    expect((await member.client.delete('/v1/auth/sessions/others')).status).toBe(204);
    expect((await member.client.get('/v1/auth/me')).status).toBe(200);
  });
});
