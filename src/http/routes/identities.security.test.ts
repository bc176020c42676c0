import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids.ts';
import { apiClient, type ApiClient } from '../../../test/support/api-client.ts';
import { snapshotDatabase } from '../../../test/support/db-snapshot.ts';
import { createMember, type Member } from '../../../test/support/member.ts';
import { managementKey, uniqueName } from '../../../test/support/people.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

const limit = (name: string, value: number, durationMs = 60_000, autoApply = true) => ({ name, limit: value, durationMs, autoApply });

describe('identities: who may read, write and attach them', () => {
  let server: TestServer;
  let admin: ApiClient;
  let projectId: string;
  let identity: { id: string; externalId: string };
  let other: { id: string; externalId: string };
  // Members who may write keys and hold orders.read; with or without identities.write.
  let plain: Member;
  let manager: Member;
  let reader: Member;
  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    projectId = (await admin.post('/v1/projects', { name: 'Guarded', keyPrefix: 'gd' })).body.id;
    identity = (await admin.post('/v1/identities', { externalId: uniqueName('acme'), meta: { plan: 'secret-plan' } })).body;
    other = (await admin.post('/v1/identities', { externalId: uniqueName('globex') })).body;
    plain = await createMember(server, admin, { username: uniqueName('plain'), permissions: ['keys.read', 'keys.write', 'orders.read'] });
    manager = await createMember(server, admin, { username: uniqueName('manager'), permissions: ['keys.read', 'keys.write', 'orders.read', 'identities.write'] });
    reader = await createMember(server, admin, { username: uniqueName('reader'), permissions: ['identities.read'] });
  });

  /** A key made by the admin for `member`, carrying `groupIds` (the member's own group unless told). */
  async function keyFor(member: Member, body: Record<string, unknown> = {}) {
    const response = await admin.post('/v1/keys', { projectId, ownerId: member.userId, groupIds: [member.groupId], ...body });
    expect(response.status, response.text).toBe(201);
    return response.body.key;
  }

  async function unchanged<T>(send: () => Promise<T>): Promise<T> {
    // A management key's use is written behind: its lastUsedAt may land meanwhile.
    const before = await snapshotDatabase(server, ['keys.last_used_at']);
    const result = await send();
    expect(await snapshotDatabase(server, ['keys.last_used_at'])).toEqual(before);
    return result;
  }

  it('every identities route is 401 without credentials', async () => {
    const anonymous = apiClient(server.url);
    for (const [method, path, body] of [
      ['GET', '/v1/identities'], ['POST', '/v1/identities', { externalId: 'x' }], ['GET', `/v1/identities/${identity.id}`],
      ['PATCH', `/v1/identities/${identity.id}`, { meta: {} }], ['DELETE', `/v1/identities/${identity.id}?force=true`],
    ] as const) {
      expectProblem(await unchanged(() => anonymous.request(method, path, body)), 401, 'UNAUTHENTICATED');
    }
  });

  it('identities.read lists and reads, and may not create, edit or delete', async () => {
    expect((await reader.client.get('/v1/identities')).body.total).toBeGreaterThanOrEqual(2);
    expect((await reader.client.get(`/v1/identities/${identity.id}`)).body.meta).toEqual({ plan: 'secret-plan' });
    expectProblem(await unchanged(() => reader.client.post('/v1/identities', { externalId: uniqueName('no') })), 403, 'FORBIDDEN');
    expectProblem(await unchanged(() => reader.client.patch(`/v1/identities/${identity.id}`, { meta: {} })), 403, 'FORBIDDEN');
    expectProblem(await unchanged(() => reader.client.delete(`/v1/identities/${identity.id}?force=true`)), 403, 'FORBIDDEN');
  });

  it('without identities.read, nothing of an identity is shown: not the list, not one by id, not whether it exists', async () => {
    for (const path of ['/v1/identities', `/v1/identities?q=${identity.externalId}`, `/v1/identities/${identity.id}`, `/v1/identities/${newId('idt')}`]) {
      const response = await plain.client.get(path);
      expectProblem(response, 403, 'FORBIDDEN');
      expect(response.text).not.toContain('secret-plan');
    }
    // A management key holding keys.* but not identities.read fares the same.
    const keys = await managementKey(server, admin, ['keys.read', 'keys.write']);
    expectProblem(await keys.client.get(`/v1/identities/${identity.id}`), 403, 'FORBIDDEN');
  });

  it('without identities.write a member cannot give a new key an identity, and learns nothing of which exist', async () => {
    const answers = [];
    for (const ref of [{ identityId: identity.id }, { identityId: newId('idt') }, { externalId: identity.externalId }, { externalId: 'no-such-customer' }]) {
      const response = await unchanged(() => plain.client.post('/v1/keys', { projectId, groupIds: [plain.groupId], ...ref }));
      expectProblem(response, 403, 'FORBIDDEN');
      answers.push(response.body);
    }
    // The same words whether the identity exists or not.
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it('without identities.write a member cannot attach, change or remove the identity of her own key', async () => {
    const bare = await keyFor(plain);
    const attached = await keyFor(plain, { identityId: identity.id });
    const attempts: [string, Record<string, unknown>][] = [
      [bare.id, { identityId: identity.id }],
      [bare.id, { identityId: newId('idt') }],
      [bare.id, { externalId: identity.externalId }],
      [bare.id, { externalId: 'no-such-customer' }],
      [attached.id, { identityId: other.id }],
      [attached.id, { externalId: other.externalId }],
      [attached.id, { identityId: null }],
    ];
    const answers = [];
    for (const [keyId, change] of attempts) {
      const response = await unchanged(() => plain.client.patch(`/v1/keys/${keyId}`, change));
      expectProblem(response, 403, 'FORBIDDEN');
      answers.push(response.body);
    }
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect((await plain.client.get(`/v1/keys/${attached.id}`)).body.identity).toEqual({ id: identity.id, externalId: identity.externalId });
    expect((await plain.client.get(`/v1/keys/${bare.id}`)).body.identity).toBeNull();
    // Other edits of the key stay hers to make.
    expect((await plain.client.patch(`/v1/keys/${attached.id}`, { name: 'renamed' })).status).toBe(200);
  });

  it('with identities.write a member attaches, changes and removes the identity of a key that carries only what she holds', async () => {
    const created = await manager.client.post('/v1/keys', { projectId, groupIds: [manager.groupId], externalId: identity.externalId });
    expect(created.status, created.text).toBe(201);
    expect(created.body.key.identity).toEqual({ id: identity.id, externalId: identity.externalId });
    const keyId = created.body.key.id;
    expect((await manager.client.patch(`/v1/keys/${keyId}`, { identityId: other.id })).body.identity).toEqual({ id: other.id, externalId: other.externalId });
    expect((await manager.client.patch(`/v1/keys/${keyId}`, { identityId: null })).body.identity).toBeNull();
    // And she may be told an identity does not exist.
    expectProblem(await manager.client.patch(`/v1/keys/${keyId}`, { externalId: 'no-such-customer' }), 422, 'IDENTITY_NOT_FOUND', '/externalId');
  });

  it('with identities.write a member still cannot change the identity of a key carrying more than she holds', async () => {
    const powerful = (await admin.post('/v1/groups', { name: uniqueName('powerful'), permissions: ['orders.read', 'orders.refund'] })).body;
    const bare = await keyFor(manager, { groupIds: [powerful.id] });
    const attached = await keyFor(manager, { groupIds: [powerful.id], identityId: identity.id });
    for (const [keyId, change] of [[bare.id, { identityId: identity.id }], [attached.id, { identityId: other.id }], [attached.id, { identityId: null }]] as const) {
      const response = await unchanged(() => manager.client.patch(`/v1/keys/${keyId}`, change));
      expectProblem(response, 403, 'FORBIDDEN');
      expect(response.body.detail).toMatch(/identity/);
    }
  });

  it('a member cannot widen the named limits of a key carrying more than she holds; narrowing is hers', async () => {
    const powerful = (await admin.post('/v1/groups', { name: uniqueName('powerful'), permissions: ['orders.read', 'orders.refund'] })).body;
    const limits = [limit('requests', 10), limit('tokens', 1000, 3_600_000, false)];
    const key = await keyFor(plain, { groupIds: [powerful.id], ratelimits: limits });
    const widenings: Record<string, unknown>[] = [
      { ratelimits: [limit('requests', 11), limits[1]] },
      { ratelimits: [limit('requests', 10, 59_000), limits[1]] },
      { ratelimits: [limit('requests', 10, 60_000, false), limits[1]] },
      { ratelimits: [limits[0]] },
      { ratelimits: [limit('renamed', 10), limits[1]] },
      { ratelimits: [] },
      // A new duration starts the window's count afresh: a longer one would hand out a fresh window.
      { ratelimits: [limit('requests', 10, 61_000), limits[1]] },
    ];
    for (const change of widenings) {
      const response = await unchanged(() => plain.client.patch(`/v1/keys/${key.id}`, change));
      expectProblem(response, 403, 'FORBIDDEN');
      expect(response.body.detail, JSON.stringify(change)).toMatch(/ratelimits/);
    }
    // The old single ratelimit is the limit named default: removing or raising it widens too.
    const legacy = await keyFor(plain, { groupIds: [powerful.id], ratelimit: { limit: 5, windowMs: 60_000 } });
    for (const change of [{ ratelimit: null }, { ratelimit: { limit: 6, windowMs: 60_000 } }, { ratelimits: [] }]) {
      expectProblem(await unchanged(() => plain.client.patch(`/v1/keys/${legacy.id}`, change)), 403, 'FORBIDDEN');
    }
    const narrowed = [limit('requests', 5), limit('tokens', 500, 3_600_000, true), limit('burst', 2, 1000)];
    const edited = await plain.client.patch(`/v1/keys/${key.id}`, { ratelimits: narrowed });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.ratelimits).toEqual(narrowed);
    expect((await plain.client.patch(`/v1/keys/${legacy.id}`, { ratelimit: { limit: 4, windowMs: 60_000 } })).body.ratelimit).toEqual({ limit: 4, windowMs: 60_000 });
  });

  it('the keys list filters by identity only among the keys the member may see', async () => {
    const adminKey = (await admin.post('/v1/keys', { projectId, identityId: other.id })).body.key;
    const hers = await keyFor(plain, { identityId: other.id });
    for (const query of [`identityId=${other.id}`, `externalId=${encodeURIComponent(other.externalId)}`]) {
      const mine = await plain.client.get(`/v1/keys?${query}`);
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((key: { id: string }) => key.id)).toEqual([hers.id]);
      expect(mine.body.total).toBe(1);
      const all = (await admin.get(`/v1/keys?${query}`)).body.items.map((key: { id: string }) => key.id);
      expect(all).toEqual(expect.arrayContaining([hers.id, adminKey.id]));
    }
  });
});
