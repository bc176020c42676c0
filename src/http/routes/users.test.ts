import { describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids.ts';
import { apiClient, createKeyWith, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { expectStablePaging } from '../../../test/support/paging.ts';
import { MEMBER_PASSWORD, signInMember, uniqueName } from '../../../test/support/people.ts';
import { expectProblem, ISO_UTC } from '../../../test/support/problems.ts';
import { ADMIN, type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('users routes', () => {
  let server: TestServer;
  let admin: ApiClient;
  let adminId: string;

  withServerAndAdmin((started) => {
    ({ server, admin } = started);
    const { session } = started;
    adminId = session.userId;
  });

  const createUser = async (body: Record<string, unknown> = {}) => {
    const response = await admin.post('/v1/users', { username: uniqueName('u'), role: 'member', ...body });
    expect(response.status, response.text).toBe(201);
    return response.body as { id: string; username: string; role: string; groups: { id: string; name: string }[]; active: boolean; createdAt: string };
  };
  const createGroup = async (permissions: string[]) => {
    const response = await admin.post('/v1/groups', { name: uniqueName('g'), permissions });
    expect(response.status, response.text).toBe(201);
    return response.body as { id: string; name: string };
  };

  describe('POST /v1/users', () => {
    it('creates a user: 201 with id, username, role, groups, active and createdAt, never a password', async () => {
      const group = await createGroup(['keys.read']);
      const username = uniqueName('alice');
      const response = await admin.post('/v1/users', { username, password: MEMBER_PASSWORD, role: 'member', groupIds: [group.id] });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        id: expect.stringMatching(/^usr_[0-9a-z]{22}$/),
        username,
        role: 'member',
        groups: [{ id: group.id, name: group.name }],
        active: true,
      });
      expect(response.body.createdAt).toMatch(ISO_UTC);
      expect(response.text).not.toContain(MEMBER_PASSWORD);
      expect(response.text).not.toMatch(/password|hash|scrypt/i);
      expect((await admin.get(`/v1/users/${response.body.id}`)).body).toEqual(response.body);
      // The password works for signing in.
      const session = await signIn(server, username, MEMBER_PASSWORD);
      expect(session.userId).toBe(response.body.id);
    });

    it('creates a user without a password, who cannot sign in', async () => {
      const user = await createUser();
      const login = await fetch(`${server.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user.username, password: 'any password at all' }),
      });
      expect(login.status).toBe(401);
    });

    it('audits user.created without the password', async () => {
      const username = uniqueName('audited');
      const user = await createUser({ username, password: MEMBER_PASSWORD });
      const audit = await admin.get('/v1/audit?action=user.created&limit=100');
      const event = audit.body.items.find((item: { target: { id: string } }) => item.target.id === user.id);
      expect(event).toMatchObject({ actor: { id: adminId }, detail: { after: { username, role: 'member' } } });
      expect(JSON.stringify(event)).not.toContain(MEMBER_PASSWORD);
    });

    it('refuses a duplicate username with 409 CONFLICT', async () => {
      const user = await createUser();
      expectProblem(await admin.post('/v1/users', { username: user.username, role: 'member' }), 409, 'CONFLICT');
      expectProblem(await admin.post('/v1/users', { username: ADMIN.username, role: 'admin' }), 409, 'CONFLICT');
      expect((await admin.get(`/v1/users?q=${user.username}`)).body.total).toBe(1);
    });

    it('answers 409, never 5xx, when requests race to take the same username', async () => {
      const username = uniqueName('race');
      const created = await Promise.all(
        Array.from({ length: 8 }, () => admin.post('/v1/users', { username, password: MEMBER_PASSWORD, role: 'member' })),
      );
      expect(created.map((response) => response.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      for (const response of created.filter((r) => r.status === 409)) expectProblem(response, 409, 'CONFLICT');

      const others = await Promise.all(Array.from({ length: 6 }, () => createUser()));
      const target = uniqueName('race-rename');
      const renamed = await Promise.all(others.map((user) => admin.patch(`/v1/users/${user.id}`, { username: target, password: MEMBER_PASSWORD })));
      expect(renamed.map((response) => response.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
      expect((await admin.get(`/v1/users?q=${target}`)).body.total).toBe(1);
    });

    it.each([
      ['a missing username', { role: 'member' }, '/username'],
      ['a missing role', { username: 'valid-name' }, '/role'],
      ['an unknown role', { username: 'valid-name', role: 'root' }, '/role'],
      ['a one-character username', { username: 'a', role: 'member' }, '/username'],
      ['a username with spaces', { username: 'bad name', role: 'member' }, '/username'],
      ['a username of 65 characters', { username: 'a'.repeat(65), role: 'member' }, '/username'],
      ['a short password', { username: 'valid-name', role: 'member', password: 'short' }, '/password'],
      ['a numeric password', { username: 'valid-name', role: 'member', password: 123456789012345 }, '/password'],
      ['a malformed group id', { username: 'valid-name', role: 'member', groupIds: ['grp_nope'] }, '/groupIds/0'],
      ['groupIds that is not an array', { username: 'valid-name', role: 'member', groupIds: 'grp_x' }, '/groupIds'],
      ['an unknown field', { username: 'valid-name', role: 'member', email: 'a@b.c' }, '/email'],
      ['active on creation', { username: 'valid-name', role: 'member', active: false }, '/active'],
    ])('refuses %s with 400 VALIDATION_FAILED naming the field', async (_label, body, path) => {
      expectProblem(await admin.post('/v1/users', body), 400, 'VALIDATION_FAILED', path);
      expect((await admin.get('/v1/users?q=valid-name')).body.total).toBe(0);
    });

    it('refuses an unknown group with 422 GROUP_NOT_FOUND and creates nobody', async () => {
      const username = uniqueName('nogroup');
      expectProblem(await admin.post('/v1/users', { username, role: 'member', groupIds: [newId('grp')] }), 422, 'GROUP_NOT_FOUND', '/groupIds');
      expect((await admin.get(`/v1/users?q=${username}`)).body.total).toBe(0);
    });
  });

  describe('GET /v1/users', () => {
    it('pages with limit and cursor, stable when users are created between pages', async () => {
      for (let i = 0; i < 6; i++) await createUser();
      await expectStablePaging({ server, client: admin, path: '/v1/users', limit: 2, insert: () => createUser() });
    });

    it('?q= finds users by part of the username, case-insensitively, and counts only matches', async () => {
      const stem = `qq${Math.random().toString(36).slice(2, 6)}`;
      const a = await createUser({ username: `${stem}-Anna` });
      const b = await createUser({ username: `x-${stem}-bert` });
      await createUser({ username: uniqueName('other') });
      const found = await admin.get(`/v1/users?q=${stem.toUpperCase()}`);
      expect(found.status).toBe(200);
      expect(found.body.total).toBe(2);
      expect(found.body.items.map((user: { id: string }) => user.id).sort()).toEqual([a.id, b.id].sort());
      const one = await admin.get(`/v1/users?q=${stem}-an`);
      expect(one.body.items.map((user: { id: string }) => user.id)).toEqual([a.id]);
      const none = await admin.get('/v1/users?q=no-such-user-anywhere');
      expect(none.body).toEqual({ items: [], nextCursor: null, total: 0 });
    });

    it('?q= treats LIKE wildcards as plain text', async () => {
      const stem = `w${Math.random().toString(36).slice(2, 6)}`;
      const underscored = await createUser({ username: `${stem}_x` });
      await createUser({ username: `${stem}ax` });
      const found = await admin.get(`/v1/users?q=${encodeURIComponent(`${stem}_`)}`);
      expect(found.body.items.map((user: { id: string }) => user.id)).toEqual([underscored.id]);
      expect((await admin.get(`/v1/users?q=${encodeURIComponent('%')}`)).body.total).toBe(0);
    });

    it('pages a ?q= search with cursors that keep the filter', async () => {
      const stem = `pg${Math.random().toString(36).slice(2, 6)}`;
      for (let i = 0; i < 5; i++) await createUser({ username: `${stem}-${i}` });
      await createUser({ username: uniqueName('unrelated') });
      const seen = await expectStablePaging({
        server,
        client: admin,
        path: `/v1/users?q=${stem}`,
        limit: 2,
        insert: () => createUser({ username: `${stem}-late` }),
      });
      expect(seen).toHaveLength(5);
    });

    it('refuses a q longer than 100 characters', async () => {
      expectProblem(await admin.get(`/v1/users?q=${'a'.repeat(101)}`), 400, 'VALIDATION_FAILED', '/q');
    });
  });

  describe('GET /v1/users/{id}', () => {
    it('answers 404 NOT_FOUND for an unknown well-formed id, 400 for a malformed one', async () => {
      expectProblem(await admin.get(`/v1/users/${newId('usr')}`), 404, 'NOT_FOUND');
      expectProblem(await admin.get('/v1/users/usr_123'), 400, 'VALIDATION_FAILED', '/id');
    });
  });

  describe('PATCH /v1/users/{id}', () => {
    it('changes username, role, groups and active', async () => {
      const group = await createGroup(['projects.read']);
      const user = await createUser({ password: MEMBER_PASSWORD });
      const username = uniqueName('renamed');
      const response = await admin.patch(`/v1/users/${user.id}`, { username, groupIds: [group.id] });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: user.id, username, role: 'member', groups: [{ id: group.id, name: group.name }], active: true, createdAt: user.createdAt });
      const deactivated = await admin.patch(`/v1/users/${user.id}`, { active: false });
      expect(deactivated.body).toMatchObject({ active: false, username });
      expect((await admin.get(`/v1/users/${user.id}`)).body.active).toBe(false);
      const emptied = await admin.patch(`/v1/users/${user.id}`, { groupIds: [] });
      expect(emptied.body.groups).toEqual([]);
    });

    it('a new password replaces the old one', async () => {
      const user = await createUser({ password: MEMBER_PASSWORD });
      const response = await admin.patch(`/v1/users/${user.id}`, { password: 'a-brand-new-password' });
      expect(response.status).toBe(200);
      expect(response.text).not.toContain('a-brand-new-password');
      await expect(signIn(server, user.username, MEMBER_PASSWORD)).rejects.toThrow(/401/);
      expect((await signIn(server, user.username, 'a-brand-new-password')).userId).toBe(user.id);
    });

    it('refuses to rename into a taken username with 409 CONFLICT', async () => {
      const first = await createUser();
      const second = await createUser();
      expectProblem(await admin.patch(`/v1/users/${second.id}`, { username: first.username }), 409, 'CONFLICT');
      expect((await admin.get(`/v1/users/${second.id}`)).body.username).toBe(second.username);
      // Keeping one's own name is not a conflict.
      expect((await admin.patch(`/v1/users/${second.id}`, { username: second.username })).status).toBe(200);
    });

    it.each([
      ['a bad username', { username: '-x' }, '/username'],
      ['a short password', { password: 'short' }, '/password'],
      ['a string for active', { active: 'no' }, '/active'],
      ['an unknown role', { role: 'owner' }, '/role'],
      ['an unknown field', { createdAt: '2020-01-01T00:00:00.000Z' }, '/createdAt'],
    ])('refuses %s with 400 and leaves the user unchanged', async (_label, body, path) => {
      const user = await createUser();
      expectProblem(await admin.patch(`/v1/users/${user.id}`, body), 400, 'VALIDATION_FAILED', path);
      expect((await admin.get(`/v1/users/${user.id}`)).body).toEqual(user);
    });

    it('answers 404 NOT_FOUND for an unknown well-formed id', async () => {
      expectProblem(await admin.patch(`/v1/users/${newId('usr')}`, { active: false }), 404, 'NOT_FOUND');
    });

    it('audits user.updated with before and after', async () => {
      const user = await createUser();
      await admin.patch(`/v1/users/${user.id}`, { active: false });
      const audit = await admin.get(`/v1/audit?action=user.updated&actorId=${adminId}&limit=100`);
      const event = audit.body.items.find((item: { target: { id: string } }) => item.target.id === user.id);
      expect(event.detail).toMatchObject({ before: { active: true }, after: { active: false } });
    });
  });

  describe('DELETE /v1/users/{id}', () => {
    it('deletes a user: 204, then 404, and the user can no longer sign in', async () => {
      const user = await createUser({ password: MEMBER_PASSWORD });
      const response = await admin.delete(`/v1/users/${user.id}`);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expectProblem(await admin.get(`/v1/users/${user.id}`), 404, 'NOT_FOUND');
      await expect(signIn(server, user.username, MEMBER_PASSWORD)).rejects.toThrow(/401/);
    });

    it('refuses with 409 CONFLICT while the user owns keys', async () => {
      const user = await createUser();
      const { keyId, token } = await createKeyWith(admin, { key: { ownerId: user.id } });
      expectProblem(await admin.delete(`/v1/users/${user.id}`), 409, 'CONFLICT');
      expect((await admin.get(`/v1/users/${user.id}`)).status).toBe(200);
      expect((await admin.get(`/v1/keys/${keyId}`)).body.owner).toEqual({ id: user.id, username: user.username });
      expect((await admin.post('/v1/keys/verify', { key: token })).body.valid).toBe(true);
    });

    it('with ?force=true deletes the user and the keys they own, audited, and the tokens stop at once', async () => {
      const user = await createUser();
      const owned = await createKeyWith(admin, { key: { ownerId: user.id } });
      const unrelated = await createKeyWith(admin);
      const response = await admin.delete(`/v1/users/${user.id}?force=true`);
      expect(response.status).toBe(204);
      expectProblem(await admin.get(`/v1/users/${user.id}`), 404, 'NOT_FOUND');
      expectProblem(await admin.get(`/v1/keys/${owned.keyId}`), 404, 'NOT_FOUND');
      expect((await admin.post('/v1/keys/verify', { key: owned.token })).body).toMatchObject({ valid: false, code: 'NOT_FOUND' });
      expect((await admin.get(`/v1/keys/${unrelated.keyId}`)).status).toBe(200);
      const keyEvents = await admin.get(`/v1/audit?keyId=${owned.keyId}&action=key.deleted`);
      expect(keyEvents.body.total).toBe(1);
      expect(keyEvents.body.items[0].actor.id).toBe(adminId);
      const userEvents = await admin.get('/v1/audit?action=user.deleted&limit=100');
      const event = userEvents.body.items.find((item: { target: { id: string } }) => item.target.id === user.id);
      expect(event.detail).toMatchObject({ keysDeleted: 1 });
    });

    it('answers 404 NOT_FOUND for an unknown well-formed id', async () => {
      expectProblem(await admin.delete(`/v1/users/${newId('usr')}`), 404, 'NOT_FOUND');
    });

    it('refuses to delete yourself with 409', async () => {
      expectProblem(await admin.delete(`/v1/users/${adminId}`), 409, 'CONFLICT');
      expect((await admin.get(`/v1/users/${adminId}`)).status).toBe(200);
    });
  });

});
