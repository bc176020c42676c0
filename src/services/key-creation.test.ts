import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient, type ApiResponse } from '../../test/support/api-client.ts';
import { createMember } from '../../test/support/member.ts';
import { uniqueName } from '../../test/support/people.ts';
import { ADMIN, type TestServer } from '../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../test/support/server-with-admin.ts';
import { newId } from '../domain/ids.ts';
import { ProblemError } from '../domain/problem-error.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { actorForKey } from './auth.ts';
import { createKey } from './keys.ts';

/**
 * Creations that arrive together are written together (key-creation.ts): these prove that each
 * is still answered as if it ran alone, refusals included, and that a batch holds the rows it
 * reads as a single creation does, so a change to its maker is seen or waited for.
 */
describe('key creations at once', () => {
  let server: TestServer;
  let admin: ApiClient;
  let projectId: string;
  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    projectId = (await admin.post('/v1/projects', { name: uniqueName('Batched') })).body.id;
  });

  const verify = async (key: string) => (await apiClient(server.url).post('/v1/keys/verify', { key })).body as { code: string; keyId?: string; permissions?: string[] };
  const keysIn = async (project: string) => (await admin.get(`/v1/keys?projectId=${project}&limit=1`)).body.total as number;

  it('200 at once, refusals among them: each refused alone, the rest created with tokens that verify', async () => {
    const member = await createMember(server, admin, { username: uniqueName('batch'), permissions: ['keys.write', 'keys.read', 'orders.read'] });
    const other = await admin.post('/v1/groups', { name: uniqueName('grp'), permissions: ['refunds.create'] });
    const refusals: [string, ApiClient, Record<string, unknown>, number, string][] = [
      ['unknown project', admin, { projectId: newId('prj') }, 422, 'PROJECT_NOT_FOUND'],
      ['unknown owner', admin, { projectId, ownerId: newId('usr') }, 422, 'OWNER_NOT_FOUND'],
      ['a group the member does not hold', member.client, { projectId, groupIds: [other.body.id] }, 422, 'GROUP_NOT_FOUND'],
      ['the admin as the member\'s key\'s owner', member.client, { projectId, owner: ADMIN.username }, 422, 'OWNER_NOT_FOUND'],
    ];
    // The refusals are spread among the creations, so they fall in the middle of batches.
    const requests = Array.from({ length: 200 }, (_, i) => {
      const refusal = i % 50 === 25 ? refusals[(i - 25) / 50]! : undefined;
      if (refusal) return refusal[1].post('/v1/keys', refusal[2]);
      if (i % 3 === 0) return member.client.post('/v1/keys', { projectId, name: `member ${i}`, groupIds: [member.groupId] });
      return admin.post('/v1/keys', { projectId, name: `admin ${i}`, ...(i % 3 === 1 ? { groupIds: [other.body.id] } : { ownerId: member.userId }) });
    });
    const answers = await Promise.all(requests);
    const created: ApiResponse[] = [];
    answers.forEach((answer, i) => {
      const refusal = i % 50 === 25 ? refusals[(i - 25) / 50]! : undefined;
      if (refusal) {
        expect(answer.status, `${refusal[0]}: ${answer.text}`).toBe(refusal[3]);
        expect(answer.body.code, refusal[0]).toBe(refusal[4]);
      } else {
        expect(answer.status, answer.text).toBe(201);
        created.push(answer);
      }
    });
    expect(created).toHaveLength(196);
    expect(new Set(created.map((answer) => answer.body.token)).size).toBe(196);
    expect(new Set(created.map((answer) => answer.body.key.id)).size).toBe(196);
    for (const answer of created) {
      const verified = await verify(answer.body.token);
      expect(verified.code).toBe('VALID');
      expect(verified.keyId).toBe(answer.body.key.id);
      expect(verified.permissions).toEqual(answer.body.key.permissions);
    }
    expect(await keysIn(projectId)).toBe(196);
    // Each created key was audited once, and no refused one was.
    const audited = (await admin.get(`/v1/audit?action=key.created&limit=1`)).body.total as number;
    const { body: again } = await admin.post('/v1/keys', { projectId, name: 'one more' });
    expect((await admin.get(`/v1/audit?action=key.created&limit=1`)).body.total).toBe(audited + 1);
    expect(again.key.id).toBeTruthy();
  });

  it('a creation the database refuses at insert fails alone: its batch-mates are written again, each alone', async () => {
    // PostgreSQL refuses a NUL character in text (SQLite stores it): asked in one turn of the
    // event loop, these twenty share a batch, whose multi-row insert then fails as a whole.
    const names = Array.from({ length: 20 }, (_, i) => (i === 7 ? 'a \u0000 in the name' : `batch-mate ${i}`));
    const outcomes = await Promise.allSettled(names.map((name) => createKey(server.app.services, SYSTEM_ACTOR, { projectId, name })));
    for (const [i, outcome] of outcomes.entries()) {
      if (i === 7) continue;
      expect(outcome.status).toBe('fulfilled');
      if (outcome.status === 'fulfilled') expect((await verify(outcome.value.token)).code).toBe('VALID');
    }
  });

  it("racing the loss of her group, the maker's creations are created with it or refused, and refused once the change answered", async () => {
    const project = (await admin.post('/v1/projects', { name: uniqueName('Race') })).body.id as string;
    const member = await createMember(server, admin, { username: uniqueName('race'), permissions: ['keys.write', 'keys.read', 'orders.read'] });
    const issued = await member.client.post('/v1/keys', { projectId: project, name: 'management', groupIds: [member.groupId] });
    expect(issued.status, issued.text).toBe(201);
    // Her actor as authentication found it: the service re-reads her inside the write.
    const actor = (await actorForKey(server.app.services, issued.body.token, '127.0.0.1'))!;
    const asHer = () => createKey(server.app.services, actor, { projectId: project, name: 'hers', groupIds: [member.groupId] }).then(
      (key) => ({ ok: true as const, key }),
      (error: unknown) => {
        if (!(error instanceof ProblemError)) throw error;
        return { ok: false as const, status: error.status, code: error.code };
      },
    );
    const asAdmin = () => admin.post('/v1/keys', { projectId: project, name: 'admin\'s', groupIds: [member.groupId] });

    const [hers, admins, change] = await Promise.all([
      Promise.all(Array.from({ length: 30 }, asHer)),
      Promise.all(Array.from({ length: 30 }, asAdmin)),
      admin.patch(`/v1/users/${member.userId}`, { groupIds: [] }),
    ]);
    expect(change.status, change.text).toBe(200);
    for (const answer of admins) expect(answer.status, answer.text).toBe(201);
    for (const outcome of hers) if (!outcome.ok) expect([403, 422]).toContain(outcome.status);
    // What was answered created was created, carrying the group, and nothing else was.
    const made = hers.filter((outcome) => outcome.ok);
    for (const outcome of made) {
      expect(outcome.key.key.permissions).toEqual(['keys.read', 'keys.write', 'orders.read']);
      expect((await admin.get(`/v1/keys/${outcome.key.key.id}`)).status).toBe(200);
    }
    expect(await keysIn(project)).toBe(1 + 30 + made.length);

    // Once the change has answered, her creations are refused, batched beside the admin's.
    const [late, lateAdmins] = await Promise.all([Promise.all(Array.from({ length: 30 }, asHer)), Promise.all(Array.from({ length: 30 }, asAdmin))]);
    for (const outcome of late) {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect([403, 422]).toContain(outcome.status);
    }
    for (const answer of lateAdmins) expect(answer.status, answer.text).toBe(201);
    expect(await keysIn(project)).toBe(1 + 60 + made.length);
  });
});
