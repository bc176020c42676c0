import { describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids.ts';
import { apiClient, createKeyWith, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { expectStablePaging } from '../../../test/support/paging.ts';
import { MEMBER_PASSWORD, signInMember, uniqueName } from '../../../test/support/people.ts';
import { expectProblem, ISO_UTC } from '../../../test/support/problems.ts';
import { ADMIN, type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('users routes: the last admin, and no escalation by members', () => {
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

  describe('last-admin protection', () => {
    it('refuses to demote, deactivate or delete the last active admin (409), and allows it once there is another', async () => {
      // A member holding * may act on admins, but still cannot remove the last one.
      const { client: superMember } = await signInMember(server, admin, ['*']);
      expectProblem(await admin.patch(`/v1/users/${adminId}`, { role: 'member' }), 409, 'CONFLICT');
      expectProblem(await admin.patch(`/v1/users/${adminId}`, { active: false }), 409, 'CONFLICT');
      expectProblem(await superMember.delete(`/v1/users/${adminId}`), 409, 'CONFLICT');
      expectProblem(await superMember.patch(`/v1/users/${adminId}`, { role: 'member' }), 409, 'CONFLICT');
      expect((await admin.get(`/v1/users/${adminId}`)).body).toMatchObject({ role: 'admin', active: true });

      const second = await createUser({ role: 'admin', password: MEMBER_PASSWORD });
      const demoted = await admin.patch(`/v1/users/${second.id}`, { role: 'member' });
      expect(demoted.status).toBe(200);
      expect(demoted.body.role).toBe('member');
      // Now the first admin is the last one again.
      expectProblem(await superMember.delete(`/v1/users/${adminId}`), 409, 'CONFLICT');
      expect((await admin.patch(`/v1/users/${second.id}`, { role: 'admin' })).status).toBe(200);
      // Two admins: one may go.
      const deactivated = await superMember.patch(`/v1/users/${second.id}`, { active: false });
      expect(deactivated.status).toBe(200);
      expectProblem(await admin.patch(`/v1/users/${adminId}`, { active: false }), 409, 'CONFLICT');
      expect((await superMember.delete(`/v1/users/${second.id}`)).status).toBe(204);
    });
  });

  describe('no escalation by members', () => {
    it('a member with users.write cannot create an admin (403 FORBIDDEN)', async () => {
      const { client: member } = await signInMember(server, admin, ['users.write', 'users.read']);
      const username = uniqueName('wannabe');
      expectProblem(await member.post('/v1/users', { username, role: 'admin', password: MEMBER_PASSWORD }), 403, 'FORBIDDEN');
      expect((await admin.get(`/v1/users?q=${username}`)).body.total).toBe(0);
    });

    it('a member cannot promote anyone (herself included) to admin, nor edit or delete an admin', async () => {
      const { client: member, userId } = await signInMember(server, admin, ['users.write', 'users.read']);
      const other = await createUser();
      expectProblem(await member.patch(`/v1/users/${userId}`, { role: 'admin' }), 403, 'FORBIDDEN');
      expectProblem(await member.patch(`/v1/users/${other.id}`, { role: 'admin' }), 403, 'FORBIDDEN');
      expectProblem(await member.patch(`/v1/users/${adminId}`, { password: 'taken-over-password' }), 403, 'FORBIDDEN');
      const extraAdmin = await createUser({ role: 'admin' });
      expectProblem(await member.delete(`/v1/users/${extraAdmin.id}`), 403, 'FORBIDDEN');
      expect((await admin.get(`/v1/users/${userId}`)).body.role).toBe('member');
      expect((await admin.get(`/v1/users/${other.id}`)).body.role).toBe('member');
      expect((await admin.get(`/v1/users/${extraAdmin.id}`)).status).toBe(200);
      await signIn(server); // the admin's password is unchanged
    });

    it('a member cannot give herself or others a group with permissions she does not hold (403)', async () => {
      // She may read groups, so the refusal may say what she lacks (see member-scope for one who may not).
      const { client: member, userId } = await signInMember(server, admin, ['users.write', 'users.read', 'groups.read']);
      const powerful = await createGroup(['projects.write']);
      const withinReach = await createGroup(['users.read']);
      const other = await createUser();
      expectProblem(await member.patch(`/v1/users/${userId}`, { groupIds: [powerful.id] }), 403, 'FORBIDDEN');
      expectProblem(await member.patch(`/v1/users/${other.id}`, { groupIds: [powerful.id] }), 403, 'FORBIDDEN');
      expectProblem(await member.post('/v1/users', { username: uniqueName('x'), role: 'member', groupIds: [powerful.id] }), 403, 'FORBIDDEN');
      expect((await admin.get(`/v1/users/${other.id}`)).body.groups).toEqual([]);
      const allowed = await member.post('/v1/users', { username: uniqueName('ok'), role: 'member', groupIds: [withinReach.id] });
      expect(allowed.status).toBe(201);
      expect(allowed.body.groups).toEqual([{ id: withinReach.id, name: withinReach.name }]);
    });

    it('a member cannot take over a user who holds more than she does by setting their password (403)', async () => {
      const { client: member } = await signInMember(server, admin, ['users.write', 'users.read']);
      const powerful = await signInMember(server, admin, ['users.write', 'users.read', 'keys.write']);
      expectProblem(await member.patch(`/v1/users/${powerful.userId}`, { password: 'i-now-own-this-account' }), 403, 'FORBIDDEN');
      await expect(signIn(server, powerful.username, 'i-now-own-this-account')).rejects.toThrow(/401/);
      expect((await powerful.client.get('/v1/auth/me')).status).toBe(200);
      // Nor a peer who holds less: a session as the peer would be the peer's identity, which
      // only admins may take on (the APIs behind Keyward trust a key's owner).
      const peer = await signInMember(server, admin, ['users.read']);
      expectProblem(await member.patch(`/v1/users/${peer.userId}`, { password: 'reset-by-a-peer-123' }), 403, 'FORBIDDEN');
      await expect(signIn(server, peer.username, 'reset-by-a-peer-123')).rejects.toThrow(/401/);
      // An admin may reset it.
      expect((await admin.patch(`/v1/users/${peer.userId}`, { password: 'reset-by-an-admin-1' })).status).toBe(200);
      expect((await signIn(server, peer.username, 'reset-by-an-admin-1')).userId).toBe(peer.userId);
    });

    it("a member cannot take over a user by first taking their groups away: their keys' permissions count too (403)", async () => {
      const manager = await signInMember(server, admin, ['users.write', 'users.read', 'keys.write']);
      const holder = await signInMember(server, admin, ['keys.write', 'orders.read']);
      const project = await admin.post('/v1/projects', { name: 'Holder keys' });
      const orders = await admin.post('/v1/groups', { name: uniqueName('orders'), permissions: ['orders.read'] });
      expect((await admin.post('/v1/keys', { projectId: project.body.id, ownerId: holder.userId, groupIds: [orders.body.id] })).status).toBe(201);
      // Allowed: taking the groups away (it needs nothing held) leaves her holding nothing...
      expect((await manager.client.patch(`/v1/users/${holder.userId}`, { groupIds: [] })).status).toBe(200);
      // ...but her key still carries orders.read, which the manager does not hold.
      expectProblem(await manager.client.patch(`/v1/users/${holder.userId}`, { password: 'taken-over-pass-1' }), 403, 'FORBIDDEN');
      await expect(signIn(server, holder.username, 'taken-over-pass-1')).rejects.toThrow(/401/);
      // Someone signed in herself may change her own password, whatever her keys carry.
      const self = await signInMember(server, admin, ['users.write']);
      expect((await admin.post('/v1/keys', { projectId: project.body.id, ownerId: self.userId, groupIds: [orders.body.id] })).status).toBe(201);
      const own = await self.client.post('/v1/auth/password', { currentPassword: MEMBER_PASSWORD, newPassword: 'her-own-new-password-2' });
      expect(own.status, own.text).toBe(204);
    });

    it("a narrow management key cannot reset its owner's password to gain what the owner holds (403)", async () => {
      const owner = await signInMember(server, admin, ['users.write', 'users.read', 'keys.write', 'projects.write']);
      const project = await admin.post('/v1/projects', { name: 'Owner keys' });
      const group = await admin.post('/v1/groups', { name: uniqueName('users-only'), permissions: ['users.write'] });
      const issued = await admin.post('/v1/keys', { projectId: project.body.id, ownerId: owner.userId, groupIds: [group.body.id] });
      const key = apiClient(server.url, { bearer: issued.body.token });
      expectProblem(await key.patch(`/v1/users/${owner.userId}`, { password: 'stolen-through-a-key' }), 403, 'FORBIDDEN');
      await expect(signIn(server, owner.username, 'stolen-through-a-key')).rejects.toThrow(/401/);
      // She herself, holding all she holds, may change her own password.
      expect((await owner.client.post('/v1/auth/password', { currentPassword: MEMBER_PASSWORD, newPassword: 'her-own-new-password' })).status).toBe(204);
    });

    it('a member without users.read or users.write is refused (403)', async () => {
      const { client: member } = await signInMember(server, admin, ['projects.read']);
      expectProblem(await member.get('/v1/users'), 403, 'FORBIDDEN');
      expectProblem(await member.post('/v1/users', { username: uniqueName('x'), role: 'member' }), 403, 'FORBIDDEN');
    });
  });
});
