import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, signIn, type ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { withServerAndKey } from '../support/server-with-admin.ts';

/** The headers helmet must put on every response a browser may render or run. */
function expectBrowserHeaders(headers: Headers, what: string): void {
  const csp = headers.get('content-security-policy') ?? '';
  const directives = new Map(csp.split(';').map((part) => part.trim()).filter(Boolean).map((part) => {
    const [name, ...values] = part.split(/\s+/);
    return [name!, values] as const;
  }));
  expect(directives.get('default-src'), `${what}: ${csp}`).toEqual(["'self'"]);
  expect(directives.get('object-src'), what).toEqual(["'none'"]);
  expect(directives.get('base-uri'), what).toEqual(["'self'"]);
  expect(directives.get('frame-ancestors'), what).toBeDefined();
  // Scripts only from Keyward itself: no inline script, no eval, no other origin.
  expect(directives.get('script-src'), what).toEqual(["'self'"]);
  expect(directives.get('script-src-attr'), what).toEqual(["'none'"]);
  // Keyward may be served over plain HTTP on a private network; nothing may force https.
  expect(directives.has('upgrade-insecure-requests'), what).toBe(false);
  expect(Number(/max-age=(\d+)/.exec(headers.get('strict-transport-security') ?? '')?.[1]), what).toBeGreaterThanOrEqual(180 * 24 * 3600);
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(headers.get('x-frame-options'), what).toMatch(/^(DENY|SAMEORIGIN)$/);
  expect(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(headers.get('cross-origin-resource-policy'), what).toBe('same-origin');
  expect(headers.get('x-powered-by'), what).toBeNull();
  expect(headers.get('server'), what).toBeNull();
}

/** Whether any header would let another origin read a response or send credentials. */
function corsHeaders(headers: Headers): [string, string][] {
  return [...headers].filter(([name]) => name.startsWith('access-control-'));
}

describe('security headers on every kind of response', () => {
  let server: TestServer;
  let admin: ApiClient;
  let token: string;
  let keyId: string;

  withServerAndKey((started) => ({ server, admin, token, keyId } = started), { permissions: ['x.read'] });

  const page = { accept: 'text/html,application/xhtml+xml' };
  it.each([
    ['the dashboard at /', '/', page],
    ['a dashboard deep link', '/keys?status=active', page],
    ['the API reference at /docs', '/docs', page],
    ['a /docs asset', '/docs/static/index.html', page],
    ['/openapi.json', '/openapi.json', {}],
    ['/metrics', '/metrics', {}],
    ['/healthz', '/healthz', {}],
    ['a 404 problem', '/v1/nothing-here', {}],
    ['a 401 problem', '/v1/projects', {}],
  ])('%s', async (what, path, headers) => {
    const response = await fetch(server.url + path, { headers, redirect: 'manual' });
    expect(response.status).toBeLessThan(500);
    expectBrowserHeaders(response.headers, what);
  });

  it('on API answers, successes and refusals alike', async () => {
    for (const response of [
      await admin.get('/v1/projects'),
      await admin.get(`/v1/keys/${keyId}`),
      await admin.post('/v1/projects', '{"name":'),
      await admin.post('/v1/projects', { name: 'x', unknown: true }),
      await admin.request('POST', '/v1/projects', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' }),
    ]) {
      expectBrowserHeaders(response.headers, `${response.status} ${response.text.slice(0, 80)}`);
    }
  });

  it('the token-bearing answers (create, regenerate) are never stored by a cache', async () => {
    const project = (await admin.post('/v1/projects', { name: 'Cache' })).body.id;
    const created = await admin.post('/v1/keys', { projectId: project });
    expect(created.headers.get('cache-control')).toContain('no-store');
    const rotated = await admin.post(`/v1/keys/${created.body.key.id}/regenerate`, {});
    expect(rotated.headers.get('cache-control')).toContain('no-store');
  });

  it('the verification routes send their own small set: no-store, nosniff, nothing may load or frame them', async () => {
    const verify = await apiClient(server.url).post('/v1/keys/verify', { key: token });
    const authorize = await apiClient(server.url).get('/v1/authorize', { authorization: `Bearer ${token}` });
    for (const response of [verify, authorize]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('the session cookie is the only cookie, and the dashboard sets none', async () => {
    const dashboard = await fetch(`${server.url}/`, { headers: page });
    expect(dashboard.headers.get('set-cookie')).toBeNull();
  });
});

describe('CORS is closed: no other origin may read an answer or send credentials', () => {
  let server: TestServer;
  let operations: { method: string; path: string }[];
  let session: { cookie: string; csrfToken: string };

  beforeAll(async () => {
    server = await startTestServer();
    session = await signIn(server);
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path: path.replace('{id}', 'key_01jd2f3g4h5j6k7m8n9p0q1r') })),
    );
    operations.push({ method: 'GET', path: '/' });
  });
  afterAll(async () => server.close());

  it('a preflight for any route and method gets no access-control header', async () => {
    expect(operations.length).toBeGreaterThan(25);
    for (const { method, path } of operations) {
      for (const origin of ['https://evil.example', 'null', server.url.replace('127.0.0.1', 'localhost')]) {
        const response = await fetch(server.url + path, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type, x-csrf-token, authorization' },
        });
        await response.arrayBuffer();
        expect(response.status, `${method} ${path}`).toBeLessThan(500);
        expect(corsHeaders(response.headers), `OPTIONS ${path} for ${method} from ${origin}`).toEqual([]);
      }
    }
  });

  it('an answer to a cross-origin request, even with the session cookie, carries no access-control header', async () => {
    for (const { method, path } of operations) {
      const response = await fetch(server.url + path, {
        method,
        headers: { origin: 'https://evil.example', cookie: session.cookie, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
        body: method === 'GET' ? undefined : '{}',
      });
      await response.arrayBuffer();
      expect(corsHeaders(response.headers), `${method} ${path}`).toEqual([]);
    }
  });
});
