import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { signInMember } from '../../../test/support/people.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';

describe('GET /v1/keys/projects', () => {
  let server: TestServer;
  let admin: ApiClient;
  const projects: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    admin = (await signIn(server)).client;
    for (const name of ['Orders API', 'Billing API', 'Empty API']) projects[name] = (await admin.post('/v1/projects', { name })).body.id;
  });
  afterAll(async () => server.close());

  it('answers a member the id and name of the projects her keys are in, and only those', async () => {
    const member = await signInMember(server, admin, ['keys.read']);
    await admin.post('/v1/keys', { projectId: projects['Orders API'], name: 'hers', owner: member.username });
    await admin.post('/v1/keys', { projectId: projects['Orders API'], name: 'hers too', owner: member.username });
    await admin.post('/v1/keys', { projectId: projects['Billing API'], name: 'not hers' });
    const page = await member.client.get('/v1/keys/projects');
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ items: [{ id: projects['Orders API'], name: 'Orders API' }], nextCursor: null, total: 1 });
  });

  it('answers an admin every project that holds a key, newest first, paged', async () => {
    const first = await admin.get('/v1/keys/projects?limit=1');
    expect(first.body).toMatchObject({ items: [{ name: 'Billing API' }], total: 2, nextCursor: expect.any(String) });
    const second = await admin.get(`/v1/keys/projects?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [{ id: projects['Orders API'], name: 'Orders API' }], nextCursor: null, total: 2 });
  });

  it('answers an empty page to someone who sees no key', async () => {
    const member = await signInMember(server, admin, ['keys.read']);
    expect((await member.client.get('/v1/keys/projects')).body).toEqual({ items: [], nextCursor: null, total: 0 });
  });
});
