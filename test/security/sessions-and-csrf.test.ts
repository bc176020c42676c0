import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS } from '../../src/services/auth.ts';
import { apiClient, createKeyWith, signIn } from '../support/api-client.ts';
import { snapshotDatabase } from '../support/db-snapshot.ts';
import { managementKey } from '../support/people.ts';
import { expectProblem } from '../support/problems.ts';
import { ADMIN, startTestServer, type TestServer } from '../support/test-server.ts';
import { withTestServer } from '../support/server-with-admin.ts';

const TOUCHED_BY_READS = ['keys.last_used_at', 'sessions.last_seen_at'];

/** The attributes of a Set-Cookie header, lower-cased, by name. */
function cookieAttributes(setCookie: string): Map<string, string> {
  const [, ...attributes] = setCookie.split(';').map((part) => part.trim());
  return new Map(attributes.map((attribute) => {
    const [name, value = ''] = attribute.split('=');
    return [name!.toLowerCase(), value.toLowerCase()];
  }));
}

async function login(server: TestServer, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(ADMIN) });
}

describe('the session cookie', () => {
  let plain: TestServer;
  let proxied: TestServer;
  beforeAll(async () => {
    plain = await startTestServer();
    proxied = await startTestServer({ env: { KEYWARD_TRUSTED_PROXIES: '127.0.0.1' } });
  });
  afterAll(async () => Promise.all([plain.close(), proxied.close()]));

  it('is HttpOnly, SameSite=Strict, host-only, for the whole site, and lives no longer than a session may', async () => {
    const setCookie = (await login(plain)).headers.get('set-cookie')!;
    expect(setCookie.split(';')[0]).toMatch(/^keyward_session=[A-Za-z0-9_-]{43}$/);
    const attributes = cookieAttributes(setCookie);
    expect(attributes.has('httponly')).toBe(true);
    expect(attributes.get('samesite')).toBe('strict');
    expect(attributes.get('path')).toBe('/');
    // No Domain: the browser sends it to this host only, never to sibling subdomains.
    expect(attributes.has('domain')).toBe(false);
    expect(Number(attributes.get('max-age'))).toBe(SESSION_ABSOLUTE_MS / 1000);
    // Served over plain HTTP, it cannot be Secure (the browser would drop it).
    expect(attributes.has('secure')).toBe(false);
  });

  it('is Secure behind a trusted proxy that terminated TLS', async () => {
    const response = await login(proxied, { 'x-forwarded-proto': 'https' });
    expect(cookieAttributes(response.headers.get('set-cookie')!).has('secure')).toBe(true);
  });

  it('cannot be read by the page: no answer ever puts the session id in a body', async () => {
    const response = await login(plain);
    const value = response.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    const body = await response.text();
    expect(body).not.toContain(value);
    const me = await apiClient(plain.url, { cookie: `keyward_session=${value}` }).get('/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.text).not.toContain(value);
  });
});

describe('CSRF: a cookie alone never changes anything', () => {
  let server: TestServer;
  let session: Awaited<ReturnType<typeof signIn>>;
  let other: Awaited<ReturnType<typeof signIn>>;
  let keyId: string;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer();
    session = await signIn(server);
    other = await signIn(server);
    ({ keyId, projectId } = await createKeyWith(session.client));
  });
  afterAll(async () => server.close());

  /** Sends a write with the victim's cookie, as a hostile page or script could; returns the answer. */
  async function forged(method: string, path: string, headers: Record<string, string>, body?: string) {
    const before = await snapshotDatabase(server, TOUCHED_BY_READS);
    const response = await fetch(server.url + path, { method, headers: { cookie: session.cookie, ...headers }, body });
    const text = await response.text();
    expect(await snapshotDatabase(server, TOUCHED_BY_READS), `${method} ${path} changed the database`).toEqual(before);
    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
  }

  const writes = () => [
    ['POST', '/v1/projects', '{"name":"forged"}'],
    ['PATCH', `/v1/keys/${keyId}`, '{"enabled":false}'],
    ['POST', `/v1/keys/${keyId}/regenerate`, '{}'],
    ['DELETE', `/v1/keys/${keyId}`, undefined],
    ['POST', '/v1/users', '{"username":"forged-admin","role":"admin","password":"forged-password-123"}'],
    ['POST', '/v1/keys', `{"projectId":"${projectId}"}`],
  ] as const;

  it('the bodies an HTML form can send cross-site (form, text, multipart) are refused before anything runs', async () => {
    for (const [method, path, body] of writes()) {
      for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
        const response = await forged(method, path, { 'content-type': type }, body ?? '');
        expect([403, 415], `${method} ${path} as ${type}: ${response.text}`).toContain(response.status);
      }
    }
  });

  it('the token must be the header of this very session: not absent, not another session\'s, not altered, not in the URL or body', async () => {
    const variants: [string, Record<string, string>, (body: string | undefined) => string | undefined, string][] = [
      ['no token', {}, (body) => body, ''],
      ['another session\'s token', { 'x-csrf-token': other.csrfToken }, (body) => body, ''],
      ['the token upper-cased', { 'x-csrf-token': session.csrfToken.toUpperCase() }, (body) => body, ''],
      ['the token with a character more', { 'x-csrf-token': `${session.csrfToken}A` }, (body) => body, ''],
      ['the token cut short', { 'x-csrf-token': session.csrfToken.slice(0, 16) }, (body) => body, ''],
      ['the token twice', { 'x-csrf-token': `${session.csrfToken}, ${session.csrfToken}` }, (body) => body, ''],
      ['the token in the query string', {}, (body) => body, `?csrfToken=${session.csrfToken}&x-csrf-token=${session.csrfToken}`],
      ['the token in the body', {}, (body) => (body ? body.replace(/^\{/, `{"csrfToken":"${session.csrfToken}",`) : `{"csrfToken":"${session.csrfToken}"}`), ''],
    ];
    for (const [method, path, body] of writes()) {
      for (const [label, headers, makeBody, query] of variants) {
        const response = await forged(method, path + query, { 'content-type': 'application/json', ...headers }, makeBody(body));
        expect(response.status, `${label}: ${method} ${path}`).toBe(403);
        expect(response.body.code, `${label}: ${method} ${path}`).toBe('CSRF_FAILED');
      }
    }
    // The session itself is untouched and still works with its own token.
    expect((await session.client.patch(`/v1/keys/${keyId}`, { description: 'still mine' })).status).toBe(200);
  });

  it('a Bearer key needs no CSRF token and acts as itself, whatever cookie rides along', async () => {
    const reader = await managementKey(server, session.client, ['projects.read']);
    const response = await fetch(`${server.url}/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reader.token}`, cookie: session.cookie, 'content-type': 'application/json' },
      body: '{"name":"not with the admin\'s cookie"}',
    });
    // The key holds projects.read only: the admin's cookie lends it nothing.
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('FORBIDDEN');
  });
});

describe('CSRF on verification when it needs a credential (KEYWARD_VERIFY_AUTH=required)', () => {
  let server: TestServer;
  withTestServer((started) => (server = started), { env: { KEYWARD_VERIFY_AUTH: 'required' } });

  it('a session verifies only with its CSRF token; a Bearer key needs none', async () => {
    const session = await signIn(server);
    const { token } = await createKeyWith(session.client);
    expectProblem(await apiClient(server.url, { cookie: session.cookie }).post('/v1/keys/verify', { key: token }), 403, 'CSRF_FAILED');
    expect((await session.client.post('/v1/keys/verify', { key: token })).body.code).toBe('VALID');
    const verifier = await managementKey(server, session.client, ['keys.verify']);
    expect((await verifier.client.post('/v1/keys/verify', { key: token })).body.code).toBe('VALID');
    expectProblem(await apiClient(server.url).post('/v1/keys/verify', { key: token }), 401, 'UNAUTHENTICATED');
  });
});
