import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids.ts';
import { apiClient, createKeyWith, signIn, type ApiClient } from '../support/api-client.ts';
import { MEMBER_PASSWORD, signInMember, uniqueName } from '../support/people.ts';
import { expectProblem } from '../support/problems.ts';
import { type TestServer } from '../support/test-server.ts';
import { withServerAndAdmin } from '../support/server-with-admin.ts';

/**
 * The outside review's findings of issue #15, each as it was reproduced (black-box, through
 * HTTP), now refused. The whole class is covered by the model test
 * (authorization-model.test.ts); these keep each reported path named.
 */
describe('authorization: the review findings stay closed', () => {
  let server: TestServer;
  let admin: ApiClient;
  let projectId: string;

  async function group(permissions: string[]): Promise<string> {
    const created = await admin.post('/v1/groups', { name: uniqueName('grp'), permissions });
    expect(created.status, created.text).toBe(201);
    return created.body.id;
  }

  async function verify(token: string, permissions?: string[]) {
    return (await apiClient(server.url).post('/v1/keys/verify', { key: token, ...(permissions ? { permissions } : {}) })).body;
  }

  async function createAdmin() {
    const username = uniqueName('admin');
    const created = await admin.post('/v1/users', { username, password: MEMBER_PASSWORD, role: 'admin' });
    expect(created.status, created.text).toBe(201);
    return { ...(await signIn(server, username, MEMBER_PASSWORD)), username };
  }

  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    projectId = (await admin.post('/v1/projects', { name: 'Findings', keyPrefix: 'fd' })).body.id;
  });

  it("1 (critical): an admin's narrow management key cannot regenerate the admin's * key, nor re-enable it", async () => {
    const everything = await createKeyWith(admin, { permissions: ['*'] });
    const narrow = await createKeyWith(admin, { permissions: ['keys.read', 'keys.write'] });
    const asNarrow = apiClient(server.url, { bearer: narrow.token });
    expectProblem(await asNarrow.get('/v1/users'), 403, 'FORBIDDEN');
    // It may see the key (an admin's keys see every key), not give its token more use.
    expect((await asNarrow.get(`/v1/keys/${everything.keyId}`)).status).toBe(200);
    const regenerated = await asNarrow.post(`/v1/keys/${everything.keyId}/regenerate`, { graceSeconds: 3600 });
    expectProblem(regenerated, 403, 'FORBIDDEN');
    expect(regenerated.text).not.toMatch(/"token"/);
    expect((await admin.get(`/v1/keys/${everything.keyId}`)).body.start).toBe(everything.key.start);
    // Taking use away is allowed; giving it back is not.
    expect((await asNarrow.patch(`/v1/keys/${everything.keyId}`, { enabled: false })).status).toBe(200);
    expectProblem(await asNarrow.patch(`/v1/keys/${everything.keyId}`, { enabled: true }), 403, 'FORBIDDEN');
    expect((await verify(everything.token)).code).toBe('DISABLED');
    // The admin herself, holding everything, may.
    expect((await admin.patch(`/v1/keys/${everything.keyId}`, { enabled: true })).status).toBe(200);
    expect((await admin.post(`/v1/keys/${everything.keyId}/regenerate`, {})).status).toBe(200);
  });

  it("1: an admin's narrow key cannot issue or renew a key in the name of someone holding more than it", async () => {
    const other = await createAdmin();
    const narrow = await createKeyWith(admin, { permissions: ['keys.read', 'keys.write'] });
    const asNarrow = apiClient(server.url, { bearer: narrow.token });
    // A key with no groups, owned by an admin: its token is that admin to every API behind
    // Keyward. This key may not read people, so the admin is as unknown to it as nobody.
    expectProblem(await asNarrow.post('/v1/keys', { projectId, ownerId: other.userId }), 422, 'OWNER_NOT_FOUND');
    const reader = apiClient(server.url, { bearer: (await createKeyWith(admin, { permissions: ['keys.read', 'keys.write', 'users.read'] })).token });
    expectProblem(await reader.post('/v1/keys', { projectId, ownerId: other.userId }), 403, 'FORBIDDEN');
    const theirs = await admin.post('/v1/keys', { projectId, ownerId: other.userId });
    expectProblem(await asNarrow.post(`/v1/keys/${theirs.body.key.id}/regenerate`, {}), 403, 'FORBIDDEN');
    // Taking use away stays open to whoever sees the key.
    expect((await reader.patch(`/v1/keys/${theirs.body.key.id}`, { ipAllowlist: ['198.51.100.0/24'] })).status).toBe(200);
    // A member holding no more than the key does is within its reach.
    const member = await signInMember(server, admin, ['keys.read']);
    expect((await asNarrow.post('/v1/keys', { projectId, ownerId: member.userId })).status).toBe(201);
  });

  it('2 (high): an admin demoted to member no longer sees, let alone regenerates, the * key she made for another admin', async () => {
    const maker = await createAdmin();
    const holder = await createAdmin();
    const everything = await group(['*']);
    const made = await maker.client.post('/v1/keys', { projectId, ownerId: holder.userId, groupIds: [everything] });
    expect(made.status, made.text).toBe(201);
    const keysAll = await group(['keys.*']);
    expect((await admin.patch(`/v1/users/${maker.userId}`, { role: 'member', groupIds: [keysAll] })).status).toBe(200);
    const demoted = (await signIn(server, maker.username, MEMBER_PASSWORD)).client;
    expectProblem(await demoted.get(`/v1/keys/${made.body.key.id}`), 404, 'NOT_FOUND');
    expectProblem(await demoted.post(`/v1/keys/${made.body.key.id}/regenerate`, { graceSeconds: 3600 }), 404, 'NOT_FOUND');
    expect((await demoted.get(`/v1/keys?projectId=${projectId}&limit=100`)).body.items.map((key: { id: string }) => key.id)).not.toContain(made.body.key.id);
    expect((await verify(made.body.token)).code).toBe('VALID');
  });

  it('2: a key she made for someone else, carrying no more than she holds, stays in sight but is not hers to renew', async () => {
    const maker = await createAdmin();
    const member = await signInMember(server, admin, ['keys.read']);
    const reads = await group(['orders.read']);
    const made = await maker.client.post('/v1/keys', { projectId, ownerId: member.userId, groupIds: [reads] });
    const keysAll = await group(['keys.*', 'orders.read']);
    expect((await admin.patch(`/v1/users/${maker.userId}`, { role: 'member', groupIds: [keysAll] })).status).toBe(200);
    const demoted = (await signIn(server, maker.username, MEMBER_PASSWORD)).client;
    expect((await demoted.get(`/v1/keys/${made.body.key.id}`)).status).toBe(200);
    expectProblem(await demoted.post(`/v1/keys/${made.body.key.id}/regenerate`, {}), 403, 'FORBIDDEN');
    expect((await demoted.patch(`/v1/keys/${made.body.key.id}`, { enabled: false })).status).toBe(200);
  });

  it('4 (medium): a member cannot re-enable, un-allowlist or un-limit a key carrying more than she holds', async () => {
    const member = await signInMember(server, admin, ['keys.*']);
    const orders = await group(['orders.*']);
    const key = await admin.post('/v1/keys', { projectId, ownerId: member.userId, groupIds: [orders] });
    const id = key.body.key.id;
    expect((await admin.patch(`/v1/keys/${id}`, { enabled: false, ipAllowlist: ['203.0.113.0/24'], remaining: 1 })).status).toBe(200);
    expectProblem(await member.client.patch(`/v1/keys/${id}`, { enabled: true, ipAllowlist: [], remaining: null }), 403, 'FORBIDDEN');
    for (const widening of [{ enabled: true }, { ipAllowlist: [] }, { ipAllowlist: ['203.0.0.0/16'] }, { remaining: null }, { remaining: 2 }]) {
      expectProblem(await member.client.patch(`/v1/keys/${id}`, widening), 403, 'FORBIDDEN');
    }
    const after = (await admin.get(`/v1/keys/${id}`)).body;
    expect(after).toMatchObject({ enabled: false, ipAllowlist: ['203.0.113.0/24'], remaining: 1 });
    expect((await verify(key.body.token, ['orders.refunds.create'])).code).toBe('DISABLED');
    // Narrowing, and neutral edits, remain hers.
    expect((await member.client.patch(`/v1/keys/${id}`, { ipAllowlist: ['203.0.113.8/29'], remaining: 0, name: 'narrowed' })).status).toBe(200);
    expect((await member.client.patch(`/v1/keys/${id}`, { expiresAt: new Date(Date.now() + 86_400_000).toISOString() })).status).toBe(200);
    expectProblem(await member.client.patch(`/v1/keys/${id}`, { expiresAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }), 403, 'FORBIDDEN');
    expect((await member.client.delete(`/v1/keys/${id}`)).status).toBe(204);
  });

  it('4: a member may widen her own key when she holds everything it carries', async () => {
    const member = await signInMember(server, admin, ['keys.*', 'orders.read']);
    const reads = await group(['orders.read']);
    const key = await member.client.post('/v1/keys', { projectId, groupIds: [reads], enabled: false, remaining: 1, ipAllowlist: ['203.0.113.0/24'] });
    expect(key.status, key.text).toBe(201);
    expect((await member.client.patch(`/v1/keys/${key.body.key.id}`, { enabled: true, ipAllowlist: [], remaining: null })).status).toBe(200);
    expect((await verify(key.body.token, ['orders.read'])).code).toBe('VALID');
  });

  it('6 (low): a users.write holder cannot re-activate someone holding (or whose keys carry) more than she does', async () => {
    const manager = await signInMember(server, admin, ['users.write', 'users.read']);
    const stronger = await signInMember(server, admin, ['orders.read']);
    expect((await admin.patch(`/v1/users/${stronger.userId}`, { active: false })).status).toBe(200);
    expectProblem(await manager.client.patch(`/v1/users/${stronger.userId}`, { active: true }), 403, 'FORBIDDEN');
    expect((await admin.get(`/v1/users/${stronger.userId}`)).body.active).toBe(false);
    // Her keys count too: a user holding nothing whose key carries orders.read.
    const keyed = await signInMember(server, admin, []);
    await admin.post('/v1/keys', { projectId, ownerId: keyed.userId, groupIds: [await group(['orders.read'])] });
    expect((await admin.patch(`/v1/users/${keyed.userId}`, { active: false })).status).toBe(200);
    expectProblem(await manager.client.patch(`/v1/users/${keyed.userId}`, { active: true }), 403, 'FORBIDDEN');
    // Someone holding no more than she does is hers to bring back.
    const weaker = await signInMember(server, admin, ['users.read']);
    expect((await admin.patch(`/v1/users/${weaker.userId}`, { active: false })).status).toBe(200);
    expect((await manager.client.patch(`/v1/users/${weaker.userId}`, { active: true })).status).toBe(200);
  });

  it("7 (low): a users.write + keys.write member cannot set another member's password and become her", async () => {
    const manager = await signInMember(server, admin, ['users.write', 'users.read', 'keys.write', 'keys.read']);
    // She may edit users herself (her own password included): the manager holds all she holds,
    // but becoming her is acting in her name, which only admins may.
    const victim = await signInMember(server, admin, ['users.write']);
    const key = await admin.post('/v1/keys', { projectId, ownerId: victim.userId, meta: { customer: 'acme' } });
    expect(key.status).toBe(201);
    expectProblem(await manager.client.patch(`/v1/users/${victim.userId}`, { password: 'i-am-her-now-123' }), 403, 'FORBIDDEN');
    await expect(signIn(server, victim.username, 'i-am-her-now-123')).rejects.toThrow(/401/);
    // Her own password needs her current one, signed in: not through PATCH, through the
    // throttled POST /v1/auth/password.
    expectProblem(await victim.client.patch(`/v1/users/${victim.userId}`, { password: 'her-new-password-1' }), 403, 'FORBIDDEN', '/password');
    expectProblem(await victim.client.post('/v1/auth/password', { currentPassword: 'not-her-password', newPassword: 'her-new-password-1' }), 403, 'FORBIDDEN', '/currentPassword');
    expect((await victim.client.post('/v1/auth/password', { currentPassword: MEMBER_PASSWORD, newPassword: 'her-new-password-1' })).status).toBe(204);
    expect((await signIn(server, victim.username, 'her-new-password-1')).userId).toBe(victim.userId);
  });

  it('8 (low): to a member who may not read them, an existing owner or group answers as an unknown one', async () => {
    const member = await signInMember(server, admin, ['keys.read', 'keys.write']);
    const secret = await group(['orders.*']);
    const mine = (await member.client.post('/v1/keys', { projectId })).body.key.id;
    const pairs = [
      [{ ownerId: (await signInMember(server, admin, [])).userId }, { ownerId: newId('usr') }],
      [{ groupIds: [secret] }, { groupIds: [newId('grp')] }],
    ] as const;
    for (const [existing, unknown] of pairs) {
      const a = await member.client.post('/v1/keys', { projectId, ...existing });
      const b = await member.client.post('/v1/keys', { projectId, ...unknown });
      expect(a.status).toBe(b.status);
      expect(a.body.code).toBe(b.body.code);
      expect(a.text).not.toContain('orders');
    }
    const a = await member.client.patch(`/v1/keys/${mine}`, { groupIds: [secret] });
    const b = await member.client.patch(`/v1/keys/${mine}`, { groupIds: [newId('grp')] });
    expect([a.status, a.body.code]).toEqual([b.status, b.body.code]);
    expect(a.text).not.toContain('orders');
  });
});
