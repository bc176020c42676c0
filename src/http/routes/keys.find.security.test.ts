import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { snapshotDatabase } from '../../../test/support/db-snapshot.ts';
import { managementKey, signInMember } from '../../../test/support/people.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';

// Authentication (and keys used as credentials earlier, written behind) touch these.
const TOUCHED_BY_AUTHENTICATION = ['keys.last_used_at', 'sessions.last_seen_at'];

describe('POST /v1/keys/find (security)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = (await signIn(server)).client;
    projectId = (await admin.post('/v1/projects', { name: 'Secrets', keyPrefix: 'sec' })).body.id;
  });
  afterAll(async () => server.close());

  it('answers a member who may not see the key exactly as for a token no key has', async () => {
    const member = await signInMember(server, admin, ['keys.read']);
    const hers = (await admin.post('/v1/keys', { projectId, name: 'hers', owner: member.username })).body;
    const notHers = (await admin.post('/v1/keys', { projectId, name: 'the admin’s' })).body;
    expect((await member.client.post('/v1/keys/find', { token: hers.token })).body.key?.id).toBe(hers.key.id);
    const hidden = await member.client.post('/v1/keys/find', { token: notHers.token });
    const unknown = await member.client.post('/v1/keys/find', { token: 'sec_000000000000000000000000000000' });
    expect(hidden.status).toBe(200);
    expect(hidden.text).toBe(unknown.text);
    expect(hidden.text).not.toContain(notHers.key.id);
  });

  it('needs keys.read (403 without it, 401 without credentials) and a session write carries the CSRF token', async () => {
    const issued = (await admin.post('/v1/keys', { projectId, name: 'guarded' })).body;
    const member = await signInMember(server, admin, ['projects.read']);
    expectProblem(await member.client.post('/v1/keys/find', { token: issued.token }), 403, 'FORBIDDEN');
    const key = await managementKey(server, admin, ['audit.read']);
    expectProblem(await key.client.post('/v1/keys/find', { token: issued.token }), 403, 'FORBIDDEN');
    expectProblem(await apiClient(server.url).post('/v1/keys/find', { token: issued.token }), 401, 'UNAUTHENTICATED');
    const session = await signIn(server);
    expectProblem(await apiClient(server.url, { cookie: session.cookie }).post('/v1/keys/find', { token: issued.token }), 403, 'CSRF_FAILED');
  });

  it('keeps the token nowhere: not in the logs, not in the database, not in the audit log', async () => {
    const issued = (await admin.post('/v1/keys', { projectId, name: 'looked up' })).body;
    const before = await snapshotDatabase(server, TOUCHED_BY_AUTHENTICATION);
    const logLines = server.logs.length;
    const unknownToken = 'sec_Zz0000000000000000000000000000';
    expect((await admin.post('/v1/keys/find', { token: issued.token })).body.key?.id).toBe(issued.key.id);
    expect((await admin.post('/v1/keys/find', { token: unknownToken })).body.key).toBeNull();
    // A refused body is not echoed either.
    await admin.post('/v1/keys/find', { token: issued.token, extra: true });
    expect(await snapshotDatabase(server, TOUCHED_BY_AUTHENTICATION)).toEqual(before);
    const logged = server.logs.slice(logLines).join('\n');
    expect(logged).toContain('/v1/keys/find');
    for (const secret of [issued.token, unknownToken]) expect(logged).not.toContain(secret);
  });
});
