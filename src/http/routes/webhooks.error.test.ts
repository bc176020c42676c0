import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids.ts';
import { apiClient, type ApiClient } from '../../../test/support/api-client.ts';
import { snapshotDatabase } from '../../../test/support/db-snapshot.ts';
import { signInMember } from '../../../test/support/people.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

const URL_A = 'https://hooks.example.com/keyward';

describe('webhooks routes: refusals', () => {
  let server: TestServer;
  let admin: ApiClient;
  let webhookId: string;
  const unknownId = newId('whk');

  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    webhookId = (await admin.post('/v1/webhooks', { url: URL_A })).body.webhook.id;
  });

  it.each([
    [{}, '/url'],
    [{ url: 5 }, '/url'],
    [{ url: '' }, '/url'],
    [{ url: 'not a url' }, '/url'],
    [{ url: 'ftp://example.com/x' }, '/url'],
    [{ url: 'file:///etc/passwd' }, '/url'],
    [{ url: 'javascript:alert(1)' }, '/url'],
    [{ url: 'https://user:password@example.com/hook' }, '/url'],
    [{ url: `https://example.com/${'x'.repeat(2048)}` }, '/url'],
    [{ url: URL_A, events: 'key.created' }, '/events'],
    [{ url: URL_A, events: [] }, '/events'],
    [{ url: URL_A, events: ['key.exploded'] }, '/events/0'],
    [{ url: URL_A, events: ['webhook.test'] }, '/events/0'],
    [{ url: URL_A, events: ['key.created', 'key.created'] }, '/events'],
    [{ url: URL_A, projectId: 'project-1' }, '/projectId'],
    [{ url: URL_A, enabled: 'yes' }, '/enabled'],
    [{ url: URL_A, description: 'x'.repeat(1001) }, '/description'],
    [{ url: URL_A, secret: 'whsec_mine' }, '/secret'],
  ])('POST refuses %j with 400 naming %s, and creates nothing', async (body, path) => {
    const before = await snapshotDatabase(server, ['sessions.last_seen_at']);
    const response = await admin.post('/v1/webhooks', body);
    expectProblem(response, 400, 'VALIDATION_FAILED');
    const paths = (response.body.errors ?? []).map((error: { path: string }) => error.path);
    expect(paths.some((p: string) => p === path || p.startsWith(`${path}/`)), response.text).toBe(true);
    expect(await snapshotDatabase(server, ['sessions.last_seen_at'])).toEqual(before);
  });

  it('refuses malformed JSON and a non-JSON body with a 4xx problem', async () => {
    expect((await admin.post('/v1/webhooks', '{"url":')).status).toBe(400);
    expect((await admin.request('POST', '/v1/webhooks', 'url=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  it('PATCH refuses bad values with 400 naming the field', async () => {
    expectProblem(await admin.patch(`/v1/webhooks/${webhookId}`, { url: 'gopher://example.com' }), 400, 'VALIDATION_FAILED', '/url');
    expectProblem(await admin.patch(`/v1/webhooks/${webhookId}`, { events: ['nope'] }), 400, 'VALIDATION_FAILED', '/events/0');
    expectProblem(await admin.patch(`/v1/webhooks/${webhookId}`, { enabled: null }), 400, 'VALIDATION_FAILED', '/enabled');
    expectProblem(await admin.patch(`/v1/webhooks/${webhookId}`, { id: 'whk_x' }), 400, 'VALIDATION_FAILED');
  });

  it('answers 422 PROJECT_NOT_FOUND for an unknown project', async () => {
    const unknown = newId('prj');
    expectProblem(await admin.post('/v1/webhooks', { url: URL_A, projectId: unknown }), 422, 'PROJECT_NOT_FOUND', '/projectId');
    expectProblem(await admin.patch(`/v1/webhooks/${webhookId}`, { projectId: unknown }), 422, 'PROJECT_NOT_FOUND', '/projectId');
  });

  it('answers 404 NOT_FOUND for an unknown webhook on every route, and 400 for a malformed id', async () => {
    expectProblem(await admin.get(`/v1/webhooks/${unknownId}`), 404, 'NOT_FOUND');
    expectProblem(await admin.patch(`/v1/webhooks/${unknownId}`, { description: 'x' }), 404, 'NOT_FOUND');
    expectProblem(await admin.delete(`/v1/webhooks/${unknownId}`), 404, 'NOT_FOUND');
    expectProblem(await admin.post(`/v1/webhooks/${unknownId}/rotate-secret`), 404, 'NOT_FOUND');
    expectProblem(await admin.post(`/v1/webhooks/${unknownId}/test`), 404, 'NOT_FOUND');
    expectProblem(await admin.get(`/v1/webhooks/${unknownId}/deliveries`), 404, 'NOT_FOUND');
    expectProblem(await admin.get('/v1/webhooks/key_01jd2f3g4h5j6k7m8n9p0q1r'), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.get('/v1/webhooks/whk_1'), 400, 'VALIDATION_FAILED');
  });

  it('answers 400 for bad list parameters and cursors', async () => {
    expectProblem(await admin.get('/v1/webhooks?limit=0'), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.get('/v1/webhooks?cursor=bm90LWEtY3Vyc29y'), 400, 'VALIDATION_FAILED', '/cursor');
    expectProblem(await admin.get('/v1/webhooks?projectId=nope'), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.get(`/v1/webhooks/${webhookId}/deliveries?status=lost`), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.get(`/v1/webhooks/${webhookId}/deliveries?cursor=bm90LWEtY3Vyc29y`), 400, 'VALIDATION_FAILED', '/cursor');
  });

  it('answers 409 to a test event for a disabled webhook', async () => {
    const { webhook } = (await admin.post('/v1/webhooks', { url: URL_A, enabled: false })).body;
    expectProblem(await admin.post(`/v1/webhooks/${webhook.id}/test`), 409, 'CONFLICT');
  });

  it('answers 401 without credentials and 403 to a member without the permission', async () => {
    expectProblem(await apiClient(server.url).get('/v1/webhooks'), 401, 'UNAUTHENTICATED');
    expectProblem(await apiClient(server.url).post('/v1/webhooks', { url: URL_A }), 401, 'UNAUTHENTICATED');
    const member = await signInMember(server, admin, ['keys.read', 'keys.write']);
    const listed = await member.client.get('/v1/webhooks');
    expectProblem(listed, 403, 'FORBIDDEN');
    expect(listed.body.detail).toContain('webhooks.read');
    const reader = await signInMember(server, admin, ['webhooks.read']);
    for (const response of [
      await reader.client.post('/v1/webhooks', { url: URL_A }),
      await reader.client.patch(`/v1/webhooks/${webhookId}`, { description: 'x' }),
      await reader.client.delete(`/v1/webhooks/${webhookId}`),
      await reader.client.post(`/v1/webhooks/${webhookId}/rotate-secret`),
      await reader.client.post(`/v1/webhooks/${webhookId}/test`),
    ]) {
      expectProblem(response, 403, 'FORBIDDEN');
      expect(response.body.detail).toContain('webhooks.write');
    }
    expect((await admin.get(`/v1/webhooks/${webhookId}`)).status).toBe(200);
  });
});
