import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient } from '../../../test/support/api-client.ts';
import { expectStablePaging } from '../../../test/support/paging.ts';
import { signInMember } from '../../../test/support/people.ts';
import { ISO_UTC } from '../../../test/support/problems.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin, type ServerWithAdmin } from '../../../test/support/server-with-admin.ts';

const URL_A = 'https://hooks.example.com/keyward';

describe('webhooks routes: the happy paths', () => {
  let server: TestServer;
  let admin: ApiClient;
  let adminId: string;
  let projectId: string;

  let session: ServerWithAdmin['session'];
  withServerAndAdmin((started) => ({ server, admin, session } = started));
  beforeAll(async () => {
    adminId = session.userId;
    projectId = (await admin.post('/v1/projects', { name: 'Hooked' })).body.id;
  });

  it('POST creates a webhook for every project and every event by default, and shows its secret this once', async () => {
    const response = await admin.post('/v1/webhooks', { url: URL_A });
    expect(response.status, response.text).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const { webhook } = response.body;
    expect(webhook).toEqual({
      id: expect.stringMatching(/^whk_[0-9a-z]{22}$/),
      url: URL_A,
      projectId: null,
      events: ['key.created', 'key.updated', 'key.expiring', 'key.expired', 'key.disabled', 'key.deleted', 'key.leaked', 'identity.created', 'identity.updated', 'identity.deleted'],
      enabled: true,
      description: '',
      createdAt: expect.stringMatching(ISO_UTC),
      updatedAt: webhook.createdAt,
      createdBy: { id: adminId, username: 'admin' },
    });
    const got = await admin.get(`/v1/webhooks/${webhook.id}`);
    expect(got.body).toEqual(webhook);
    expect(got.text).not.toContain(response.body.secret);
  });

  it('POST takes a project, chosen events, a description and enabled:false', async () => {
    const response = await admin.post('/v1/webhooks', { url: 'http://127.0.0.1:9/hook', projectId, events: ['key.expiring', 'key.expired'], description: 'Expiry pager', enabled: false });
    expect(response.status, response.text).toBe(201);
    expect(response.body.webhook).toMatchObject({ projectId, events: ['key.expiring', 'key.expired'], description: 'Expiry pager', enabled: false });
  });

  it('PATCH edits any setting; projectId null makes it global again', async () => {
    const { webhook } = (await admin.post('/v1/webhooks', { url: URL_A, projectId })).body;
    server.advance(1000);
    const edited = await admin.patch(`/v1/webhooks/${webhook.id}`, { url: 'https://other.example.com/in', events: ['key.leaked'], description: 'Leaks', enabled: false, projectId: null });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ id: webhook.id, url: 'https://other.example.com/in', events: ['key.leaked'], description: 'Leaks', enabled: false, projectId: null, createdAt: webhook.createdAt });
    expect(edited.body.updatedAt > webhook.updatedAt).toBe(true);
    expect((await admin.get(`/v1/webhooks/${webhook.id}`)).body).toEqual(edited.body);
    const unchanged = await admin.patch(`/v1/webhooks/${webhook.id}`, {});
    expect(unchanged.body).toMatchObject({ url: 'https://other.example.com/in', events: ['key.leaked'] });
  });

  it('rotate-secret answers a new secret once; DELETE removes the webhook', async () => {
    const created = (await admin.post('/v1/webhooks', { url: URL_A })).body;
    const rotated = await admin.post(`/v1/webhooks/${created.webhook.id}/rotate-secret`);
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    expect(rotated.body.webhook.id).toBe(created.webhook.id);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.secret);
    const deleted = await admin.delete(`/v1/webhooks/${created.webhook.id}`);
    expect(deleted.status).toBe(204);
    expect((await admin.get(`/v1/webhooks/${created.webhook.id}`)).status).toBe(404);
    expect((await admin.get(`/v1/webhooks/${created.webhook.id}/deliveries`)).status).toBe(404);
  });

  it('every change is audited, and no audit entry holds a secret', async () => {
    const created = (await admin.post('/v1/webhooks', { url: URL_A, description: 'audited' })).body;
    const id = created.webhook.id;
    await admin.patch(`/v1/webhooks/${id}`, { description: 'audited twice' });
    const rotated = (await admin.post(`/v1/webhooks/${id}/rotate-secret`)).body;
    await admin.delete(`/v1/webhooks/${id}`);
    const audit = await admin.get('/v1/audit?limit=100');
    const mine = (audit.body.items as any[]).filter((event) => event.target.id === id);
    expect(mine.map((event) => event.action).reverse()).toEqual(['webhook.created', 'webhook.updated', 'webhook.rotated', 'webhook.deleted']);
    expect(mine.every((event) => event.target.type === 'webhook')).toBe(true);
    expect(mine.find((event) => event.action === 'webhook.updated').detail).toMatchObject({ before: { description: 'audited' }, after: { description: 'audited twice' } });
    expect(audit.text).not.toContain(created.secret);
    expect(audit.text).not.toContain(rotated.secret);
    expect((await admin.get('/v1/audit?action=webhook.rotated')).body.total).toBeGreaterThanOrEqual(1);
  });

  it('GET lists newest first, pages stably, filters by project (with the global ones), and never shows a secret', async () => {
    const secrets: string[] = [];
    for (let i = 0; i < 7; i++) secrets.push((await admin.post('/v1/webhooks', { url: `${URL_A}/${i}` })).body.secret);
    const list = await admin.get('/v1/webhooks?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(list.body.items.length);
    const ids = (list.body.items as { id: string }[]).map((item) => item.id);
    expect(ids).toEqual([...ids].sort().reverse());
    for (const secret of secrets) expect(list.text).not.toContain(secret);
    await expectStablePaging({ server, client: admin, path: '/v1/webhooks', limit: 3, insert: () => admin.post('/v1/webhooks', { url: URL_A }) });

    const other = (await admin.post('/v1/projects', { name: 'Unhooked' })).body.id;
    const scoped = (await admin.post('/v1/webhooks', { url: URL_A, projectId: other })).body.webhook.id;
    const filtered = await admin.get(`/v1/webhooks?projectId=${other}&limit=100`);
    const projects = new Set((filtered.body.items as { projectId: string | null }[]).map((item) => item.projectId));
    expect([...projects].sort()).toEqual([null, other].sort());
    expect((filtered.body.items as { id: string }[]).map((item) => item.id)).toContain(scoped);
    expect(filtered.body.total).toBe(filtered.body.items.length);
  });

  it('GET deliveries pages newest first', async () => {
    const { webhook } = (await admin.post('/v1/webhooks', { url: 'http://127.0.0.1:9/never' })).body;
    for (let i = 0; i < 5; i++) expect((await admin.post(`/v1/webhooks/${webhook.id}/test`)).status).toBe(202);
    const first = await admin.get(`/v1/webhooks/${webhook.id}/deliveries?limit=2`);
    expect(first.body).toMatchObject({ total: 5, nextCursor: expect.any(String) });
    const rest = await admin.get(`/v1/webhooks/${webhook.id}/deliveries?limit=10&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.items, ...rest.body.items].map((item: any) => item.id);
    expect(ids).toHaveLength(5);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(rest.body.nextCursor).toBeNull();
  });

  it('a member holding webhooks.read lists and reads them; webhooks.write lets her create one', async () => {
    const reader = await signInMember(server, admin, ['webhooks.read']);
    const list = await reader.client.get('/v1/webhooks');
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(0);
    const writer = await signInMember(server, admin, ['webhooks.write']);
    const created = await writer.client.post('/v1/webhooks', { url: URL_A });
    expect(created.status, created.text).toBe(201);
    expect(created.body.webhook.createdBy).toEqual({ id: writer.userId, username: writer.username });
  });
});
