import { describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, type ApiClient } from '../support/api-client.ts';
import { type TestServer } from '../support/test-server.ts';
import { withServerAndAdmin } from '../support/server-with-admin.ts';

/**
 * Writes of the same row at the same moment end as some serial order of them would, on either
 * store. On PostgreSQL (READ COMMITTED) each of these failed before rows were locked
 * (src/store/row-locks.ts): both regenerated tokens worked, a removed permission came back,
 * a forced project deletion answered 500.
 */
describe('concurrent writes of the same row', () => {
  let server: TestServer;
  let admin: ApiClient;
  withServerAndAdmin((started) => ({ server, admin } = started));

  const verify = (key: string, permissions?: string[]) => apiClient(server.url).post('/v1/keys/verify', { key, ...(permissions ? { permissions } : {}) });

  it('two regenerations without grace at once: only the token of the one that came last works', async () => {
    for (let round = 0; round < 5; round++) {
      const { keyId, token: original } = await createKeyWith(admin);
      const answers = await Promise.all([0, 1].map(() => admin.post(`/v1/keys/${keyId}/regenerate`, { graceSeconds: 0 })));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      const codes = await Promise.all([original, ...answers.map((answer) => answer.body.token as string)].map(async (token) => (await verify(token)).body.code));
      expect(codes[0]).toBe('NOT_FOUND');
      expect(codes.slice(1).sort()).toEqual(['NOT_FOUND', 'VALID']);
      // The key shows the start of the token that works.
      const working = answers[codes.indexOf('VALID') - 1]!.body.token as string;
      expect(working.startsWith((await admin.get(`/v1/keys/${keyId}`)).body.start)).toBe(true);
    }
  });

  it('regenerations, edits and a deletion of one key at once: no 5xx, and nothing works after the deletion', async () => {
    const { keyId, token } = await createKeyWith(admin);
    const answers = await Promise.all([
      ...Array.from({ length: 8 }, () => admin.post(`/v1/keys/${keyId}/regenerate`, { graceSeconds: 0 })),
      ...Array.from({ length: 4 }, (_, i) => admin.patch(`/v1/keys/${keyId}`, { name: `name ${i}` })),
      admin.delete(`/v1/keys/${keyId}`),
    ]);
    for (const answer of answers) expect([200, 204, 404], answer.text).toContain(answer.status);
    const tokens = [token, ...answers.filter((answer) => answer.body?.token).map((answer) => answer.body.token as string)];
    for (const issued of tokens) expect((await verify(issued)).body.code).toBe('NOT_FOUND');
    // Every change the audit log records was answered as done.
    const audit = (await admin.get(`/v1/audit?keyId=${keyId}&limit=100`)).body.items as { action: string }[];
    const done = (action: string) => audit.filter((entry) => entry.action === action).length;
    expect(done('key.regenerated')).toBe(answers.slice(0, 8).filter((answer) => answer.status === 200).length);
    expect(done('key.updated')).toBe(answers.slice(8, 12).filter((answer) => answer.status === 200).length);
    expect(done('key.deleted')).toBe(1);
  });

  it('an edit of a group\'s description beside one removing a permission keeps the permission removed', async () => {
    for (let round = 0; round < 3; round++) {
      const { groupIds: [groupId], token } = await createKeyWith(admin, { permissions: ['race.read', 'race.write'] });
      const answers = await Promise.all([
        ...Array.from({ length: 6 }, (_, i) => admin.patch(`/v1/groups/${groupId}`, { description: `edit ${i}` })),
        admin.patch(`/v1/groups/${groupId}`, { permissions: ['race.read'] }),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual(Array(7).fill(200));
      expect((await admin.get(`/v1/groups/${groupId}`)).body.permissions).toEqual(['race.read']);
      expect((await verify(token, ['race.write'])).body.code).toBe('INSUFFICIENT_PERMISSIONS');
    }
  });

  /**
   * Creates keys with `body` from four loops until `deletion` answers, then checks that it
   * answered 204, that creations it beat found their project or owner gone (422), and that no
   * key created before it is left.
   */
  const deleteWhileCreating = async (body: Record<string, unknown>, deletion: () => Promise<{ status: number; text: string }>) => {
    const created: string[] = [];
    let stop = false;
    const creating = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const answer = await admin.post('/v1/keys', { ...body, name: 'racing' });
        if (answer.status === 201) created.push(answer.body.key.id);
        else expect(answer.status, answer.text).toBe(422);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const deleted = await deletion();
    stop = true;
    await Promise.all(creating);
    expect(deleted.status, deleted.text).toBe(204);
    expect(created.length).toBeGreaterThan(0);
    for (const id of created) expect((await admin.get(`/v1/keys/${id}`)).status).toBe(404);
  };

  it('a forced project deletion while keys are created in it: 204, and no key of it is left', async () => {
    const { projectId } = await createKeyWith(admin);
    await deleteWhileCreating({ projectId }, () => admin.delete(`/v1/projects/${projectId}?force=true`));
  });

  it('a forced user deletion while keys are created for that owner: 204, and none of their keys is left', async () => {
    const { projectId } = await createKeyWith(admin);
    const user = await admin.post('/v1/users', { username: `owner-${Math.random().toString(36).slice(2, 8)}`, role: 'member' });
    expect(user.status, user.text).toBe(201);
    await deleteWhileCreating({ projectId, ownerId: user.body.id }, () => admin.delete(`/v1/users/${user.body.id}?force=true`));
  });

  it('a deletion without force while keys are created for that owner never takes those keys with it', async () => {
    const { projectId } = await createKeyWith(admin);
    // The deletion starts a little later each round, so that some rounds count before the keys
    // are made and delete after (what happened before the count was repeated inside the write).
    for (let round = 0; round < 12; round++) {
      const user = await admin.post('/v1/users', { username: `owner-${Math.random().toString(36).slice(2, 8)}`, role: 'member' });
      const created: string[] = [];
      const creating = Array.from({ length: 4 }, async () => {
        const answer = await admin.post('/v1/keys', { projectId, ownerId: user.body.id, name: 'racing' });
        if (answer.status === 201) created.push(answer.body.key.id);
        else expect(answer.status, answer.text).toBe(422);
      });
      await new Promise((resolve) => setTimeout(resolve, round));
      const deleted = await admin.delete(`/v1/users/${user.body.id}`);
      await Promise.all(creating);
      // Either the keys came first (409, and they stay) or the deletion did (and no key was made).
      if (deleted.status === 204) expect(created).toEqual([]);
      else expect(deleted.status, deleted.text).toBe(409);
      for (const id of created) expect((await admin.get(`/v1/keys/${id}`)).status).toBe(200);
    }
  });
});
