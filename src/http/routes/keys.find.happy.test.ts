import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { foreignToken } from '../../../test/support/foreign-tokens.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';

describe('POST /v1/keys/find', () => {
  let server: TestServer;
  let admin: ApiClient;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = (await signIn(server)).client;
    projectId = (await admin.post('/v1/projects', { name: 'Find', keyPrefix: 'find' })).body.id;
  });
  afterAll(async () => server.close());

  it('answers the key a whole token belongs to, as GET /v1/keys/{id} shows it', async () => {
    const issued = (await admin.post('/v1/keys', { projectId, name: 'leaked one', description: 'found in a log' })).body;
    await admin.post('/v1/keys', { projectId, name: 'another' });
    const found = await admin.post('/v1/keys/find', { token: issued.token });
    expect(found.status).toBe(200);
    expect(found.body.key).toEqual((await admin.get(`/v1/keys/${issued.key.id}`)).body);
  });

  it('finds disabled and expired keys too: which key a leaked token is does not depend on whether it works', async () => {
    const disabled = (await admin.post('/v1/keys', { projectId, name: 'off', enabled: false })).body;
    expect((await admin.post('/v1/keys/find', { token: disabled.token })).body.key).toMatchObject({ id: disabled.key.id, status: 'inactive' });
    const expiring = (await admin.post('/v1/keys', { projectId, name: 'soon', expiresAt: new Date(Date.now() + 60_000).toISOString() })).body;
    server.advance(120_000);
    expect((await admin.post('/v1/keys/find', { token: expiring.token })).body.key).toMatchObject({ id: expiring.key.id, status: 'expired' });
  });

  it('finds a regenerated key by its old token while the grace period lasts, and not after', async () => {
    const issued = (await admin.post('/v1/keys', { projectId, name: 'rolling' })).body;
    const renewed = (await admin.post(`/v1/keys/${issued.key.id}/regenerate`, { graceSeconds: 60 })).body;
    expect((await admin.post('/v1/keys/find', { token: issued.token })).body.key?.id).toBe(issued.key.id);
    expect((await admin.post('/v1/keys/find', { token: renewed.token })).body.key?.id).toBe(issued.key.id);
    server.advance(61_000);
    expect((await admin.post('/v1/keys/find', { token: issued.token })).body).toEqual({ key: null });
  });

  it('finds an imported key by its original token', async () => {
    const { token, hex } = foreignToken();
    const hash = { algorithm: 'sha256', encoding: 'hex', value: hex };
    const imported = (await admin.post('/v1/keys/import', { projectId, keys: [{ hash, name: 'from elsewhere' }] })).body.keys[0];
    expect((await admin.post('/v1/keys/find', { token })).body.key).toMatchObject({ id: imported.id, name: 'from elsewhere' });
  });

  it('answers key: null for a token no key has, a deleted key’s token, and text that is no token', async () => {
    const issued = (await admin.post('/v1/keys', { projectId, name: 'short-lived' })).body;
    await admin.delete(`/v1/keys/${issued.key.id}`);
    for (const token of [issued.token, 'find_000000000000000000000000000000', 'not a token at all']) {
      const response = await admin.post('/v1/keys/find', { token });
      expect(response.status, token).toBe(200);
      expect(response.body).toEqual({ key: null });
    }
  });
});
