import { describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, signIn, type ApiClient, type ApiResponse } from '../../../test/support/api-client.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

type Presented = { bearer: string } | { apiKey: string } | undefined;

/** GET /v1/authorize as a reverse proxy calls it: no cookie, the client's key in a header. */
function authorize(server: TestServer, query: string, key: Presented, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const all: Record<string, string> = { ...headers };
  if (key && 'bearer' in key) all.authorization = `Bearer ${key.bearer}`;
  if (key && 'apiKey' in key) all['x-api-key'] = key.apiKey;
  return apiClient(server.url).get(`/v1/authorize${query}`, all);
}

function expectRefusal(response: ApiResponse, status: number, verification: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.headers.get('x-keyward-key-id')).toBeNull();
  expect(response.headers.get('x-keyward-code')).toBe(verification);
  expect(response.body.detail).toContain(verification);
  if (status === 401) expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
}

describe('GET /v1/authorize (forward-auth)', () => {
  let server: TestServer;
  let admin: ApiClient;
  let adminId: string;

  withServerAndAdmin((started) => {
    ({ server, admin } = started);
    const { session } = started;
    adminId = session.userId;
  });

  it('200 with X-Keyward-Key-Id and X-Keyward-Owner-Id, for Bearer and for X-API-Key', async () => {
    const { token, keyId } = await createKeyWith(admin, { key: { owner: 'admin' } });
    for (const presented of [{ bearer: token }, { apiKey: token }]) {
      const response = await authorize(server, '', presented);
      expect(response.status, JSON.stringify(presented)).toBe(200);
      expect(response.headers.get('x-keyward-key-id')).toBe(keyId);
      expect(response.headers.get('x-keyward-owner-id')).toBe(adminId);
      expect(response.headers.get('x-keyward-code')).toBe('VALID');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.body).toMatchObject({ valid: true, code: 'VALID', keyId });
    }
  });

  it('reads the Bearer scheme case-insensitively, and prefers Authorization over X-API-Key', async () => {
    const { token, keyId } = await createKeyWith(admin);
    const lower = await authorize(server, '', undefined, { authorization: `bearer ${token}` });
    expect(lower.status).toBe(200);
    expect(lower.headers.get('x-keyward-key-id')).toBe(keyId);
    const both = await authorize(server, '', undefined, { authorization: `Bearer ${token}`, 'x-api-key': 'garbage' });
    expect(both.status).toBe(200);
  });

  it('a key without an owner answers 200 with an empty X-Keyward-Owner-Id', async () => {
    const { token, keyId } = await createKeyWith(admin);
    const response = await authorize(server, '', { bearer: token });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-keyward-key-id')).toBe(keyId);
    expect(response.headers.get('x-keyward-owner-id')).toBe('');
  });

  it('401 when no key is sent', async () => {
    const response = await authorize(server, '', undefined);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.headers.get('x-keyward-key-id')).toBeNull();
    const emptyHeader = await authorize(server, '', undefined, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(emptyHeader.status).toBe(401);
  });

  it('401 for an unknown or malformed key', async () => {
    const { token } = await createKeyWith(admin);
    expect((await authorize(server, '', { bearer: token })).status).toBe(200);
    expectRefusal(await authorize(server, '', { bearer: token.slice(0, -1) + (token.at(-1) === 'a' ? 'b' : 'a') }), 401, 'NOT_FOUND');
    expectRefusal(await authorize(server, '', { apiKey: 'tk_' + 'Q'.repeat(30) }), 401, 'NOT_FOUND');
    expectRefusal(await authorize(server, '', { apiKey: 'garbage' }), 401, 'NOT_FOUND');
  });

  it('401 once the key is disabled, 200 again when re-enabled', async () => {
    const { token, keyId } = await createKeyWith(admin);
    expect((await authorize(server, '', { bearer: token })).status).toBe(200);
    await admin.patch(`/v1/keys/${keyId}`, { enabled: false });
    expectRefusal(await authorize(server, '', { bearer: token }), 401, 'DISABLED');
    await admin.patch(`/v1/keys/${keyId}`, { enabled: true });
    expect((await authorize(server, '', { apiKey: token })).status).toBe(200);
  });

  it('401 once the key has expired by the server clock', async () => {
    const { token, keyId } = await createKeyWith(admin);
    await admin.patch(`/v1/keys/${keyId}`, { expiresAt: new Date(server.now() + 5_000).toISOString() });
    expect((await authorize(server, '', { bearer: token })).status).toBe(200);
    server.advance(6_000);
    expectRefusal(await authorize(server, '', { bearer: token }), 401, 'EXPIRED');
  });

  it('401 for a deleted key and for the old token after regeneration', async () => {
    const { token, keyId } = await createKeyWith(admin);
    const fresh = (await admin.post(`/v1/keys/${keyId}/regenerate`, {})).body.token;
    expectRefusal(await authorize(server, '', { bearer: token }), 401, 'NOT_FOUND');
    expect((await authorize(server, '', { bearer: fresh })).status).toBe(200);
    await admin.delete(`/v1/keys/${keyId}`);
    expectRefusal(await authorize(server, '', { bearer: fresh }), 401, 'NOT_FOUND');
  });

  it('403 when the peer address is outside the allowlist, 200 inside it', async () => {
    const { token, keyId } = await createKeyWith(admin, { key: { ipAllowlist: ['203.0.113.0/24'] } });
    expectRefusal(await authorize(server, '', { bearer: token }), 403, 'IP_NOT_ALLOWED');
    expect((await authorize(server, '', { bearer: token })).body.code).toBe('FORBIDDEN');
    await admin.patch(`/v1/keys/${keyId}`, { ipAllowlist: ['127.0.0.1'] });
    expect((await authorize(server, '', { bearer: token })).status).toBe(200);
  });

  it('403 for a missing permission; ?permission= is repeatable and all are required', async () => {
    const { token } = await createKeyWith(admin, { permissions: ['orders.read', 'orders.write'] });
    expect((await authorize(server, '?permission=orders.read', { bearer: token })).status).toBe(200);
    expect((await authorize(server, '?permission=orders.read&permission=orders.write', { bearer: token })).status).toBe(200);
    expectRefusal(await authorize(server, '?permission=orders.delete', { bearer: token }), 403, 'INSUFFICIENT_PERMISSIONS');
    expectRefusal(await authorize(server, '?permission=orders.read&permission=orders.delete', { apiKey: token }), 403, 'INSUFFICIENT_PERMISSIONS');
  });

  it('?projectId= isolates projects: another project is 401', async () => {
    const first = await createKeyWith(admin);
    const second = await createKeyWith(admin);
    expect((await authorize(server, `?projectId=${first.projectId}`, { bearer: first.token })).status).toBe(200);
    expectRefusal(await authorize(server, `?projectId=${second.projectId}`, { bearer: first.token }), 401, 'NOT_FOUND');
  });

  it('a malformed query is 400, not a verdict', async () => {
    const { token } = await createKeyWith(admin);
    expect((await authorize(server, '?projectId=nope', { bearer: token })).status).toBe(400);
    expect((await authorize(server, '?permission=Bad%20Permission', { bearer: token })).status).toBe(400);
    expect((await authorize(server, '?key=x', { bearer: token })).status).toBe(400);
  });

  it('a session cookie is not a key: with only a cookie the answer is 401', async () => {
    const session = await signIn(server);
    const response = await apiClient(server.url, { cookie: session.cookie }).get('/v1/authorize');
    expect(response.status).toBe(401);
  });

  it('ignores X-Forwarded-For and X-Real-IP from a peer that is not a trusted proxy', async () => {
    const { token, keyId } = await createKeyWith(admin, { key: { ipAllowlist: ['203.0.113.0/24'] } });
    expectRefusal(await authorize(server, '', { bearer: token }, { 'x-forwarded-for': '203.0.113.9' }), 403, 'IP_NOT_ALLOWED');
    expectRefusal(await authorize(server, '', { bearer: token }, { 'x-real-ip': '203.0.113.9' }), 403, 'IP_NOT_ALLOWED');
    // The other way round: the real peer is allowed, a claimed outside address changes nothing.
    await admin.patch(`/v1/keys/${keyId}`, { ipAllowlist: ['127.0.0.1'] });
    expect((await authorize(server, '', { bearer: token }, { 'x-forwarded-for': '198.51.100.1', 'x-real-ip': '198.51.100.1' })).status).toBe(200);
  });
});

describe('GET /v1/authorize behind a trusted proxy (KEYWARD_TRUSTED_PROXIES=127.0.0.1)', () => {
  let server: TestServer;
  let admin: ApiClient;

  withServerAndAdmin((started) => ({ server, admin } = started), { env: { KEYWARD_TRUSTED_PROXIES: '127.0.0.1' } });

  it('takes the client address from X-Forwarded-For', async () => {
    const { token } = await createKeyWith(admin, { key: { ipAllowlist: ['203.0.113.0/24'] } });
    expect((await authorize(server, '', { bearer: token }, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(200);
    expectRefusal(await authorize(server, '', { bearer: token }, { 'x-forwarded-for': '198.51.100.1' }), 403, 'IP_NOT_ALLOWED');
    // Without the header the peer itself (the proxy) is the client, and it is not allowed.
    expectRefusal(await authorize(server, '', { bearer: token }), 403, 'IP_NOT_ALLOWED');
  });

  it('uses the address the trusted proxy appended, not one the client put in front', async () => {
    const { token } = await createKeyWith(admin, { key: { ipAllowlist: ['203.0.113.0/24'] } });
    // The client claims 203.0.113.9; our proxy saw it as 198.51.100.1 and appended that.
    expectRefusal(await authorize(server, '', { bearer: token }, { 'x-forwarded-for': '203.0.113.9, 198.51.100.1' }), 403, 'IP_NOT_ALLOWED');
    expect((await authorize(server, '', { bearer: token }, { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' })).status).toBe(200);
  });

  it('takes the client address from X-Real-IP', async () => {
    const { token } = await createKeyWith(admin, { key: { ipAllowlist: ['203.0.113.0/24'] } });
    expect((await authorize(server, '', { bearer: token }, { 'x-real-ip': '203.0.113.77' })).status).toBe(200);
    expectRefusal(await authorize(server, '', { bearer: token }, { 'x-real-ip': '198.51.100.1' }), 403, 'IP_NOT_ALLOWED');
  });

  it('checks IPv6 client addresses forwarded by the proxy', async () => {
    const { token } = await createKeyWith(admin, { key: { ipAllowlist: ['2001:db8::/32'] } });
    expect((await authorize(server, '', { bearer: token }, { 'x-forwarded-for': '2001:db8::42' })).status).toBe(200);
    expectRefusal(await authorize(server, '', { bearer: token }, { 'x-forwarded-for': '2001:db9::42' }), 403, 'IP_NOT_ALLOWED');
    expect((await authorize(server, '', { bearer: token }, { 'x-real-ip': '2001:db8:1::1' })).status).toBe(200);
  });
});

describe('GET /v1/authorize with a trusted proxy list that excludes the peer', () => {
  let server: TestServer;
  let admin: ApiClient;

  withServerAndAdmin((started) => ({ server, admin } = started), { env: { KEYWARD_TRUSTED_PROXIES: '10.0.0.0/8' } });

  it('ignores X-Forwarded-For and X-Real-IP from 127.0.0.1', async () => {
    const { token } = await createKeyWith(admin, { key: { ipAllowlist: ['203.0.113.0/24'] } });
    expectRefusal(await authorize(server, '', { bearer: token }, { 'x-forwarded-for': '203.0.113.9' }), 403, 'IP_NOT_ALLOWED');
    expectRefusal(await authorize(server, '', { bearer: token }, { 'x-real-ip': '203.0.113.9' }), 403, 'IP_NOT_ALLOWED');
  });
});

describe('GET /v1/authorize with KEYWARD_VERIFY_AUTH=required', () => {
  let server: TestServer;
  let admin: ApiClient;

  withServerAndAdmin((started) => ({ server, admin } = started), { env: { KEYWARD_VERIFY_AUTH: 'required' } });

  it("needs the proxy's own keys.verify key in X-Keyward-Token, and answers for the client's key", async () => {
    const client = await createKeyWith(admin, { permissions: ['orders.read'] });
    const proxy = await createKeyWith(admin, { permissions: ['keys.verify'] });
    const weak = await createKeyWith(admin, { permissions: ['keys.read'] });

    const withoutProxyKey = await authorize(server, '', { bearer: client.token });
    expect(withoutProxyKey.status).toBe(401);
    expect(withoutProxyKey.headers.get('x-keyward-key-id')).toBeNull();

    const weakProxy = await authorize(server, '', { bearer: client.token }, { 'x-keyward-token': weak.token });
    expect(weakProxy.status).toBe(403);
    expect(weakProxy.body.code).toBe('FORBIDDEN');

    const allowed = await authorize(server, '?permission=orders.read', { bearer: client.token }, { 'x-keyward-token': proxy.token });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('x-keyward-key-id')).toBe(client.keyId);

    const refused = await authorize(server, '?permission=orders.write', { apiKey: client.token }, { 'x-keyward-token': proxy.token });
    expectRefusal(refused, 403, 'INSUFFICIENT_PERMISSIONS');
  });
});
