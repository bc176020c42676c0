import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKeyWith, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { managementKey, uniqueName } from '../../../test/support/people.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/support/webhook-receiver.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

type Event = { type: string; keyId: string | undefined; path: string; body: any; raw: string };

describe('every key event comes from the action that causes it, once', () => {
  let server: TestServer;
  let admin: ApiClient;
  let receiver: WebhookReceiver;
  let projectId: string;

  /** Runs one round of the worker and answers what the receiver got since the last call. */
  async function drain(): Promise<Event[]> {
    await server.app.webhooks.runOnce();
    const events = receiver.received.splice(0).map((request) => ({ type: request.json.type, keyId: request.json.data.key?.id, path: request.path, body: request.json, raw: request.rawBody }));
    return events;
  }
  const summary = (events: Event[]) => events.map((event) => `${event.type} ${event.keyId}`).sort();

  beforeAll(async () => {
    server = await startTestServer();
    // A management key: sessions would end as the clock moves by days.
    admin = (await managementKey(server, (await signIn(server)).client, ['*'])).client;
    receiver = await startWebhookReceiver();
    projectId = (await admin.post('/v1/projects', { name: 'Evented', keyPrefix: 'ev' })).body.id;
    const webhook = await admin.post('/v1/webhooks', { url: receiver.url, description: 'every event, every project' });
    expect(webhook.status, webhook.text).toBe(201);
    expect(webhook.body.webhook.events).toEqual(['key.created', 'key.updated', 'key.expiring', 'key.expired', 'key.disabled', 'key.deleted', 'key.leaked', 'identity.created', 'identity.updated', 'identity.deleted']);
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });
  beforeEach(async () => {
    await drain();
  });

  it('key.created on create, with the key as the API returns it and never its token', async () => {
    const created = await admin.post('/v1/keys', { projectId, name: 'created' });
    const events = await drain();
    expect(summary(events)).toEqual([`key.created ${created.body.key.id}`]);
    expect(events[0]!.body.data.key).toEqual(created.body.key);
    expect(events[0]!.raw).not.toContain(created.body.token);
    expect(events[0]!.raw).not.toContain(createHash('sha256').update(created.body.token).digest('hex'));
  });

  it('key.updated on edit, re-enable and regenerate; key.disabled when enabled goes from true to false', async () => {
    const { key } = (await admin.post('/v1/keys', { projectId, name: 'edited' })).body;
    await drain();
    await admin.patch(`/v1/keys/${key.id}`, { description: 'now described' });
    expect(summary(await drain())).toEqual([`key.updated ${key.id}`]);
    await admin.patch(`/v1/keys/${key.id}`, { enabled: false });
    const disabled = await drain();
    expect(summary(disabled)).toEqual([`key.disabled ${key.id}`]);
    expect(disabled[0]!.body.data.key).toMatchObject({ enabled: false, status: 'inactive' });
    // Already disabled: an edit that sets enabled:false again is an update.
    await admin.patch(`/v1/keys/${key.id}`, { enabled: false, name: 'still off' });
    expect(summary(await drain())).toEqual([`key.updated ${key.id}`]);
    await admin.patch(`/v1/keys/${key.id}`, { enabled: true });
    expect(summary(await drain())).toEqual([`key.updated ${key.id}`]);
    const regenerated = await admin.post(`/v1/keys/${key.id}/regenerate`, {});
    const events = await drain();
    expect(summary(events)).toEqual([`key.updated ${key.id}`]);
    expect(events[0]!.body.data.key).toMatchObject({ start: regenerated.body.key.start, end: regenerated.body.key.end });
    expect(events[0]!.raw).not.toContain(regenerated.body.token);
  });

  it('key.deleted on delete and on forced deletion of a project or an owner, with the key as it was', async () => {
    const { key } = (await admin.post('/v1/keys', { projectId, name: 'doomed', meta: { team: 'a' } })).body;
    await drain();
    await admin.delete(`/v1/keys/${key.id}`);
    const events = await drain();
    expect(summary(events)).toEqual([`key.deleted ${key.id}`]);
    expect(events[0]!.body.data.key).toMatchObject({ id: key.id, name: 'doomed', meta: { team: 'a' } });

    const doomedProject = (await admin.post('/v1/projects', { name: 'Doomed', keyPrefix: 'dm' })).body.id;
    const a = (await admin.post('/v1/keys', { projectId: doomedProject })).body.key.id;
    const b = (await admin.post('/v1/keys', { projectId: doomedProject })).body.key.id;
    await drain();
    expect((await admin.delete(`/v1/projects/${doomedProject}?force=true`)).status).toBe(204);
    expect(summary(await drain())).toEqual([`key.deleted ${a}`, `key.deleted ${b}`].sort());

    const owner = (await admin.post('/v1/users', { username: uniqueName('owner'), role: 'member' })).body.id;
    const owned = (await admin.post('/v1/keys', { projectId, ownerId: owner })).body.key.id;
    await drain();
    expect((await admin.delete(`/v1/users/${owner}?force=true`)).status).toBe(204);
    const ownerEvents = await drain();
    expect(summary(ownerEvents)).toEqual([`key.deleted ${owned}`]);
    expect(ownerEvents[0]!.body.data.key.owner).toMatchObject({ id: owner });
  });

  it('key.created for each imported key', async () => {
    const hashes = [1, 2].map((n) => createHash('sha256').update(`imported-token-${n}-${Math.random()}`).digest('hex'));
    const imported = await admin.post('/v1/keys/import', { projectId, keys: hashes.map((value) => ({ hash: { algorithm: 'sha256', encoding: 'hex', value }, name: 'imported' })) });
    expect(imported.status, imported.text).toBe(201);
    const events = await drain();
    expect(summary(events)).toEqual(imported.body.keys.map((key: any) => `key.created ${key.id}`).sort());
    for (const hash of hashes) expect(events.map((event) => event.raw).join()).not.toContain(hash);
  });

  it('key.leaked when a token is reported, with the key now disabled and where it was found', async () => {
    const { key, token } = (await admin.post('/v1/keys', { projectId, name: 'leaky' })).body;
    await drain();
    const report = await admin.post('/v1/keys/leaked', { tokens: [token], source: 'public gist' });
    expect(report.status, report.text).toBe(200);
    const events = await drain();
    expect(summary(events)).toEqual([`key.leaked ${key.id}`]);
    expect(events[0]!.body.data).toMatchObject({ key: { id: key.id, enabled: false }, source: 'public gist' });
    expect(events[0]!.raw).not.toContain(token);
  });

  it('a project\'s webhook hears only that project; a webhook hears only the events it chose', async () => {
    const other = (await admin.post('/v1/projects', { name: 'Other', keyPrefix: 'ot' })).body.id;
    const scoped = await admin.post('/v1/webhooks', { url: `${receiver.url}?scoped`, projectId: other });
    const deletions = await admin.post('/v1/webhooks', { url: `${receiver.url}?deletions`, events: ['key.deleted'] });
    const inOther = (await admin.post('/v1/keys', { projectId: other })).body.key.id;
    const inMain = (await admin.post('/v1/keys', { projectId })).body.key.id;
    await admin.delete(`/v1/keys/${inMain}`);
    const events = await drain();
    const heard = (suffix: string) => summary(events.filter((event) => event.path.endsWith(suffix)));
    expect(heard('?scoped')).toEqual([`key.created ${inOther}`]);
    expect(heard('?deletions')).toEqual([`key.deleted ${inMain}`]);
    expect(heard('/keyward')).toEqual([`key.created ${inMain}`, `key.created ${inOther}`, `key.deleted ${inMain}`].sort());
    // One event reaches every webhook that wants it under the same id.
    const createdInOther = events.filter((event) => event.type === 'key.created' && event.keyId === inOther);
    expect(new Set(createdInOther.map((event) => event.body.id)).size).toBe(1);
    await admin.delete(`/v1/webhooks/${scoped.body.webhook.id}`);
    await admin.delete(`/v1/webhooks/${deletions.body.webhook.id}`);
  });

  it('key.expiring 7 days and 1 day ahead and key.expired, each exactly once, as the clock moves', async () => {
    const expiresAt = new Date(server.now() + 6 * DAY + 12 * HOUR).toISOString();
    const soon = new Date(server.now() + 12 * HOUR).toISOString();
    const key = (await admin.post('/v1/keys', { projectId, name: 'expiring', expiresAt })).body.key.id;
    const shortLived = (await admin.post('/v1/keys', { projectId, name: 'short', expiresAt: soon })).body.key.id;
    const later = (await admin.post('/v1/keys', { projectId, name: 'later', expiresAt: new Date(server.now() + 30 * DAY).toISOString() })).body.key.id;
    await drain(); // the key.created events and the first scan

    const expiring = async () => (await drain()).filter((event) => event.type === 'key.expiring' || event.type === 'key.expired');
    const notices = (events: Event[]) => events.map((event) => `${event.type} ${event.body.data.expiresIn ?? '-'} ${event.keyId}`).sort();

    // The first scan above already ran; scanning again finds nothing new.
    expect(await expiring()).toEqual([]);
    server.advance(HOUR);
    expect(await expiring()).toEqual([]);

    server.advance(5 * DAY); // the 6.5-day key is now 1.5 days out; the 12-hour key expired
    expect(notices(await expiring())).toEqual([`key.expired - ${shortLived}`]);
    server.advance(12 * HOUR); // 23 hours out
    const dayAhead = await expiring();
    expect(notices(dayAhead)).toEqual([`key.expiring 1d ${key}`]);
    expect(dayAhead[0]!.body.data.key).toMatchObject({ id: key, expiresAt, status: 'active' });
    expect(await expiring()).toEqual([]);
    server.advance(22 * HOUR); // an hour out: nothing new
    expect(await expiring()).toEqual([]);
    server.advance(2 * HOUR); // past its expiry
    const expired = await expiring();
    expect(notices(expired)).toEqual([`key.expired - ${key}`]);
    expect(expired[0]!.body.data.key.status).toBe('expired');
    server.advance(3 * DAY);
    expect(await expiring()).toEqual([]);

    // A new expiry starts the notices over.
    const renewed = new Date(server.now() + 5 * DAY).toISOString();
    await admin.patch(`/v1/keys/${key}`, { expiresAt: renewed });
    const afterRenewal = await drain();
    expect(notices(afterRenewal.filter((event) => event.type !== 'key.updated'))).toEqual([`key.expiring 7d ${key}`]);
    expect(await expiring()).toEqual([]);
    expect(later).toBeDefined();
  });

  it('the first scan of a key 6.5 days out sends the 7-day notice once, and a key 12 hours out only the 1-day one', async () => {
    const weekOut = (await admin.post('/v1/keys', { projectId, expiresAt: new Date(server.now() + 6 * DAY + 12 * HOUR).toISOString() })).body.key.id;
    const dayOut = (await admin.post('/v1/keys', { projectId, expiresAt: new Date(server.now() + 12 * HOUR).toISOString() })).body.key.id;
    const events = (await drain()).filter((event) => event.type === 'key.expiring');
    expect(events.map((event) => `${event.body.data.expiresIn} ${event.keyId}`).sort()).toEqual([`7d ${weekOut}`, `1d ${dayOut}`].sort());
    expect((await drain()).filter((event) => event.type === 'key.expiring')).toEqual([]);
  });
});

describe('expiry scans with no webhook listening', () => {
  it('record nothing and send nothing', async () => {
    const server = await startTestServer();
    try {
      const admin = (await signIn(server)).client;
      await createKeyWith(admin, { key: { expiresAt: new Date(server.now() + HOUR).toISOString() } });
      await server.app.webhooks.runOnce();
      const notices = await server.app.store.db.selectFrom('key_expiry_notices').selectAll().execute();
      expect(notices).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
