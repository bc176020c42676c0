import { describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids.ts';
import { createKeyWith, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { expectStablePaging } from '../../../test/support/paging.ts';
import { managementKey, MEMBER_PASSWORD, signInMember, uniqueName } from '../../../test/support/people.ts';
import { expectProblem, ISO_UTC } from '../../../test/support/problems.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

type AuditEvent = {
  id: string;
  at: string;
  actor: { type: string; id: string | null; name: string };
  action: string;
  target: { type: string; id: string | null };
  detail: Record<string, unknown>;
};

describe('GET /v1/audit', () => {
  let server: TestServer;
  let admin: ApiClient;
  let adminId: string;

  withServerAndAdmin((started) => {
    ({ server, admin } = started);
    const { session } = started;
    adminId = session.userId;
  });

  const events = async (query: string) => {
    const response = await admin.get(`/v1/audit?limit=100${query ? `&${query}` : ''}`);
    expect(response.status, response.text).toBe(200);
    return response.body as { items: AuditEvent[]; nextCursor: string | null; total: number };
  };

  it('lists events with id, at, actor, action, target and detail, newest first', async () => {
    const project = await admin.post('/v1/projects', { name: 'Audited', keyPrefix: 'aud' });
    const page = await events('');
    expect(page.total).toBe(page.items.length);
    for (const event of page.items) {
      expect(Object.keys(event).sort()).toEqual(['action', 'actor', 'at', 'detail', 'id', 'target']);
      expect(event.id).toMatch(/^evt_[0-9a-z]{22}$/);
      expect(event.at).toMatch(ISO_UTC);
      expect(event.action).toMatch(/^[a-z]+\.[a-z]+$/);
    }
    const ats = page.items.map((event) => event.at);
    expect(ats).toEqual([...ats].sort().reverse());
    const created = page.items.find((event) => event.target.id === project.body.id);
    expect(created).toMatchObject({
      action: 'project.created',
      actor: { type: 'user', id: adminId, name: 'admin' },
      target: { type: 'project', id: project.body.id },
      detail: { after: { name: 'Audited', keyPrefix: 'aud' } },
    });
    // The first admin was made by the system, not by a person.
    const bootstrap = page.items.find((event) => event.action === 'user.created' && event.target.id === adminId);
    expect(bootstrap?.actor).toMatchObject({ type: 'system', id: null });
  });

  it('filters by actorId: only what that person did (also through their management keys)', async () => {
    const member = await signInMember(server, admin, ['projects.write', 'keys.write']);
    const own = await member.client.post('/v1/projects', { name: 'Member project' });
    expect(own.status).toBe(201);
    const viaKey = await createKeyWith(member.client);
    await admin.post('/v1/projects', { name: 'Admin project' });

    const mine = await events(`actorId=${member.userId}`);
    expect(mine.total).toBeGreaterThanOrEqual(3);
    expect(mine.items.every((event) => event.actor.id === member.userId)).toBe(true);
    const actions = mine.items.map((event) => event.action);
    expect(actions).toContain('project.created');
    expect(actions).toContain('key.created');
    expect(actions).toContain('session.created');
    expect(mine.items.some((event) => event.target.id === viaKey.keyId)).toBe(true);

    // A key acts for its owner: the event is filed under the owner, naming the key.
    const key = await managementKey(server, admin, ['projects.write']);
    const byKey = await key.client.post('/v1/projects', { name: 'Made by a key' });
    expect(byKey.status).toBe(201);
    const adminEvents = await events(`actorId=${adminId}&action=project.created`);
    const event = adminEvents.items.find((item) => item.target.id === byKey.body.id);
    expect(event?.actor).toMatchObject({ type: 'key', id: adminId });
    expect(event?.actor.name).toContain(key.keyId);
    expect(adminEvents.items.every((item) => item.actor.id === adminId)).toBe(true);
  });

  it('filters by keyId: every change to that key and nothing else', async () => {
    const { keyId } = await createKeyWith(admin);
    const other = await createKeyWith(admin);
    await admin.patch(`/v1/keys/${keyId}`, { name: 'renamed' });
    await admin.patch(`/v1/keys/${keyId}`, { enabled: false });
    await admin.post(`/v1/keys/${keyId}/regenerate`, {});
    await admin.patch(`/v1/keys/${other.keyId}`, { name: 'other' });

    const page = await events(`keyId=${keyId}`);
    expect(page.total).toBe(4);
    expect(page.items.every((event) => event.target.id === keyId && event.target.type === 'key')).toBe(true);
    expect(page.items.map((event) => event.action).sort()).toEqual(['key.created', 'key.disabled', 'key.regenerated', 'key.updated']);
  });

  it('filters by action, and combines filters', async () => {
    const group = await admin.post('/v1/groups', { name: uniqueName('audit-grp'), permissions: [] });
    const member = await signInMember(server, admin, ['groups.write']);
    await member.client.post('/v1/groups', { name: uniqueName('member-grp'), permissions: [] });

    const created = await events('action=group.created');
    expect(created.total).toBeGreaterThanOrEqual(3);
    expect(created.items.every((event) => event.action === 'group.created' && event.target.type === 'group')).toBe(true);
    expect(created.items.some((event) => event.target.id === group.body.id)).toBe(true);

    const both = await events(`action=group.created&actorId=${member.userId}`);
    expect(both.total).toBe(1);
    expect(both.items[0]).toMatchObject({ action: 'group.created', actor: { id: member.userId } });

    expect(await events('action=nothing.happened')).toEqual({ items: [], nextCursor: null, total: 0 });
    expect(await events(`actorId=${newId('usr')}`)).toEqual({ items: [], nextCursor: null, total: 0 });
    expect(await events(`keyId=${newId('key')}`)).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it('pages with limit and cursor, stable when events are recorded between pages', async () => {
    for (let i = 0; i < 5; i++) await admin.post('/v1/projects', { name: `Paged ${i}` });
    await expectStablePaging({ server, client: admin, path: '/v1/audit', limit: 4, insert: () => admin.post('/v1/projects', { name: 'Late' }) });
  });

  it('pages a filtered list with cursors that keep the filter', async () => {
    for (let i = 0; i < 5; i++) await admin.post('/v1/groups', { name: uniqueName('paged'), permissions: [] });
    const seen = await expectStablePaging({
      server,
      client: admin,
      path: '/v1/audit?action=group.created',
      limit: 2,
      insert: () => admin.post('/v1/groups', { name: uniqueName('late'), permissions: [] }),
    });
    expect(seen.length).toBeGreaterThanOrEqual(5);
  });

  it('never records a secret: no token, key hash or password in any event', async () => {
    const username = uniqueName('secretive');
    const user = await admin.post('/v1/users', { username, password: MEMBER_PASSWORD, role: 'member' });
    await admin.patch(`/v1/users/${user.body.id}`, { password: 'another-long-password' });
    const { keyId, token } = await createKeyWith(admin, { permissions: ['x.read'] });
    const regenerated = await admin.post(`/v1/keys/${keyId}/regenerate`, { graceSeconds: 60 });
    await signIn(server, username, 'another-long-password');
    const all = JSON.stringify((await admin.get('/v1/audit?limit=100')).body);
    for (const secret of [MEMBER_PASSWORD, 'another-long-password', token, regenerated.body.token]) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toMatch(/scrypt\$|password_hash|csrf/i);
  });

  it.each([
    ['actorId of another kind', `actorId=${newId('prj')}`, '/actorId'],
    ['a malformed actorId', 'actorId=usr_x', '/actorId'],
    ['a malformed keyId', 'keyId=key_%27%20OR%201%3D1', '/keyId'],
    ['an action that is not resource.verb', 'action=DROP%20TABLE', '/action'],
    ['limit=0', 'limit=0', '/limit'],
    ['limit=101', 'limit=101', '/limit'],
    ['limit=abc', 'limit=abc', '/limit'],
    ['a cursor this server did not hand out', 'cursor=bm90LWEtY3Vyc29y', '/cursor'],
    ['an unknown parameter', 'actor=admin', '/actor'],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_label, query, path) => {
    expectProblem(await admin.get(`/v1/audit?${query}`), 400, 'VALIDATION_FAILED', path);
  });

  it('needs audit.read (403 FORBIDDEN without it, 200 with it)', async () => {
    const { client: without } = await signInMember(server, admin, ['projects.read', 'users.read', 'keys.read']);
    expectProblem(await without.get('/v1/audit'), 403, 'FORBIDDEN');
    const { client: auditor } = await signInMember(server, admin, ['audit.read']);
    const page = await auditor.get('/v1/audit?limit=5');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(5);
  });
});
