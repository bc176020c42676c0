import { describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, signIn } from '../../../test/support/api-client.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { withTestServer } from '../../../test/support/server-with-admin.ts';

describe('operations routes', () => {
  let server: TestServer;
  withTestServer((started) => (server = started));

  it('answers /healthz and /readyz', async () => {
    const anonymous = apiClient(server.url);
    expect((await anonymous.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await anonymous.get('/readyz')).body).toEqual({ status: 'ready' });
  });

  it('counts verifications by code in /metrics', async () => {
    const { client } = await signIn(server);
    const { token } = await createKeyWith(client);
    await client.post('/v1/keys/verify', { key: token });
    await client.post('/v1/keys/verify', { key: 'tk_nonsense' });
    const metrics = await apiClient(server.url).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/keyward_verifications_total\{code="VALID"\} [1-9]/);
    expect(metrics.text).toMatch(/keyward_verifications_total\{code="NOT_FOUND"\} [1-9]/);
    expect(metrics.text).toMatch(/keyward_http_requests_total\{method="POST",route="\/v1\/keys\/verify",status="200"\} 2\n/);
    // Durations as a histogram: cumulative buckets ending in +Inf, which equals _count.
    const bucket = (le: string) => Number(metrics.text.match(new RegExp(`keyward_http_request_duration_seconds_bucket\\{method="POST",route="/v1/keys/verify",le="${le.replace('+', '\\+')}"\\} (\\d+)`))?.[1]);
    expect(bucket('0.0005')).toBeLessThanOrEqual(bucket('1'));
    expect(bucket('+Inf')).toBe(2);
    expect(metrics.text).toMatch(/keyward_http_request_duration_seconds_count\{method="POST",route="\/v1\/keys\/verify"\} 2\n/);
    expect(metrics.text).toMatch(/# TYPE keyward_http_request_duration_seconds histogram/);
  });

  it('counts the statements sent to the database in /metrics', async () => {
    const { client } = await signIn(server);
    const statements = async () => Number((await apiClient(server.url).get('/metrics')).text.match(/^keyward_database_statements_total (\d+)$/m)?.[1]);
    const before = await statements();
    expect(before).toBeGreaterThan(0);
    await createKeyWith(client);
    // A project, a key: each an insert, an audit entry and the reads that check them, at least.
    expect(await statements()).toBeGreaterThanOrEqual(before + 6);
  });

  it('serves an OpenAPI document describing every contract route, and /docs', async () => {
    const anonymous = apiClient(server.url);
    const document = (await anonymous.get('/openapi.json')).body;
    expect(document.openapi).toBe('3.1.0');
    const expected: [string, string][] = [
      ['/v1/auth/login', 'post'], ['/v1/auth/me', 'get'], ['/v1/auth/logout', 'post'],
      ['/v1/projects', 'get'], ['/v1/projects', 'post'], ['/v1/projects/{id}', 'get'], ['/v1/projects/{id}', 'patch'], ['/v1/projects/{id}', 'delete'],
      ['/v1/users', 'get'], ['/v1/users', 'post'], ['/v1/users/{id}', 'get'], ['/v1/users/{id}', 'patch'], ['/v1/users/{id}', 'delete'],
      ['/v1/groups', 'get'], ['/v1/groups', 'post'], ['/v1/groups/{id}', 'get'], ['/v1/groups/{id}', 'patch'], ['/v1/groups/{id}', 'delete'],
      ['/v1/keys', 'get'], ['/v1/keys', 'post'], ['/v1/keys/{id}', 'get'], ['/v1/keys/{id}', 'patch'], ['/v1/keys/{id}', 'delete'],
      ['/v1/keys/{id}/regenerate', 'post'], ['/v1/keys/verify', 'post'], ['/v1/authorize', 'get'], ['/v1/audit', 'get'],
      ['/healthz', 'get'], ['/readyz', 'get'], ['/metrics', 'get'],
    ];
    for (const [path, method] of expected) {
      expect(document.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    }
    const createKey = document.paths['/v1/keys'].post;
    expect(createKey.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(Object.keys(createKey.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '422']));
    const docs = await anonymous.get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger');
  });

  it('sends security headers and no CORS allowance', async () => {
    const response = await apiClient(server.url).get('/healthz', { origin: 'https://evil.example' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await apiClient(server.url).get('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.code).toBe('NOT_FOUND');
  });
});

describe('first start without an admin', () => {
  it('logs a one-time setup instruction and never a default password', async () => {
    const server = await startTestServer({ withAdmin: false });
    try {
      const warning = server.logs.find((line) => line.includes('KEYWARD_ADMIN_USERNAME'));
      expect(warning).toBeDefined();
      expect(JSON.parse(warning!).level).toBe(40);
      const login = await apiClient(server.url).post('/v1/auth/login', { username: 'admin', password: 'admin' });
      expect(login.status).toBe(401);
    } finally {
      await server.close();
    }
  });
});

describe('content security policy', () => {
  it('does not force HTTPS on a dashboard served over plain HTTP', async () => {
    const server = await startTestServer();
    try {
      const csp = (await apiClient(server.url).get('/healthz')).headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
    } finally {
      await server.close();
    }
  });
});
