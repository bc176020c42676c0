import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { managementKey, signInMember } from '../../../test/support/people.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';

describe('GET /v1/keys/{id}/verifications (security)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let projectId: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = (await signIn(server)).client;
    projectId = (await admin.post('/v1/projects', { name: 'Private', keyPrefix: 'prv' })).body.id;
  });
  afterAll(async () => server.close());

  it('shows a member her own key’s verifications and answers 404 for another’s, as for a key that does not exist', async () => {
    const member = await signInMember(server, admin, ['keys.read']);
    const hers = (await admin.post('/v1/keys', { projectId, owner: member.username })).body;
    const other = (await admin.post('/v1/keys', { projectId })).body;
    for (const token of [hers.token, other.token]) await apiClient(server.url).post('/v1/keys/verify', { key: token, ip: '198.51.100.4' });
    expect((await member.client.get(`/v1/keys/${hers.key.id}/verifications`)).body.items).toEqual([expect.objectContaining({ clientAddress: '198.51.100.4' })]);
    const hidden = await member.client.get(`/v1/keys/${other.key.id}/verifications`);
    expectProblem(hidden, 404, 'NOT_FOUND');
    expect(hidden.text).not.toContain('198.51.100.4');
    expect(hidden.body.detail).toBe((await member.client.get('/v1/keys/key_0000000000000000000000/verifications')).body.detail.replace('key_0000000000000000000000', other.key.id));
  });

  it('needs keys.read: 403 without it, 401 without credentials', async () => {
    const key = (await admin.post('/v1/keys', { projectId })).body.key.id;
    expectProblem(await (await signInMember(server, admin, ['projects.read'])).client.get(`/v1/keys/${key}/verifications`), 403, 'FORBIDDEN');
    expectProblem(await (await managementKey(server, admin, ['audit.read'])).client.get(`/v1/keys/${key}/verifications`), 403, 'FORBIDDEN');
    expectProblem(await apiClient(server.url).get(`/v1/keys/${key}/verifications`), 401, 'UNAUTHENTICATED');
  });
});
