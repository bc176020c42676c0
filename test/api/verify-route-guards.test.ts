import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGEMENT_PERMISSIONS } from '../../src/domain/permissions.ts';
import { apiClient, createKeyWith, signIn, type ApiClient } from '../support/api-client.ts';
import { managementKey, signInMember } from '../support/people.ts';
import { expectProblem } from '../support/problems.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { withServerAndAdmin, type ServerWithAdmin } from '../support/server-with-admin.ts';

describe('verification route guards', () => {
  describe('by default (KEYWARD_VERIFY_AUTH unset)', () => {
    let server: TestServer;
    let token: string;
    beforeAll(async () => {
      server = await startTestServer();
      token = (await createKeyWith((await signIn(server)).client, { permissions: ['orders.read'] })).token;
    });
    afterAll(async () => server.close());

    it('POST /v1/keys/verify needs no credential', async () => {
      const response = await apiClient(server.url).post('/v1/keys/verify', { key: token, permissions: 'orders.read' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ valid: true, code: 'VALID' });
    });

    it('GET /v1/authorize needs no credential', async () => {
      const response = await apiClient(server.url).get('/v1/authorize?permission=orders.read', { authorization: `Bearer ${token}` });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-keyward-key-id')).toMatch(/^key_/);
    });
  });

  describe('with KEYWARD_VERIFY_AUTH=required', () => {
    let server: TestServer;
    let admin: ApiClient;
    let adminSession: { cookie: string; csrfToken: string };
    let token: string;
    let withVerify: string;
    let withoutVerify: string;

    let session: ServerWithAdmin['session'];
    withServerAndAdmin((started) => ({ server, admin, session } = started), { env: { KEYWARD_VERIFY_AUTH: 'required' } });
    beforeAll(async () => {
      adminSession = { cookie: session.cookie, csrfToken: session.csrfToken };
      token = (await createKeyWith(admin, { permissions: ['orders.read'] })).token;
      withVerify = (await managementKey(server, admin, ['keys.verify'])).token;
      withoutVerify = (await managementKey(server, admin, MEMBER_ALL_BUT_VERIFY)).token;
    });

    const MEMBER_ALL_BUT_VERIFY = MANAGEMENT_PERMISSIONS.filter((p) => p !== 'keys.verify');

    it('POST /v1/keys/verify: 401 without credentials, 403 without keys.verify, 200 with it', async () => {
      const body = { key: token, permissions: 'orders.read' };
      expectProblem(await apiClient(server.url).post('/v1/keys/verify', body), 401, 'UNAUTHENTICATED');
      const forbidden = await apiClient(server.url, { bearer: withoutVerify }).post('/v1/keys/verify', body);
      expectProblem(forbidden, 403, 'FORBIDDEN');
      expect(forbidden.body.detail).toContain('keys.verify');
      const member = await signInMember(server, admin, MEMBER_ALL_BUT_VERIFY);
      expectProblem(await member.client.post('/v1/keys/verify', body), 403, 'FORBIDDEN');

      const allowed = await apiClient(server.url, { bearer: withVerify }).post('/v1/keys/verify', body);
      expect(allowed.status).toBe(200);
      expect(allowed.body).toMatchObject({ valid: true, code: 'VALID' });
      const verifier = await signInMember(server, admin, ['keys.verify']);
      expect((await verifier.client.post('/v1/keys/verify', body)).body.valid).toBe(true);
    });

    it('POST /v1/keys/verify with a session still needs the CSRF token', async () => {
      const body = { key: token };
      expectProblem(await apiClient(server.url, { cookie: adminSession.cookie }).post('/v1/keys/verify', body), 403, 'CSRF_FAILED');
      expect((await admin.post('/v1/keys/verify', body)).body.valid).toBe(true);
    });

    it('GET /v1/authorize: the proxy sends its management key as X-Keyward-Token', async () => {
      const checked = { authorization: `Bearer ${token}` };
      expectProblem(await apiClient(server.url).get('/v1/authorize', checked), 401, 'UNAUTHENTICATED');
      expectProblem(await apiClient(server.url).get('/v1/authorize', { ...checked, 'x-keyward-token': 'tk_unknown' }), 401, 'UNAUTHENTICATED');
      expectProblem(await apiClient(server.url).get('/v1/authorize', { ...checked, 'x-keyward-token': withoutVerify }), 403, 'FORBIDDEN');
      const allowed = await apiClient(server.url).get('/v1/authorize?permission=orders.read', { ...checked, 'x-keyward-token': withVerify });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('x-keyward-key-id')).toMatch(/^key_/);
    });
  });
});
