import { describe, expect, it } from 'vitest';
import { createKeyWith, signIn } from './api-client.ts';
import type { TestServer } from './test-server.ts';
import { withTestServer } from './server-with-admin.ts';

describe('test harness', () => {
  let server: TestServer;
  withTestServer((started) => (server = started));

  it('signs in, issues a key and verifies it over real HTTP', async () => {
    const { client } = await signIn(server);
    const { token, keyId } = await createKeyWith(client, { permissions: ['x.read'] });
    const result = await client.post('/v1/keys/verify', { key: token, permissions: ['x.read'] });
    expect(result.body).toMatchObject({ valid: true, code: 'VALID', keyId });
  });
});
