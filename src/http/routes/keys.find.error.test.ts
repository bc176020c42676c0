import { afterAll, beforeAll, describe, it } from 'vitest';
import { signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';

describe('POST /v1/keys/find (errors)', () => {
  let server: TestServer;
  let admin: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    admin = (await signIn(server)).client;
  });
  afterAll(async () => server.close());

  it('answers 400 VALIDATION_FAILED naming the field for a missing, empty, over-long or mistyped token, or an unknown field', async () => {
    const cases: [unknown, string][] = [
      [{}, '/token'],
      [{ token: '' }, '/token'],
      [{ token: 'x'.repeat(513) }, '/token'],
      [{ token: 42 }, '/token'],
      [{ token: ['a'] }, '/token'],
      [{ token: 'find_000000000000000000000000000000', keyId: 'key_x' }, '/keyId'],
    ];
    for (const [body, path] of cases) expectProblem(await admin.post('/v1/keys/find', body), 400, 'VALIDATION_FAILED', path);
  });

  it('answers 400 for malformed JSON and 415 for a body that is not JSON, never 5xx', async () => {
    expectProblem(await admin.post('/v1/keys/find', '{"token":'), 400, 'MALFORMED_JSON');
    expectProblem(await admin.request('POST', '/v1/keys/find', 'token=abc', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});
