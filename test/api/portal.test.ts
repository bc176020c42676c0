import { describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids.ts';
import { apiClient, createKeyWith, type ApiClient } from '../support/api-client.ts';
import { signInMember, uniqueName } from '../support/people.ts';
import { expectProblem } from '../support/problems.ts';
import { withServerAndAdmin } from '../support/server-with-admin.ts';
import type { TestServer } from '../support/test-server.ts';

/**
 * The self-service portal through real HTTP, as its customer and as an attacker would use it:
 * a link works once, a portal session reaches its identity's keys in its project and nothing
 * else, and nothing else reaches the portal.
 */
describe('self-service portal', () => {
  let server: TestServer;
  let admin: ApiClient;
  withServerAndAdmin((started) => ({ server, admin } = started));

  async function world() {
    const project = (await admin.post('/v1/projects', { name: uniqueName('Portal'), keyPrefix: 'pt' })).body;
    const other = (await admin.post('/v1/projects', { name: uniqueName('Other'), keyPrefix: 'ot' })).body;
    const reads = (await admin.post('/v1/groups', { name: uniqueName('reads'), permissions: ['orders.read'] })).body;
    const writes = (await admin.post('/v1/groups', { name: uniqueName('writes'), permissions: ['orders.write'] })).body;
    const identity = (await admin.post('/v1/identities', { externalId: uniqueName('acme'), meta: { plan: 'gold' } })).body;
    const stranger = (await admin.post('/v1/identities', { externalId: uniqueName('globex') })).body;
    return { project, other, reads, writes, identity, stranger };
  }

  async function link(body: Record<string, unknown>) {
    const created = await admin.post('/v1/portal/sessions', body);
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    return created.body as { url: string; expiresAt: string };
  }

  /** Opens a link as a browser would (no redirect followed): the portal client, or the answer. */
  async function open(url: string) {
    const path = new URL(url).pathname;
    const response = await fetch(server.url + path, { redirect: 'manual', headers: { accept: 'text/html' } });
    if (response.status !== 303) return { response, client: undefined };
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const session = await apiClient(server.url, { cookie }).get('/v1/portal/session');
    expect(session.headers.get('cache-control')).toBe('no-store');
    return { response, cookie, session: session.body, client: apiClient(server.url, { cookie, csrfToken: session.body.csrfToken }) };
  }

  it('a link opens a session once: the cookie is HttpOnly and Lax, a second use is 410', async () => {
    const w = await world();
    const { url, expiresAt } = await link({ projectId: w.project.id, externalId: w.identity.externalId, groupIds: [w.reads.id], returnUrl: 'https://app.example.com/settings', ttlSeconds: 120 });
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(100_000);
    const first = await open(url);
    expect(first.response.status).toBe(303);
    expect(first.response.headers.get('location')).toBe('/portal');
    const setCookie = first.response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^keyward_portal=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(first.session).toMatchObject({ project: { id: w.project.id, name: w.project.name }, identity: { externalId: w.identity.externalId }, returnUrl: 'https://app.example.com/settings' });
    expect(first.session.groups.map((group: { id: string }) => group.id)).toEqual([w.reads.id]);
    const second = await open(url);
    expect(second.response.status).toBe(410);
    expect(((await second.response.json()) as { code: string }).code).toBe('PORTAL_LINK_USED');
    const unknown = await fetch(`${server.url}/portal/link/portal_${'A'.repeat(30)}`, { redirect: 'manual' });
    expect(unknown.status).toBe(404);
  });

  it('a link is refused after its TTL, and a session ends with its TTL', async () => {
    const w = await world();
    const late = await link({ projectId: w.project.id, externalId: w.identity.externalId, ttlSeconds: 60 });
    server.advance(61_000);
    const refused = await open(late.url);
    expect(refused.response.status).toBe(410);
    expect(((await refused.response.json()) as { code: string }).code).toBe('PORTAL_LINK_EXPIRED');
    const { url } = await link({ projectId: w.project.id, externalId: w.identity.externalId, ttlSeconds: 60 });
    const { client } = await open(url);
    expect((await client!.get('/v1/portal/keys')).status).toBe(200);
    server.advance(61_000);
    expectProblem(await client!.get('/v1/portal/keys'), 401, 'UNAUTHENTICATED');
  });

  it("the customer lists, creates, regenerates, deactivates and deletes her identity's keys; the token verifies as her identity", async () => {
    const w = await world();
    const { url } = await link({ projectId: w.project.id, externalId: w.identity.externalId, groupIds: [w.reads.id] });
    const { client } = await open(url);
    const created = await client!.post('/v1/portal/keys', { name: 'ci', groupIds: [w.reads.id] });
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body.key).toMatchObject({ projectId: w.project.id, identity: { id: w.identity.id, externalId: w.identity.externalId }, owner: null, createdBy: null, permissions: ['orders.read'] });
    const verified = await apiClient(server.url).post('/v1/keys/verify', { key: created.body.token, permissions: ['orders.read'] });
    expect(verified.body).toMatchObject({ valid: true, identity: { id: w.identity.id, externalId: w.identity.externalId, meta: { plan: 'gold' } } });
    const list = await client!.get('/v1/portal/keys');
    expect(list.body.items.map((key: { id: string }) => key.id)).toEqual([created.body.key.id]);
    const regenerated = await client!.post(`/v1/portal/keys/${created.body.key.id}/regenerate`, {});
    expect(regenerated.status).toBe(200);
    expect((await apiClient(server.url).post('/v1/keys/verify', { key: created.body.token })).body.code).toBe('NOT_FOUND');
    expect((await client!.patch(`/v1/portal/keys/${created.body.key.id}`, { enabled: false })).body.enabled).toBe(false);
    expect((await apiClient(server.url).post('/v1/keys/verify', { key: regenerated.body.token })).body.code).toBe('DISABLED');
    expect((await client!.get(`/v1/portal/keys/${created.body.key.id}/usage`)).status).toBe(200);
    expect((await client!.delete(`/v1/portal/keys/${created.body.key.id}`)).status).toBe(204);
    // The audit log names the identity via the portal, not a console user.
    const audit = await admin.get(`/v1/audit?keyId=${created.body.key.id}`);
    expect(audit.body.items.map((event: { actor: { type: string } }) => event.actor.type)).toEqual(['portal', 'portal', 'portal', 'portal']);
  });

  it("an attacker's portal session reaches nothing outside its scope: other identities' and projects' keys are 404, groups it does not offer 403", async () => {
    const w = await world();
    const { url } = await link({ projectId: w.project.id, externalId: w.identity.externalId, groupIds: [w.reads.id] });
    const { client } = await open(url);
    const strangers = await admin.post('/v1/keys', { projectId: w.project.id, externalId: w.stranger.externalId, groupIds: [w.reads.id] });
    const otherProject = await admin.post('/v1/keys', { projectId: w.other.id, identityId: w.identity.id });
    const plain = await createKeyWith(admin);
    for (const id of [strangers.body.key.id, otherProject.body.key.id, plain.keyId, newId('key')]) {
      expectProblem(await client!.patch(`/v1/portal/keys/${id}`, { enabled: false }), 404, 'NOT_FOUND');
      expectProblem(await client!.post(`/v1/portal/keys/${id}/regenerate`, {}), 404, 'NOT_FOUND');
      expectProblem(await client!.delete(`/v1/portal/keys/${id}`), 404, 'NOT_FOUND');
      expectProblem(await client!.get(`/v1/portal/keys/${id}/usage`), 404, 'NOT_FOUND');
    }
    expect((await admin.get(`/v1/keys/${strangers.body.key.id}`)).body.enabled).toBe(true);
    expect((await client!.get('/v1/portal/keys')).body.total).toBe(0);
    expectProblem(await client!.post('/v1/portal/keys', { groupIds: [w.writes.id] }), 403, 'FORBIDDEN');
    // A key the provider gave more than the portal offers: hers to switch off, not to renew.
    const wider = await admin.post('/v1/keys', { projectId: w.project.id, identityId: w.identity.id, groupIds: [w.writes.id] });
    expectProblem(await client!.post(`/v1/portal/keys/${wider.body.key.id}/regenerate`, {}), 403, 'FORBIDDEN');
    expect((await client!.patch(`/v1/portal/keys/${wider.body.key.id}`, { enabled: false })).status).toBe(200);
    expectProblem(await client!.patch(`/v1/portal/keys/${wider.body.key.id}`, { enabled: true }), 403, 'FORBIDDEN');
  });

  it('the portal cookie opens no management route, and no management credential opens the portal', async () => {
    const w = await world();
    const { url } = await link({ projectId: w.project.id, externalId: w.identity.externalId, groupIds: [w.reads.id] });
    const { client, cookie } = await open(url);
    for (const [method, path] of [['GET', '/v1/keys'], ['GET', '/v1/auth/me'], ['GET', '/v1/identities'], ['POST', '/v1/keys'], ['GET', '/v1/projects'], ['GET', '/v1/audit'], ['POST', '/v1/portal/sessions']] as const) {
      expectProblem(await client!.request(method, path, method === 'POST' ? {} : undefined), 401, 'UNAUTHENTICATED');
    }
    // A management key (of an admin holding everything) and a console session are not portal sessions.
    const everything = await createKeyWith(admin, { permissions: ['*'] });
    expectProblem(await apiClient(server.url, { bearer: everything.token }).get('/v1/portal/keys'), 401, 'UNAUTHENTICATED');
    expectProblem(await admin.get('/v1/portal/keys'), 401, 'UNAUTHENTICATED');
    // Writes need the portal's own CSRF token.
    expectProblem(await apiClient(server.url, { cookie: cookie! }).post('/v1/portal/keys', {}), 403, 'CSRF_FAILED');
    // Keys made in the portal never act as management keys.
    const made = await client!.post('/v1/portal/keys', { groupIds: [w.reads.id] });
    expectProblem(await apiClient(server.url, { bearer: made.body.token }).get('/v1/keys'), 401, 'UNAUTHENTICATED');
    // Signed out, the cookie is nothing.
    expect((await client!.post('/v1/portal/logout', {})).status).toBe(204);
    expectProblem(await client!.get('/v1/portal/keys'), 401, 'UNAUTHENTICATED');
  });

  it('creating a link needs portal.write and holding the offered groups; unknown project or identity are 422, bad input 400', async () => {
    const w = await world();
    const writer = await signInMember(server, admin, ['portal.write', 'orders.read']);
    expect((await writer.client.post('/v1/portal/sessions', { projectId: w.project.id, externalId: w.identity.externalId, groupIds: [w.reads.id] })).status).toBe(201);
    expectProblem(await writer.client.post('/v1/portal/sessions', { projectId: w.project.id, externalId: w.identity.externalId, groupIds: [w.writes.id] }), 422, 'GROUP_NOT_FOUND');
    const reader = await signInMember(server, admin, ['keys.write', 'identities.write']);
    expectProblem(await reader.client.post('/v1/portal/sessions', { projectId: w.project.id, externalId: w.identity.externalId }), 403, 'FORBIDDEN');
    expectProblem(await admin.post('/v1/portal/sessions', { projectId: newId('prj'), externalId: w.identity.externalId }), 422, 'PROJECT_NOT_FOUND');
    expectProblem(await admin.post('/v1/portal/sessions', { projectId: w.project.id, externalId: 'nobody-by-that-id' }), 422, 'IDENTITY_NOT_FOUND');
    expectProblem(await admin.post('/v1/portal/sessions', { projectId: w.project.id, externalId: w.identity.externalId, ttlSeconds: 3601 }), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.post('/v1/portal/sessions', { projectId: w.project.id, externalId: w.identity.externalId, returnUrl: 'javascript:alert(1)' }), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.post('/v1/portal/sessions', { projectId: w.project.id, externalId: w.identity.externalId, extra: 1 }), 400, 'VALIDATION_FAILED');
  });

  it('never logs a portal link or the portal cookie', async () => {
    const w = await world();
    const { url } = await link({ projectId: w.project.id, externalId: w.identity.externalId });
    const { cookie } = await open(url);
    const secret = new URL(url).pathname.split('/').pop()!;
    const logs = server.logs.join('\n');
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain(cookie!.split('=')[1]!);
  });
});
