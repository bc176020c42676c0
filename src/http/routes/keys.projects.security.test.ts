import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { signInMember } from '../../../test/support/people.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';

describe('GET /v1/keys/projects (security and errors)', () => {
  let server: TestServer;
  let admin: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    admin = (await signIn(server)).client;
  });
  afterAll(async () => server.close());

  it('never tells a member the name of a project she holds no key in, nor its settings', async () => {
    const secret = (await admin.post('/v1/projects', { name: 'Project Nightingale', keyPrefix: 'night' })).body.id;
    const open = (await admin.post('/v1/projects', { name: 'Public API', keyPrefix: 'pub' })).body.id;
    const member = await signInMember(server, admin, ['keys.read', 'keys.write']);
    await admin.post('/v1/keys', { projectId: secret, name: 'admin only' });
    await admin.post('/v1/keys', { projectId: open, name: 'hers', owner: member.username });
    const text = (await member.client.get('/v1/keys/projects?limit=100')).text;
    expect(text).toContain('Public API');
    expect(text).not.toContain('Nightingale');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('keyPrefix');
    // She still may not list projects themselves.
    expectProblem(await member.client.get('/v1/projects'), 403, 'FORBIDDEN');
  });

  it('needs keys.read (403 without it, 401 without credentials)', async () => {
    const member = await signInMember(server, admin, ['projects.read']);
    expectProblem(await member.client.get('/v1/keys/projects'), 403, 'FORBIDDEN');
    expectProblem(await apiClient(server.url).get('/v1/keys/projects'), 401, 'UNAUTHENTICATED');
  });

  it('answers 400 for a bad limit or a cursor it did not hand out', async () => {
    expectProblem(await admin.get('/v1/keys/projects?limit=0'), 400, 'VALIDATION_FAILED', '/limit');
    expectProblem(await admin.get('/v1/keys/projects?limit=101'), 400, 'VALIDATION_FAILED', '/limit');
    expectProblem(await admin.get('/v1/keys/projects?cursor=not-a-cursor'), 400, 'VALIDATION_FAILED', '/cursor');
    expectProblem(await admin.get('/v1/keys/projects?q=x'), 400, 'VALIDATION_FAILED');
  });
});
