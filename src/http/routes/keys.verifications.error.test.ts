import { afterAll, beforeAll, describe, it } from 'vitest';
import { signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';

describe('GET /v1/keys/{id}/verifications (errors)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let keyId: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = (await signIn(server)).client;
    const projectId = (await admin.post('/v1/projects', { name: 'Errors' })).body.id;
    keyId = (await admin.post('/v1/keys', { projectId })).body.key.id;
  });
  afterAll(async () => server.close());

  it('answers 400 naming the parameter for a malformed key id, limit or cursor, and unknown parameters', async () => {
    expectProblem(await admin.get('/v1/keys/not-a-key/verifications'), 400, 'VALIDATION_FAILED', '/id');
    expectProblem(await admin.get(`/v1/keys/${keyId}/verifications?limit=0`), 400, 'VALIDATION_FAILED', '/limit');
    expectProblem(await admin.get(`/v1/keys/${keyId}/verifications?limit=101`), 400, 'VALIDATION_FAILED', '/limit');
    for (const cursor of ['nope', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["2026-01-01T00:00:00.000Z",1,2]').toString('base64url'), Buffer.from('[1,2,-3]').toString('base64url'), Buffer.from('{"at":1}').toString('base64url')]) {
      expectProblem(await admin.get(`/v1/keys/${keyId}/verifications?cursor=${cursor}`), 400, 'VALIDATION_FAILED', '/cursor');
    }
    expectProblem(await admin.get(`/v1/keys/${keyId}/verifications?from=2026-01-01`), 400, 'VALIDATION_FAILED');
  });

  it('answers 404 for a key that does not exist', async () => {
    expectProblem(await admin.get('/v1/keys/key_0000000000000000000000/verifications'), 404, 'NOT_FOUND');
  });
});
