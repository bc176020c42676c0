import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids.ts';
import { apiClient, signIn, type ApiClient } from '../support/api-client.ts';
import { createMember, type Member } from '../support/member.ts';
import { type TestServer } from '../support/test-server.ts';
import { withServerAndAdmin, type ServerWithAdmin } from '../support/server-with-admin.ts';

const UNKNOWN_GROUP = newId('grp');

describe('a member sees and grants only what is hers', () => {
  let server: TestServer;
  let admin: ApiClient;
  let adminId: string;
  let mia: Member;
  let projectId: string;
  let adminKey: { id: string; token: string };
  let everything: string;
  let projectsWrite: string;
  let keysReadOnly: string;

  async function group(name: string, permissions: string[]): Promise<string> {
    const response = await admin.post('/v1/groups', { name, permissions });
    expect(response.status, response.text).toBe(201);
    return response.body.id;
  }

  let session: ServerWithAdmin['session'];
  withServerAndAdmin((started) => ({ server, admin, session } = started));
  beforeAll(async () => {
    adminId = session.userId;
    mia = await createMember(server, admin, { username: 'mia', permissions: ['keys.read', 'keys.write'] });
    everything = await group('everything', ['*']);
    projectsWrite = await group('project-writers', ['projects.write']);
    keysReadOnly = await group('key-readers', ['keys.read']);
    projectId = (await admin.post('/v1/projects', { name: 'Shared', keyPrefix: 'sh' })).body.id;
    const created = await admin.post('/v1/keys', { projectId, name: "admin's key", groupIds: [everything] });
    adminKey = { id: created.body.key.id, token: created.body.token };
  });

  it("does not see others' keys: the list excludes them and get/patch/delete/regenerate are 404", async () => {
    const mine = await mia.client.post('/v1/keys', { projectId, name: "mia's key" });
    expect(mine.status, mine.text).toBe(201);

    const list = await mia.client.get(`/v1/keys?projectId=${projectId}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((key: any) => key.id)).toEqual([mine.body.key.id]);
    expect(list.body.total).toBe(1);
    const searched = await mia.client.get(`/v1/keys?q=${encodeURIComponent("admin's")}`);
    expect(searched.body).toEqual({ items: [], nextCursor: null, total: 0 });
    const byCreator = await mia.client.get(`/v1/keys?status=active&limit=100`);
    expect(byCreator.body.items.map((key: any) => key.id)).not.toContain(adminKey.id);

    // The admin sees both.
    const adminList = await admin.get(`/v1/keys?projectId=${projectId}`);
    expect(adminList.body.items.map((key: any) => key.id)).toEqual(expect.arrayContaining([mine.body.key.id, adminKey.id]));

    for (const [method, path, body] of [
      ['GET', `/v1/keys/${adminKey.id}`, undefined],
      ['PATCH', `/v1/keys/${adminKey.id}`, { name: 'taken over' }],
      ['DELETE', `/v1/keys/${adminKey.id}`, undefined],
      ['POST', `/v1/keys/${adminKey.id}/regenerate`, {}],
    ] as const) {
      const response = await mia.client.request(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
    // Nothing happened to the admin's key: same name, and its token still verifies.
    expect((await admin.get(`/v1/keys/${adminKey.id}`)).body.name).toBe("admin's key");
    expect((await admin.post('/v1/keys/verify', { key: adminKey.token })).body.code).toBe('VALID');
  });

  it('sees and edits a key the admin made for her (she owns it)', async () => {
    const forMia = await admin.post('/v1/keys', { projectId, name: 'for mia', owner: 'mia' });
    expect((await mia.client.get(`/v1/keys/${forMia.body.key.id}`)).status).toBe(200);
    const patched = await mia.client.patch(`/v1/keys/${forMia.body.key.id}`, { description: 'mine now' });
    expect(patched.status).toBe(200);
    expect(patched.body.description).toBe('mine now');
  });

  it('cannot create or edit a key with a group beyond her own: she may not read groups, so it is as unknown to her as one that does not exist (422)', async () => {
    const unknown = await mia.client.post('/v1/keys', { projectId, name: 'escalation', groupIds: [UNKNOWN_GROUP] });
    expect(unknown.status).toBe(422);
    for (const groupId of [everything, projectsWrite]) {
      const response = await mia.client.post('/v1/keys', { projectId, name: 'escalation', groupIds: [groupId] });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('GROUP_NOT_FOUND');
      // The same words as for a group that does not exist, and no permission named.
      expect(response.body.detail).toBe(unknown.body.detail.replace(UNKNOWN_GROUP, groupId));
      expect(response.text).not.toMatch(/projects\.write|"\*"/);
    }
    const mixed = await mia.client.post('/v1/keys', { projectId, name: 'escalation', groupIds: [mia.groupId, projectsWrite] });
    expect(mixed.status).toBe(422);
    const list = await mia.client.get(`/v1/keys?q=escalation`);
    expect(list.body.total).toBe(0);

    const mine = await mia.client.post('/v1/keys', { projectId, name: 'within', groupIds: [mia.groupId, keysReadOnly] });
    expect(mine.status).toBe(201);
    const patched = await mia.client.patch(`/v1/keys/${mine.body.key.id}`, { groupIds: [mia.groupId, everything] });
    expect(patched.status).toBe(422);
    expect(patched.body.code).toBe('GROUP_NOT_FOUND');
    expect((await mia.client.get(`/v1/keys/${mine.body.key.id}`)).body.groups.map((g: any) => g.id).sort()).toEqual([mia.groupId, keysReadOnly].sort());
  });

  it('a management key she made acts with at most what she holds, and loses it when her group is removed', async () => {
    // Her key carries her group and a read-only one: it may read and write keys as she does.
    const issued = await mia.client.post('/v1/keys', { projectId, name: 'mia automation', groupIds: [mia.groupId] });
    expect(issued.status).toBe(201);
    const asKey = apiClient(server.url, { bearer: issued.body.token });

    const me = await asKey.get('/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(mia.userId);
    expect(me.body.permissions).toEqual(['keys.read', 'keys.write']);

    // Acting as her, the key sees only her keys and cannot reach the admin's.
    const list = await asKey.get(`/v1/keys?projectId=${projectId}&limit=100`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((key: any) => key.id)).not.toContain(adminKey.id);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect((await asKey.get(`/v1/keys/${adminKey.id}`)).status).toBe(404);
    // Nor can it do what she cannot, or hand out more than she holds.
    expect((await asKey.get('/v1/projects')).status).toBe(403);
    expect((await asKey.get('/v1/users')).status).toBe(403);
    expect((await asKey.post('/v1/keys', { projectId, groupIds: [everything] })).status).toBe(422);
    const child = await asKey.post('/v1/keys', { projectId, name: 'child', groupIds: [mia.groupId] });
    expect(child.status).toBe(201);

    // The admin takes her group away: the key loses those rights on its very next call.
    const removed = await admin.patch(`/v1/users/${mia.userId}`, { groupIds: [] });
    expect(removed.status, removed.text).toBe(200);
    const after = await asKey.get('/v1/keys');
    expect(after.status).toBe(403);
    expect(after.body.code).toBe('FORBIDDEN');
    expect((await asKey.post('/v1/keys', { projectId })).status).toBe(403);
    expect((await asKey.get('/v1/auth/me')).body.permissions).toEqual([]);
    // Her session loses them as well.
    expect((await mia.client.get('/v1/keys')).status).toBe(403);

    // Given back, the same key works again: grants are computed per call, not copied.
    await admin.patch(`/v1/users/${mia.userId}`, { groupIds: [mia.groupId] });
    expect((await asKey.get('/v1/keys')).status).toBe(200);
  });

  it('her management keys stop at once when the admin deactivates her, and work again when reactivated', async () => {
    const issued = await mia.client.post('/v1/keys', { projectId, name: 'while active', groupIds: [mia.groupId] });
    const asKey = apiClient(server.url, { bearer: issued.body.token });
    expect((await asKey.get('/v1/keys')).status).toBe(200);
    expect((await admin.patch(`/v1/users/${mia.userId}`, { active: false })).status).toBe(200);
    try {
      const refused = await asKey.get('/v1/keys');
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('UNAUTHENTICATED');
      // Her session ended with the deactivation.
      expect((await mia.client.get('/v1/keys')).status).toBe(401);
    } finally {
      await admin.patch(`/v1/users/${mia.userId}`, { active: true });
    }
    expect((await asKey.get('/v1/keys')).status).toBe(200);
    // Signing in again gives her a working session.
    mia = { ...mia, ...(await signIn(server, mia.username, mia.password)) };
    expect((await mia.client.get('/v1/keys')).status).toBe(200);
  });

  it('a key the admin gives her with every permission still acts with only what she holds', async () => {
    const issued = await admin.post('/v1/keys', { projectId, name: 'wide key for mia', owner: 'mia', groupIds: [everything] });
    expect(issued.status).toBe(201);
    const asKey = apiClient(server.url, { bearer: issued.body.token });
    const me = await asKey.get('/v1/auth/me');
    expect(me.body.user.id).toBe(mia.userId);
    expect(me.body.permissions).toEqual(['keys.read', 'keys.write']);
    expect((await asKey.get('/v1/keys')).status).toBe(200);
    expect((await asKey.get('/v1/groups')).status).toBe(403);
    expect((await asKey.post('/v1/projects', { name: 'not allowed' })).status).toBe(403);
    expect((await asKey.get(`/v1/keys/${adminKey.id}`)).status).toBe(404);
  });

  it('cannot escalate by making a key owned by someone else (it would act as them), nor learn who exists', async () => {
    const before = (await admin.get(`/v1/keys?projectId=${projectId}&limit=100`)).body.total;
    for (const [owner, unknown] of [[{ owner: 'admin' }, { owner: 'nobody-here' }], [{ ownerId: adminId }, { ownerId: newId('usr') }]] as const) {
      const issued = await mia.client.post('/v1/keys', { projectId, name: 'owned by admin', groupIds: [mia.groupId], ...owner });
      const refused = await mia.client.post('/v1/keys', { projectId, name: 'owned by admin', groupIds: [mia.groupId], ...unknown });
      // She may not read users: an existing owner and an unknown one get the same answer.
      expect(issued.status, issued.text).toBe(422);
      expect(issued.body.code).toBe('OWNER_NOT_FOUND');
      expect(refused.status).toBe(422);
      expect(issued.body.detail).toBe(refused.body.detail.replace(Object.values(unknown)[0]!, Object.values(owner)[0]!));
      expect(issued.text).not.toMatch(/"token"/);
    }
    expect((await admin.get(`/v1/keys?projectId=${projectId}&limit=100`)).body.total).toBe(before);
    // Naming herself is fine, and the key acts as her.
    const own = await mia.client.post('/v1/keys', { projectId, name: 'owned by mia', owner: 'mia', groupIds: [mia.groupId] });
    expect(own.status).toBe(201);
    expect(own.body.key.owner).toEqual({ id: mia.userId, username: 'mia' });
    const asKey = apiClient(server.url, { bearer: own.body.token });
    expect((await asKey.get(`/v1/keys/${adminKey.id}`)).status).toBe(404);
    // The admin may hand keys to others.
    const byAdmin = await admin.post('/v1/keys', { projectId, name: 'for mia', ownerId: mia.userId });
    expect(byAdmin.status).toBe(201);
  });

  it('is not told who owns an id she names for an import: the refusal does not name them', async () => {
    const other = (await admin.post('/v1/users', { username: 'owen', role: 'member' })).body.id as string;
    const imported = await mia.client.post('/v1/keys/import', { projectId, keys: [{ hash: { algorithm: 'sha256', encoding: 'hex', value: 'cd'.repeat(32) }, ownerId: other }] });
    const unknown = await mia.client.post('/v1/keys/import', { projectId, keys: [{ hash: { algorithm: 'sha256', encoding: 'hex', value: 'cd'.repeat(32) }, ownerId: newId('usr') }] });
    expect(imported.status, imported.text).toBe(422);
    expect(imported.body).toEqual(unknown.body);
    expect(imported.text).not.toContain('owen');
  });
});
