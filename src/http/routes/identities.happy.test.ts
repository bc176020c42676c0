import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../../../test/support/api-client.ts';
import { expectStablePaging } from '../../../test/support/paging.ts';
import { uniqueName } from '../../../test/support/people.ts';
import { ISO_UTC } from '../../../test/support/problems.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/support/webhook-receiver.ts';

const IDENTITY_FIELDS = ['createdAt', 'externalId', 'id', 'keyCount', 'meta', 'ratelimits', 'refill', 'remaining', 'updatedAt'];
const tokens = { name: 'tokens', limit: 1000, durationMs: 60_000, autoApply: false };
const requests = { name: 'requests', limit: 100, durationMs: 1000, autoApply: true };

describe('identities: create, read, list, search, edit and delete over real HTTP', () => {
  let server: TestServer;
  let admin: ApiClient;
  let projectId: string;
  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    projectId = (await admin.post('/v1/projects', { name: 'Customers', keyPrefix: 'cu' })).body.id;
  });

  async function createIdentity(body: Record<string, unknown> = {}) {
    const response = await admin.post('/v1/identities', { externalId: uniqueName('customer'), ...body });
    expect(response.status, response.text).toBe(201);
    return response.body;
  }

  async function createKey(body: Record<string, unknown>) {
    const response = await admin.post('/v1/keys', { projectId, ...body });
    expect(response.status, response.text).toBe(201);
    return response.body as { key: any; token: string };
  }

  it('POST answers 201 with the identity as the contract describes it, and GET shows the same', async () => {
    const externalId = uniqueName('acme');
    const created = await admin.post('/v1/identities', {
      externalId, meta: { plan: 'pro', seats: 12 }, ratelimits: [requests, tokens], remaining: 500, refill: { amount: 500, interval: 'monthly' },
    });
    expect(created.status, created.text).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(IDENTITY_FIELDS);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^idt_/), externalId, meta: { plan: 'pro', seats: 12 }, ratelimits: [requests, tokens],
      remaining: 500, refill: { amount: 500, interval: 'monthly' }, keyCount: 0,
    });
    expect(created.body.createdAt).toMatch(ISO_UTC);
    const read = await admin.get(`/v1/identities/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('fills the defaults: empty meta and limits, no quota; a limit without autoApply applies automatically', async () => {
    const identity = await createIdentity({ ratelimits: [{ name: 'requests', limit: 5, durationMs: 1000 }] });
    expect(identity).toMatchObject({ meta: {}, remaining: null, refill: null, keyCount: 0 });
    expect(identity.ratelimits).toEqual([{ name: 'requests', limit: 5, durationMs: 1000, autoApply: true }]);
    expect((await createIdentity()).ratelimits).toEqual([]);
  });

  it('keyCount counts the keys that point at it, by id or by externalId', async () => {
    const identity = await createIdentity();
    await createKey({ identityId: identity.id });
    await createKey({ externalId: identity.externalId });
    await createKey({});
    expect((await admin.get(`/v1/identities/${identity.id}`)).body.keyCount).toBe(2);
    const listed = await admin.get(`/v1/identities?q=${encodeURIComponent(identity.externalId)}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: identity.id, keyCount: 2 })]);
  });

  it('PATCH changes each field, keeps the others, and GET shows the same', async () => {
    const identity = await createIdentity({ meta: { plan: 'free' }, ratelimits: [requests] });
    const renamed = uniqueName('renamed');
    const changes: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ meta: { plan: 'pro' } }, { meta: { plan: 'pro' } }],
      [{ ratelimits: [tokens] }, { ratelimits: [tokens] }],
      [{ remaining: 10 }, { remaining: 10, refill: null }],
      [{ refill: { amount: 10, interval: 'daily' } }, { remaining: 10, refill: { amount: 10, interval: 'daily' } }],
      [{ externalId: renamed }, { externalId: renamed }],
      [{ refill: null }, { refill: null, remaining: 10 }],
      [{ remaining: null }, { remaining: null }],
      [{ ratelimits: [] }, { ratelimits: [] }],
    ];
    let previous = identity;
    for (const [change, expected] of changes) {
      server.advance(1000);
      const edited = await admin.patch(`/v1/identities/${identity.id}`, change);
      expect(edited.status, `${JSON.stringify(change)}: ${edited.text}`).toBe(200);
      expect(edited.body).toEqual({ ...previous, ...expected, updatedAt: expect.any(String) });
      expect(Date.parse(edited.body.updatedAt)).toBeGreaterThan(Date.parse(previous.updatedAt));
      expect((await admin.get(`/v1/identities/${identity.id}`)).body).toEqual(edited.body);
      previous = edited.body;
    }
    // The same externalId again is no conflict with itself.
    expect((await admin.patch(`/v1/identities/${identity.id}`, { externalId: renamed })).status).toBe(200);
  });

  it('a new externalId shows in the keys that point at it', async () => {
    const identity = await createIdentity();
    const { key } = await createKey({ identityId: identity.id });
    const renamed = uniqueName('moved');
    await admin.patch(`/v1/identities/${identity.id}`, { externalId: renamed });
    expect((await admin.get(`/v1/keys/${key.id}`)).body.identity).toEqual({ id: identity.id, externalId: renamed });
  });

  it('lists newest first with total, searches external ids case-insensitively, and pages stably', async () => {
    const stem = uniqueName('Searchable');
    const made = [];
    for (let i = 0; i < 7; i++) {
      server.advance(10);
      made.push(await createIdentity({ externalId: `${stem}-${i}` }));
    }
    const page = await admin.get(`/v1/identities?q=${encodeURIComponent(stem.toLowerCase())}`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(7);
    expect(page.body.items.map((item: { id: string }) => item.id)).toEqual(made.map((item) => item.id).reverse());
    expect(Object.keys(page.body.items[0]).sort()).toEqual(IDENTITY_FIELDS);
    expect((await admin.get(`/v1/identities?q=${encodeURIComponent(`${stem}-3`)}`)).body.items.map((item: { id: string }) => item.id)).toEqual([made[3].id]);
    // LIKE wildcards are searched for, not obeyed.
    expect((await admin.get('/v1/identities?q=%25')).body.total).toBe(0);
    expect((await admin.get('/v1/identities?q=_')).body.total).toBe(0);
    await expectStablePaging({ server, client: admin, path: `/v1/identities?q=${encodeURIComponent(stem)}`, limit: 2, insert: () => createIdentity({ externalId: `${stem}-late` }) });
  });

  it('DELETE answers 204 for an identity without keys; it is gone', async () => {
    const identity = await createIdentity();
    const deleted = await admin.delete(`/v1/identities/${identity.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await admin.get(`/v1/identities/${identity.id}`)).status).toBe(404);
    // Its externalId is free again.
    expect((await admin.post('/v1/identities', { externalId: identity.externalId })).status).toBe(201);
  });

  it('DELETE ?force=true deletes its keys too (they stop verifying at once), and no other key', async () => {
    const identity = await createIdentity();
    const anonymous = apiClient(server.url);
    const theirs = [await createKey({ identityId: identity.id }), await createKey({ externalId: identity.externalId })];
    const other = await createKey({});
    // Warm the verification cache: the deletion must reach it.
    for (const { token } of [...theirs, other]) expect((await anonymous.post('/v1/keys/verify', { key: token })).body.code).toBe('VALID');
    expect((await admin.delete(`/v1/identities/${identity.id}?force=true`)).status).toBe(204);
    for (const { key, token } of theirs) {
      expect((await admin.get(`/v1/keys/${key.id}`)).status).toBe(404);
      expect((await anonymous.post('/v1/keys/verify', { key: token })).body).toEqual({ valid: false, code: 'NOT_FOUND' });
    }
    expect((await anonymous.post('/v1/keys/verify', { key: other.token })).body.code).toBe('VALID');
    expect((await admin.get(`/v1/identities/${identity.id}`)).status).toBe(404);
  });

  it('records identity.created, identity.updated and identity.deleted in the audit log, and the keys a forced deletion took', async () => {
    const identity = await createIdentity({ meta: { plan: 'free' } });
    const { key } = await createKey({ identityId: identity.id });
    await admin.patch(`/v1/identities/${identity.id}`, { meta: { plan: 'pro' } });
    await admin.delete(`/v1/identities/${identity.id}?force=true`);
    const audit = async (action: string) => (await admin.get(`/v1/audit?action=${action}&limit=100`)).body.items as any[];
    expect((await audit('identity.created')).find((event) => event.target.id === identity.id)).toMatchObject({
      target: { type: 'identity', id: identity.id }, detail: { after: { externalId: identity.externalId, meta: { plan: 'free' } } },
    });
    expect((await audit('identity.updated')).find((event) => event.target.id === identity.id)).toMatchObject({
      detail: { before: { meta: { plan: 'free' } }, after: { meta: { plan: 'pro' } } },
    });
    expect((await audit('identity.deleted')).find((event) => event.target.id === identity.id)).toMatchObject({ detail: { keysDeleted: 1 } });
    expect((await audit('key.deleted')).find((event) => event.target.id === key.id)?.detail.reason).toContain(identity.id);
  });
});

describe('identity events reach every webhook subscribed to them, whatever its project', () => {
  let server: TestServer;
  let admin: ApiClient;
  let everything: WebhookReceiver;
  let projectOnly: WebhookReceiver;
  let keysOnly: WebhookReceiver;
  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    [everything, projectOnly, keysOnly] = await Promise.all([startWebhookReceiver(), startWebhookReceiver(), startWebhookReceiver()]);
    const projectId = (await admin.post('/v1/projects', { name: 'Hooked', keyPrefix: 'hk' })).body.id;
    for (const body of [
      { url: everything.url },
      { url: projectOnly.url, projectId, events: ['identity.created', 'identity.updated', 'identity.deleted'] },
      { url: keysOnly.url, events: ['key.created', 'key.deleted'] },
    ]) expect((await admin.post('/v1/webhooks', body)).status).toBe(201);
  });
  afterAll(async () => Promise.all([everything, projectOnly, keysOnly].map((receiver) => receiver?.close())));
  const drain = async (receiver: WebhookReceiver) => receiver.received.splice(0).map((request) => request.json);
  beforeEach(async () => {
    await server.app.webhooks.runOnce();
    for (const receiver of [everything, projectOnly, keysOnly]) await drain(receiver);
  });

  it('sends created, updated and deleted with the identity as the API returns it', async () => {
    const created = (await admin.post('/v1/identities', { externalId: uniqueName('hooked'), meta: { plan: 'pro' } })).body;
    const updated = (await admin.patch(`/v1/identities/${created.id}`, { meta: { plan: 'enterprise' } })).body;
    expect((await admin.delete(`/v1/identities/${created.id}`)).status).toBe(204);
    await server.app.webhooks.runOnce();
    for (const receiver of [everything, projectOnly]) {
      const events = await drain(receiver);
      expect(events.map((event) => event.type)).toEqual(['identity.created', 'identity.updated', 'identity.deleted']);
      expect(events[0].data.identity).toEqual(created);
      expect(events[1].data.identity).toEqual(updated);
      expect(events[2].data.identity).toMatchObject({ id: created.id, meta: { plan: 'enterprise' } });
    }
    expect(await drain(keysOnly)).toEqual([]);
  });
});
