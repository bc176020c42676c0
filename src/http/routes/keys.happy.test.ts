import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient } from '../../../test/support/api-client.ts';
import { ADMIN, type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin, type ServerWithAdmin } from '../../../test/support/server-with-admin.ts';

// The fields the contract lists for a key, and the one extra this server adds.
const CONTRACT_KEY_FIELDS = [
  'id', 'projectId', 'name', 'description', 'start', 'end', 'status', 'enabled', 'createdAt', 'createdBy', 'owner',
  'groups', 'permissions', 'expiresAt', 'lastUsedAt', 'ipAllowlist', 'meta', 'ratelimit', 'remaining', 'refill',
];
// updatedAt, and the named limits and identity of issue #18 (the contract's identities section).
const DOCUMENTED_EXTRA_FIELDS = ['updatedAt', 'ratelimits', 'identity'];

describe('keys: happy paths over real HTTP', () => {
  let server: TestServer;
  let admin: ApiClient;
  let adminId: string;
  let alice: { id: string; username: string };

  async function project(keyPrefix = 'tk'): Promise<string> {
    const response = await admin.post('/v1/projects', { name: `Project ${Math.random().toString(36).slice(2, 8)}`, keyPrefix });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function group(permissions: string[]): Promise<{ id: string; name: string }> {
    const response = await admin.post('/v1/groups', { name: `group-${Math.random().toString(36).slice(2, 10)}`, permissions });
    expect(response.status).toBe(201);
    return { id: response.body.id, name: response.body.name };
  }

  async function create(body: Record<string, unknown>) {
    const response = await admin.post('/v1/keys', body);
    expect(response.status, response.text).toBe(201);
    return response.body as { key: any; token: string };
  }

  let session: ServerWithAdmin['session'];
  withServerAndAdmin((started) => ({ server, admin, session } = started));
  beforeAll(async () => {
    adminId = session.userId;
    const user = await admin.post('/v1/users', { username: 'alice', role: 'member' });
    expect(user.status).toBe(201);
    alice = { id: user.body.id, username: 'alice' };
  });

  describe('POST /v1/keys', () => {
    it('answers 201 {key, token} with exactly the contract fields, start/end taken from the token', async () => {
      const projectId = await project('fb');
      const readers = await group(['feedback.read', 'feedback.write']);
      const response = await admin.post('/v1/keys', { projectId, name: 'ingest', groupIds: [readers.id] });

      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(Object.keys(response.body).sort()).toEqual(['key', 'token']);
      const { key, token } = response.body;
      expect(token).toMatch(/^fb_[0-9A-Za-z]{30}$/);
      expect(Object.keys(key).sort()).toEqual([...CONTRACT_KEY_FIELDS, ...DOCUMENTED_EXTRA_FIELDS].sort());
      expect(key.id).toMatch(/^key_[0-9a-z]{22}$/);
      expect(key.start).toBe(token.slice(0, 'fb_'.length + 4));
      expect(key.end).toBe(token.slice(-4));
      expect(key).toMatchObject({
        projectId,
        name: 'ingest',
        description: '',
        status: 'active',
        enabled: true,
        createdBy: { id: adminId, username: ADMIN.username },
        owner: null,
        groups: [readers],
        permissions: ['feedback.read', 'feedback.write'],
        expiresAt: null,
        lastUsedAt: null,
        ipAllowlist: [],
        meta: {},
        ratelimit: null,
        remaining: null,
        refill: null,
      });
      expect(new Date(key.createdAt).toISOString()).toBe(key.createdAt);
    });

    it('issues a different token each time, each with its own start and end', async () => {
      const projectId = await project();
      const first = await create({ projectId });
      const second = await create({ projectId });
      expect(first.token).not.toBe(second.token);
      expect(first.key.id).not.toBe(second.key.id);
      expect(second.key.start).toBe(second.token.slice(0, 7));
      expect(second.key.end).toBe(second.token.slice(-4));
    });

    it('sets the owner by username or by ownerId', async () => {
      const projectId = await project();
      const byName = await create({ projectId, owner: 'alice' });
      expect(byName.key.owner).toEqual(alice);
      const byId = await create({ projectId, ownerId: alice.id });
      expect(byId.key.owner).toEqual(alice);
      expect(byId.key.createdBy).toEqual({ id: adminId, username: ADMIN.username });
    });

    it('stores and returns every setting given at creation', async () => {
      const projectId = await project();
      const expiresAt = new Date(server.now() + 86_400_000).toISOString();
      const settings = {
        projectId,
        name: 'nightly export',
        description: 'used by the export job',
        expiresAt,
        ipAllowlist: ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7'],
        enabled: false,
        meta: { plan: 'pro', tenant: { id: 42 } },
        ratelimit: { limit: 100, windowMs: 60_000 },
        remaining: 1000,
        refill: { amount: 1000, interval: 'monthly' },
      };
      const { key } = await create(settings);
      const expected = { ...settings, status: 'inactive' };
      expect(key).toMatchObject(expected);
      const fetched = await admin.get(`/v1/keys/${key.id}`);
      expect(fetched.body).toMatchObject(expected);
    });

    it('normalises expiresAt to UTC milliseconds', async () => {
      const projectId = await project();
      const { key } = await create({ projectId, expiresAt: '2999-01-02T03:04:05+02:00' });
      expect(key.expiresAt).toBe('2999-01-02T01:04:05.000Z');
    });
  });

  describe('GET /v1/keys/{id}', () => {
    it('returns the key as it was created, without the token', async () => {
      const projectId = await project();
      const created = await create({ projectId, name: 'reader', owner: 'alice', meta: { a: 1 } });
      const response = await admin.get(`/v1/keys/${created.key.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(created.key);
      expect(response.text).not.toContain(created.token);
    });
  });

  describe('GET /v1/keys', () => {
    let projectA: string;
    let projectB: string;
    const keys = {} as Record<'billing' | 'nightly' | 'old' | 'other', { key: any; token: string }>;

    beforeAll(async () => {
      projectA = await project('alpha');
      projectB = await project('beta');
      keys.billing = await create({ projectId: projectA, name: 'Billing worker', owner: 'alice' });
      keys.nightly = await create({ projectId: projectA, name: 'exporter', description: 'Runs the NIGHTLY export', enabled: false });
      keys.old = await create({ projectId: projectA, name: 'old one' });
      // Expired: its date passes while the server runs (the server's own clock decides).
      const patched = await admin.patch(`/v1/keys/${keys.old.key.id}`, { expiresAt: new Date(server.now() + 1000).toISOString() });
      expect(patched.body.status).toBe('active');
      server.advance(2000);
      keys.other = await create({ projectId: projectB, name: 'Billing in beta', ownerId: alice.id });
    });

    const ids = (page: any) => page.items.map((key: any) => key.id);

    it('filters by projectId, newest first, with total', async () => {
      const response = await admin.get(`/v1/keys?projectId=${projectA}`);
      expect(response.status).toBe(200);
      expect(ids(response.body)).toEqual([keys.old.key.id, keys.nightly.key.id, keys.billing.key.id]);
      expect(response.body.total).toBe(3);
      expect(response.body.nextCursor).toBeNull();
      expect(response.text).not.toContain(keys.old.token);
    });

    it('filters by ownerId and by owner username', async () => {
      const byId = await admin.get(`/v1/keys?ownerId=${alice.id}&limit=100`);
      expect(byId.status).toBe(200);
      expect(ids(byId.body)).toEqual(expect.arrayContaining([keys.billing.key.id, keys.other.key.id]));
      expect(ids(byId.body)).not.toContain(keys.nightly.key.id);
      expect(byId.body.items.every((key: any) => key.owner?.id === alice.id)).toBe(true);
      expect(byId.body.total).toBe(byId.body.items.length);
      const byName = await admin.get('/v1/keys?owner=alice&limit=100');
      expect(ids(byName.body)).toEqual(ids(byId.body));
      expect(byName.body.total).toBe(byId.body.total);
      const both = await admin.get(`/v1/keys?owner=alice&projectId=${projectB}`);
      expect(ids(both.body)).toEqual([keys.other.key.id]);
      const inA = await admin.get(`/v1/keys?ownerId=${alice.id}&projectId=${projectA}`);
      expect(ids(inA.body)).toEqual([keys.billing.key.id]);
      const nobody = await admin.get('/v1/keys?owner=nobody-by-that-name');
      expect(nobody.body).toEqual({ items: [], nextCursor: null, total: 0 });
    });

    it('filters by status active, inactive and expired', async () => {
      const active = await admin.get(`/v1/keys?projectId=${projectA}&status=active`);
      expect(ids(active.body)).toEqual([keys.billing.key.id]);
      expect(active.body.items[0].status).toBe('active');
      const inactive = await admin.get(`/v1/keys?projectId=${projectA}&status=inactive`);
      expect(ids(inactive.body)).toEqual([keys.nightly.key.id]);
      expect(inactive.body.items[0].status).toBe('inactive');
      const expired = await admin.get(`/v1/keys?projectId=${projectA}&status=expired`);
      expect(ids(expired.body)).toEqual([keys.old.key.id]);
      expect(expired.body.items[0].status).toBe('expired');
      expect(expired.body.total).toBe(1);
    });

    it('shows a key that is both disabled and expired as expired (it cannot be switched back on)', async () => {
      const projectId = await project();
      const { key } = await create({ projectId, enabled: false, expiresAt: new Date(server.now() + 500).toISOString() });
      expect(key.status).toBe('inactive');
      server.advance(1000);
      expect((await admin.get(`/v1/keys/${key.id}`)).body.status).toBe('expired');
      expect(ids((await admin.get(`/v1/keys?projectId=${projectId}&status=expired`)).body)).toEqual([key.id]);
      expect((await admin.get(`/v1/keys?projectId=${projectId}&status=inactive`)).body.total).toBe(0);
    });

    it('searches name, description and key start with q (case-insensitive)', async () => {
      const byName = await admin.get(`/v1/keys?projectId=${projectA}&q=billing`);
      expect(ids(byName.body)).toEqual([keys.billing.key.id]);
      const byDescription = await admin.get(`/v1/keys?projectId=${projectA}&q=nightly`);
      expect(ids(byDescription.body)).toEqual([keys.nightly.key.id]);
      const byStart = await admin.get(`/v1/keys?q=${encodeURIComponent(keys.old.key.start)}`);
      expect(ids(byStart.body)).toContain(keys.old.key.id);
      expect(byStart.body.items.every((key: any) => key.start.toLowerCase() === keys.old.key.start.toLowerCase())).toBe(true);
      const acrossProjects = await admin.get('/v1/keys?q=BILLING');
      expect(ids(acrossProjects.body).sort()).toEqual([keys.billing.key.id, keys.other.key.id].sort());
      expect(acrossProjects.body.total).toBe(2);
    });

    it('treats LIKE wildcards in q as text', async () => {
      const projectId = await project();
      const percent = await create({ projectId, name: 'discount 50% off' });
      await create({ projectId, name: 'discount 500 off' });
      const response = await admin.get(`/v1/keys?projectId=${projectId}&q=${encodeURIComponent('50%')}`);
      expect(ids(response.body)).toEqual([percent.key.id]);
    });

    it('pages with a cursor that stays stable when keys are added between pages', async () => {
      const projectId = await project();
      const made: string[] = [];
      for (let i = 0; i < 5; i++) made.push((await create({ projectId, name: `page key ${i}` })).key.id);
      const newestFirst = [...made].reverse();

      const first = await admin.get(`/v1/keys?projectId=${projectId}&limit=2`);
      expect(ids(first.body)).toEqual(newestFirst.slice(0, 2));
      expect(first.body.total).toBe(5);
      expect(typeof first.body.nextCursor).toBe('string');

      server.advance(5);
      const added = [(await create({ projectId, name: 'late 1' })).key.id, (await create({ projectId, name: 'late 2' })).key.id];

      const second = await admin.get(`/v1/keys?projectId=${projectId}&limit=2&cursor=${first.body.nextCursor}`);
      expect(ids(second.body)).toEqual(newestFirst.slice(2, 4));
      expect(second.body.total).toBe(7);
      const third = await admin.get(`/v1/keys?projectId=${projectId}&limit=2&cursor=${second.body.nextCursor}`);
      expect(ids(third.body)).toEqual(newestFirst.slice(4));
      expect(third.body.nextCursor).toBeNull();

      const fresh = await admin.get(`/v1/keys?projectId=${projectId}&limit=100`);
      expect(ids(fresh.body)).toEqual([...added.reverse(), ...newestFirst]);
    });

    it('keeps paging from a cursor whose key was deleted meanwhile', async () => {
      const projectId = await project();
      const made: string[] = [];
      for (let i = 0; i < 4; i++) made.push((await create({ projectId })).key.id);
      const newestFirst = [...made].reverse();
      const first = await admin.get(`/v1/keys?projectId=${projectId}&limit=2`);
      expect(ids(first.body)).toEqual(newestFirst.slice(0, 2));
      expect((await admin.delete(`/v1/keys/${newestFirst[1]}`)).status).toBe(204);
      const second = await admin.get(`/v1/keys?projectId=${projectId}&limit=2&cursor=${first.body.nextCursor}`);
      expect(second.status).toBe(200);
      expect(ids(second.body)).toEqual(newestFirst.slice(2));
      expect(second.body.total).toBe(3);
    });

    it('defaults to 20 items a page', async () => {
      const projectId = await project();
      for (let i = 0; i < 21; i++) await create({ projectId });
      const response = await admin.get(`/v1/keys?projectId=${projectId}`);
      expect(response.body.items).toHaveLength(20);
      expect(response.body.total).toBe(21);
      expect(response.body.nextCursor).not.toBeNull();
    });
  });

});
