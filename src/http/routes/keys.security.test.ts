import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../domain/token.ts';
import { apiClient, createKeyWith, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { startTestServer, TEST_SECRET, type TestServer } from '../../../test/support/test-server.ts';

describe('keys: security', () => {
  let server: TestServer;
  let admin: ApiClient;
  let session: Awaited<ReturnType<typeof signIn>>;
  let projectId: string;
  let keyId: string;

  beforeAll(async () => {
    server = await startTestServer();
    session = await signIn(server);
    admin = session.client;
    const project = await admin.post('/v1/projects', { name: 'Security', keyPrefix: 'sec' });
    projectId = project.body.id;
    keyId = (await admin.post('/v1/keys', { projectId, name: 'target' })).body.key.id;
  });
  afterAll(async () => server.close());

  const routes = () => [
    ['GET', '/v1/keys', undefined],
    ['POST', '/v1/keys', { projectId, name: 'sneaky' }],
    ['GET', `/v1/keys/${keyId}`, undefined],
    ['PATCH', `/v1/keys/${keyId}`, { name: 'sneaky' }],
    ['POST', `/v1/keys/${keyId}/regenerate`, {}],
    ['DELETE', `/v1/keys/${keyId}`, undefined],
  ] as const;

  async function targetUnchanged() {
    const key = await admin.get(`/v1/keys/${keyId}`);
    expect(key.status).toBe(200);
    expect(key.body.name).toBe('target');
    return key.body;
  }

  it('every keys route is 401 UNAUTHENTICATED without credentials, with a WWW-Authenticate challenge', async () => {
    const before = await targetUnchanged();
    const anonymous = apiClient(server.url);
    for (const [method, path, body] of routes()) {
      const response = await anonymous.request(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(await targetUnchanged()).toEqual(before);
  });

  it('an unknown, malformed or empty Bearer token is 401 on every keys route', async () => {
    for (const bearer of ['sec_' + 'A'.repeat(30), 'not-a-token', 'x'.repeat(600)]) {
      const client = apiClient(server.url, { bearer });
      for (const [method, path, body] of routes()) {
        const response = await client.request(method, path, body);
        expect(response.status, `${bearer.slice(0, 10)} ${method} ${path}`).toBe(401);
      }
    }
    await targetUnchanged();
  });

  it('a session write without the CSRF header, or with a wrong one, is 403 CSRF_FAILED and changes nothing', async () => {
    const before = await targetUnchanged();
    const withoutCsrf = apiClient(server.url, { cookie: session.cookie });
    const wrongCsrf = apiClient(server.url, { cookie: session.cookie, csrfToken: 'A'.repeat(session.csrfToken.length) });
    for (const client of [withoutCsrf, wrongCsrf]) {
      for (const [method, path, body] of routes()) {
        const response = await client.request(method, path, body);
        if (method === 'GET') {
          expect(response.status, `${method} ${path}`).toBe(200);
        } else {
          expect(response.status, `${method} ${path}`).toBe(403);
          expect(response.body.code).toBe('CSRF_FAILED');
        }
      }
    }
    expect(await targetUnchanged()).toEqual(before);
    expect((await admin.get(`/v1/keys?projectId=${projectId}`)).body.total).toBe(1);
  });

  it('a session cookie that was never issued is 401', async () => {
    const forged = apiClient(server.url, { cookie: 'keyward_session=forged-value', csrfToken: 'x' });
    const response = await forged.get('/v1/keys');
    expect(response.status).toBe(401);
  });

  it('a management key needs keys.read to read and keys.write to write (403 FORBIDDEN naming it)', async () => {
    const nothing = await createKeyWith(admin, { permissions: ['projects.read'] });
    const reader = await createKeyWith(admin, { permissions: ['keys.read'] });
    const writer = await createKeyWith(admin, { permissions: ['keys.read', 'keys.write'] });
    const before = await targetUnchanged();

    const noRights = apiClient(server.url, { bearer: nothing.token });
    for (const [method, path, body] of routes()) {
      const response = await noRights.request(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
      expect(response.body.detail).toContain(method === 'GET' ? 'keys.read' : 'keys.write');
    }

    const readOnly = apiClient(server.url, { bearer: reader.token });
    for (const [method, path, body] of routes()) {
      const response = await readOnly.request(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(method === 'GET' ? 200 : 403);
    }
    expect(await targetUnchanged()).toEqual(before);

    // A Bearer key needs no CSRF header: browsers never attach it on their own.
    const readWrite = apiClient(server.url, { bearer: writer.token });
    const created = await readWrite.post('/v1/keys', { projectId, name: 'made by a key' });
    expect(created.status).toBe(201);
    expect(created.body.key.createdBy.username).toBe('admin');
    const patched = await readWrite.patch(`/v1/keys/${created.body.key.id}`, { name: 'renamed by a key' });
    expect(patched.body.name).toBe('renamed by a key');
    expect((await readWrite.delete(`/v1/keys/${created.body.key.id}`)).status).toBe(204);
  });

  it('a management key stops working at once when disabled, expired, regenerated or deleted', async () => {
    const managed = await createKeyWith(admin, { permissions: ['keys.read'] });
    const asKey = (token: string) => apiClient(server.url, { bearer: token }).get('/v1/keys');
    expect((await asKey(managed.token)).status).toBe(200);

    await admin.patch(`/v1/keys/${managed.keyId}`, { enabled: false });
    expect((await asKey(managed.token)).status).toBe(401);
    await admin.patch(`/v1/keys/${managed.keyId}`, { enabled: true });
    expect((await asKey(managed.token)).status).toBe(200);

    await admin.patch(`/v1/keys/${managed.keyId}`, { expiresAt: new Date(server.now() + 1000).toISOString() });
    expect((await asKey(managed.token)).status).toBe(200);
    server.advance(1500);
    expect((await asKey(managed.token)).status).toBe(401);
    await admin.patch(`/v1/keys/${managed.keyId}`, { expiresAt: null });
    expect((await asKey(managed.token)).status).toBe(200);

    const regenerated = await admin.post(`/v1/keys/${managed.keyId}/regenerate`, {});
    expect((await asKey(managed.token)).status).toBe(401);
    expect((await asKey(regenerated.body.token)).status).toBe(200);

    await admin.delete(`/v1/keys/${managed.keyId}`);
    expect((await asKey(regenerated.body.token)).status).toBe(401);
  });

  it('a management key outside its IP allowlist is 401', async () => {
    const managed = await createKeyWith(admin, { permissions: ['keys.read'], key: { ipAllowlist: ['203.0.113.0/24'] } });
    expect((await apiClient(server.url, { bearer: managed.token }).get('/v1/keys')).status).toBe(401);
    await admin.patch(`/v1/keys/${managed.keyId}`, { ipAllowlist: ['127.0.0.0/8'] });
    expect((await apiClient(server.url, { bearer: managed.token }).get('/v1/keys')).status).toBe(200);
  });

  it('neither the token nor its stored hash is in any key response but the issuing one', async () => {
    const issued = await admin.post('/v1/keys', { projectId, name: 'secretive', ipAllowlist: [], meta: {} });
    const { token } = issued.body;
    const hash = hashToken(Buffer.from(TEST_SECRET), token);
    expect(issued.text).toContain(token);
    const id = issued.body.key.id;
    const responses = [
      await admin.get(`/v1/keys/${id}`),
      await admin.get('/v1/keys?limit=100'),
      await admin.get(`/v1/keys?q=${encodeURIComponent(issued.body.key.start)}`),
      await admin.patch(`/v1/keys/${id}`, { description: 'edited' }),
      await admin.get(`/v1/audit?keyId=${id}`),
      await admin.post('/v1/keys/verify', { key: token }),
    ];
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.text).not.toContain(token);
      expect(response.text).not.toContain(token.slice(7, -4));
      expect(response.text).not.toContain(hash);
    }
    const regenerated = await admin.post(`/v1/keys/${id}/regenerate`, {});
    expect(regenerated.text).not.toContain(token);
    expect(regenerated.text).not.toContain(hash);
  });

  it('the verify endpoint does not reveal which key a token from another project belongs to', async () => {
    const other = await createKeyWith(admin, { permissions: ['x.read'] });
    const response = await admin.post('/v1/keys/verify', { key: other.token, projectId });
    expect(response.body).toEqual({ valid: false, code: 'NOT_FOUND' });
  });
});
