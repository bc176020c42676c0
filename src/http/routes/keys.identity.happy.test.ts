import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient } from '../../../test/support/api-client.ts';
import { namedLimit as limit } from '../../../test/support/named-limits.ts';
import { uniqueName } from '../../../test/support/people.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('keys: their identity and named limits, on create, edit and in the list', () => {
  let admin: ApiClient;
  let projectId: string;
  let acme: { id: string; externalId: string };
  let globex: { id: string; externalId: string };
  withServerAndAdmin((started) => ({ admin } = started));
  beforeAll(async () => {
    projectId = (await admin.post('/v1/projects', { name: 'Identified', keyPrefix: 'id' })).body.id;
    acme = (await admin.post('/v1/identities', { externalId: uniqueName('acme') })).body;
    globex = (await admin.post('/v1/identities', { externalId: uniqueName('globex') })).body;
  });

  async function create(body: Record<string, unknown>) {
    const response = await admin.post('/v1/keys', { projectId, ...body });
    expect(response.status, response.text).toBe(201);
    return response.body.key;
  }

  async function edit(keyId: string, body: Record<string, unknown>) {
    const response = await admin.patch(`/v1/keys/${keyId}`, body);
    expect(response.status, response.text).toBe(200);
    expect((await admin.get(`/v1/keys/${keyId}`)).body).toEqual(response.body);
    return response.body;
  }

  it('a key points at an identity by identityId or by externalId; GET and the list show it', async () => {
    const byId = await create({ identityId: acme.id });
    const byExternalId = await create({ externalId: acme.externalId });
    for (const key of [byId, byExternalId]) {
      expect(key.identity).toEqual({ id: acme.id, externalId: acme.externalId });
      expect((await admin.get(`/v1/keys/${key.id}`)).body.identity).toEqual(key.identity);
    }
    expect((await create({})).identity).toBeNull();
    expect((await create({ identityId: null })).identity).toBeNull();
  });

  it('PATCH gives, changes and removes the identity; an edit that does not name it keeps it', async () => {
    const key = await create({});
    expect((await edit(key.id, { identityId: acme.id })).identity).toEqual({ id: acme.id, externalId: acme.externalId });
    expect((await edit(key.id, { name: 'renamed', ratelimits: [limit('requests')] })).identity).toEqual({ id: acme.id, externalId: acme.externalId });
    expect((await edit(key.id, { externalId: globex.externalId })).identity).toEqual({ id: globex.id, externalId: globex.externalId });
    expect((await edit(key.id, { identityId: globex.id })).identity).toEqual({ id: globex.id, externalId: globex.externalId });
    expect((await edit(key.id, { identityId: null })).identity).toBeNull();
  });

  it('the audit log and the key events carry the identity change', async () => {
    const key = await create({ identityId: acme.id });
    await edit(key.id, { identityId: globex.id });
    const events = (await admin.get(`/v1/audit?keyId=${key.id}`)).body.items;
    expect(events.find((event: { action: string }) => event.action === 'key.created').detail.after.identityId).toBe(acme.id);
    expect(events.find((event: { action: string }) => event.action === 'key.updated').detail).toMatchObject({ before: { identityId: acme.id }, after: { identityId: globex.id } });
  });

  it('named limits on create and edit: autoApply defaults to true, ratelimits replaces them all', async () => {
    const key = await create({ ratelimits: [{ name: 'requests', limit: 100, durationMs: 60_000 }, limit('tokens', { limit: 5000, autoApply: false })] });
    expect(key.ratelimits).toEqual([limit('requests', { limit: 100 }), limit('tokens', { limit: 5000, autoApply: false })]);
    // No limit named default: no single ratelimit.
    expect(key.ratelimit).toBeNull();
    expect((await edit(key.id, { ratelimits: [limit('burst', { limit: 3, durationMs: 1000 })] })).ratelimits).toEqual([limit('burst', { limit: 3, durationMs: 1000 })]);
    expect((await edit(key.id, { description: 'limits kept' })).ratelimits).toEqual([limit('burst', { limit: 3, durationMs: 1000 })]);
    expect((await edit(key.id, { ratelimits: [] })).ratelimits).toEqual([]);
    expect((await create({})).ratelimits).toEqual([]);
  });

  it('the old single ratelimit is the limit named default, on create and edit, beside the other limits', async () => {
    const legacy = await create({ ratelimit: { limit: 5, windowMs: 60_000 } });
    expect(legacy.ratelimit).toEqual({ limit: 5, windowMs: 60_000 });
    expect(legacy.ratelimits).toEqual([{ name: 'default', limit: 5, durationMs: 60_000, autoApply: true }]);

    const both = await create({ ratelimits: [limit('tokens', { autoApply: false }), limit('default', { limit: 7, durationMs: 1000 })] });
    expect(both.ratelimit).toEqual({ limit: 7, windowMs: 1000 });
    // Setting the single ratelimit changes only the limit named default.
    const raised = await edit(both.id, { ratelimit: { limit: 9, windowMs: 2000 } });
    expect(raised.ratelimit).toEqual({ limit: 9, windowMs: 2000 });
    expect(raised.ratelimits).toEqual(expect.arrayContaining([limit('tokens', { autoApply: false }), limit('default', { limit: 9, durationMs: 2000 })]));
    expect(raised.ratelimits).toHaveLength(2);
    const cleared = await edit(both.id, { ratelimit: null });
    expect(cleared.ratelimit).toBeNull();
    expect(cleared.ratelimits).toEqual([limit('tokens', { autoApply: false })]);
    // And added to a key that had none.
    expect((await edit(cleared.id, { ratelimit: { limit: 2, windowMs: 1000 } })).ratelimits).toHaveLength(2);
  });

  it('a limit named default that only applies when named is not the single ratelimit', async () => {
    const key = await create({ ratelimits: [limit('default', { autoApply: false })] });
    expect(key.ratelimit).toBeNull();
    expect((await admin.get(`/v1/keys/${key.id}`)).body.ratelimit).toBeNull();
  });

  it('lists keys by identityId or externalId (with the other filters), total included', async () => {
    const listed = await admin.post('/v1/identities', { externalId: uniqueName('listed') });
    const identity = listed.body;
    const otherProject = (await admin.post('/v1/projects', { name: uniqueName('Other') })).body.id;
    const ours = [await create({ identityId: identity.id, name: 'first' }), await create({ externalId: identity.externalId, name: 'second', enabled: false })];
    const elsewhere = (await admin.post('/v1/keys', { projectId: otherProject, identityId: identity.id })).body.key;
    await create({ identityId: acme.id });
    await create({});
    const ids = async (query: string) => {
      const page = await admin.get(`/v1/keys?${query}`);
      expect(page.status, page.text).toBe(200);
      expect(page.body.total).toBe(page.body.items.length);
      return page.body.items.map((key: { id: string }) => key.id).sort();
    };
    const all = [...ours.map((key) => key.id), elsewhere.id].sort();
    expect(await ids(`identityId=${identity.id}`)).toEqual(all);
    expect(await ids(`externalId=${encodeURIComponent(identity.externalId)}`)).toEqual(all);
    expect(await ids(`externalId=${encodeURIComponent(identity.externalId)}&projectId=${projectId}`)).toEqual(ours.map((key) => key.id).sort());
    expect(await ids(`identityId=${identity.id}&status=inactive`)).toEqual([ours[1].id]);
    expect(await ids(`identityId=${identity.id}&q=first`)).toEqual([ours[0].id]);
    expect(await ids(`identityId=${identity.id}&externalId=${encodeURIComponent(acme.externalId)}`)).toEqual([]);
    expect(await ids('externalId=nobody-has-this')).toEqual([]);
    // Case matters, as for the identity's uniqueness.
    expect(await ids(`externalId=${encodeURIComponent(identity.externalId.toUpperCase())}`)).toEqual([]);
  });
});
