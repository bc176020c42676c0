import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyWith, signIn } from './api-client.ts';
import { startTestServer, type TestServer } from './test-server.ts';

describe('test harness', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.close());

  it('signs in, issues a key and verifies it over real HTTP', async () => {
    const { client } = await signIn(server);
    const { token, keyId } = await createKeyWith(client, { permissions: ['x.read'] });
    const result = await client.post('/v1/keys/verify', { key: token, permissions: ['x.read'] });
    expect(result.body).toMatchObject({ valid: true, code: 'VALID', keyId });
  });
});
