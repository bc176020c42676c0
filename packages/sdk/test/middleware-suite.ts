import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyWith, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import type { GuardOptions } from '../src/request-guard.ts';
import type { LimitRequest } from '../src/types.ts';
import { closedPort } from './closed-port.ts';

/** A framework app listening on a port, whose `GET /orders` is behind the middleware and answers `{key}`. */
export type ProtectedApp = { url: string; close: () => Promise<void> };

/**
 * The middleware's options, with `ratelimits` as a list or as a function of the request's
 * headers: each framework wraps that function in one of its own request (or context), so the
 * suite proves the function form through every adapter.
 */
export type AppOptions = Omit<GuardOptions, 'ratelimits'> & {
  ratelimits?: readonly LimitRequest[] | ((header: (name: string) => string | undefined) => readonly LimitRequest[] | undefined);
};

/**
 * The behaviour every framework's middleware must show, proven inside a real app of that
 * framework against a real Keyward server. `start` builds the app with the middleware on
 * `GET /orders` and that route answering `{ key }` (what the middleware put on the request).
 */
export function describeMiddleware(framework: string, start: (options: AppOptions) => Promise<ProtectedApp>): void {
  describe(`${framework} middleware against a real Keyward`, () => {
    let server: TestServer;
    let admin: ApiClient;
    let app: ProtectedApp;
    let reader: Awaited<ReturnType<typeof createKeyWith>>;
    const apps: ProtectedApp[] = [];

    const get = async (target: ProtectedApp, headers: Record<string, string> = {}) => {
      const response = await fetch(`${target.url}/orders`, { headers });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    };
    const startApp = async (options: AppOptions) => {
      const started = await start(options);
      apps.push(started);
      return started;
    };

    beforeAll(async () => {
      server = await startTestServer();
      admin = (await signIn(server)).client;
      reader = await createKeyWith(admin, { permissions: ['orders.read'], projectPrefix: 'shop' });
      app = await startApp({ keyward: { baseUrl: server.url, retry: { retries: 0 } }, projectId: reader.projectId, permissions: ['orders.read'] });
    });
    afterAll(async () => {
      for (const started of apps) await started.close();
      await server?.close();
    });

    it('lets a valid key through as a Bearer token and puts its id, owner and permissions on the request', async () => {
      const response = await get(app, { authorization: `Bearer ${reader.token}` });
      expect(response.status).toBe(200);
      expect(response.body.key).toMatchObject({ keyId: reader.keyId, projectId: reader.projectId, ownerId: null, permissions: ['orders.read'], identity: null, ratelimits: [] });
    });

    it("puts the key's identity (your customer) with its meta on the request", async () => {
      const customer = await admin.post('/v1/identities', { externalId: `acme-${framework}`, meta: { plan: 'enterprise' } });
      expect(customer.status, customer.text).toBe(201);
      const key = await admin.post('/v1/keys', { projectId: reader.projectId, groupIds: reader.groupIds, externalId: `acme-${framework}` });
      const response = await get(app, { authorization: `Bearer ${key.body.token}` });
      expect(response.status).toBe(200);
      expect(response.body.key).toMatchObject({
        keyId: key.body.key.id,
        identity: { id: customer.body.id, externalId: `acme-${framework}`, meta: { plan: 'enterprise' } },
      });
    });

    it("spends the route's named limits at their cost, shared by the identity's keys, then answers 429 with Retry-After", async () => {
      const externalId = `tokens-${framework}`;
      await admin.post('/v1/identities', { externalId, ratelimits: [{ name: 'tokens', limit: 10, durationMs: 60_000, autoApply: false }] });
      const first = await admin.post('/v1/keys', { projectId: reader.projectId, groupIds: reader.groupIds, externalId });
      const second = await admin.post('/v1/keys', { projectId: reader.projectId, groupIds: reader.groupIds, externalId });
      const costly = await startApp({ keyward: { baseUrl: server.url }, projectId: reader.projectId, permissions: ['orders.read'], ratelimits: [{ name: 'tokens', cost: 4 }] });

      const passed = await get(costly, { 'x-api-key': first.body.token });
      expect(passed.status).toBe(200);
      expect(passed.body.key.ratelimits).toEqual([expect.objectContaining({ name: 'tokens', limit: 10, remaining: 6, exceeded: false })]);
      expect((await get(costly, { 'x-api-key': second.body.token })).status).toBe(200);
      // 8 of 10 spent by the two keys together: 4 more would pass 10.
      const over = await get(costly, { 'x-api-key': first.body.token });
      expect(over.status).toBe(429);
      expect(over.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(50);
      expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(61);
      expect(over.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', verification: 'RATE_LIMITED' });
      expect(over.body.detail).toContain('tokens');
      // The same keys on a route that names no limit pass: tokens is not applied automatically.
      expect((await get(app, { 'x-api-key': first.body.token })).status).toBe(200);
    });

    it('takes the named limits from a function of the request', async () => {
      const key = await admin.post('/v1/keys', {
        projectId: reader.projectId,
        groupIds: reader.groupIds,
        ratelimits: [{ name: 'tokens', limit: 10, durationMs: 60_000, autoApply: false }],
      });
      const metered = await startApp({
        keyward: { baseUrl: server.url },
        ratelimits: (header) => (header('x-tokens') ? [{ name: 'tokens', cost: Number(header('x-tokens')) }] : undefined),
      });
      expect((await get(metered, { 'x-api-key': key.body.token, 'x-tokens': '10' })).status).toBe(200);
      expect((await get(metered, { 'x-api-key': key.body.token })).status).toBe(200);
      const over = await get(metered, { 'x-api-key': key.body.token, 'x-tokens': '1' });
      expect(over.status).toBe(429);
      expect(over.body.detail).toContain('tokens');
    });

    it('reads the key from X-API-Key too', async () => {
      const response = await get(app, { 'x-api-key': reader.token });
      expect(response.status).toBe(200);
      expect(response.body.key.keyId).toBe(reader.keyId);
    });

    it('answers 401 problem+json with a challenge when there is no key', async () => {
      const response = await get(app);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="keyward"/);
      expect(response.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', title: 'Unauthorized' });
      expect(response.body.detail).toMatch(/X-API-Key/);
    });

    it('answers 401 for an unknown key, and for a key of another project', async () => {
      const unknown = await get(app, { authorization: 'Bearer shop_000000000000000000000000000000' });
      expect(unknown.status).toBe(401);
      expect(unknown.body).toMatchObject({ code: 'UNAUTHENTICATED', verification: 'NOT_FOUND' });

      const elsewhere = await createKeyWith(admin, { permissions: ['orders.read'] });
      const other = await get(app, { authorization: `Bearer ${elsewhere.token}` });
      expect(other.status).toBe(401);
      expect(other.body.verification).toBe('NOT_FOUND');
    });

    it('answers 401 for a disabled key, on the very next request', async () => {
      const key = await admin.post('/v1/keys', { projectId: reader.projectId, name: 'soon off', groupIds: reader.groupIds });
      expect((await get(app, { 'x-api-key': key.body.token })).status).toBe(200);
      await admin.patch(`/v1/keys/${key.body.key.id}`, { enabled: false });
      const response = await get(app, { 'x-api-key': key.body.token });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED', verification: 'DISABLED' });
    });

    it('answers 403 for a key without the required permission', async () => {
      const key = await admin.post('/v1/keys', { projectId: reader.projectId, name: 'no rights' });
      const response = await get(app, { authorization: `Bearer ${key.body.token}` });
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 403, code: 'FORBIDDEN', verification: 'INSUFFICIENT_PERMISSIONS' });
    });

    it("sends the caller's address, so a key's IP allowlist holds", async () => {
      const key = await admin.post('/v1/keys', { projectId: reader.projectId, name: 'office only', groupIds: reader.groupIds, ipAllowlist: ['203.0.113.0/24'] });
      const response = await get(app, { authorization: `Bearer ${key.body.token}` });
      expect(response.status).toBe(403);
      expect(response.body.verification).toBe('IP_NOT_ALLOWED');
    });

    it('answers 429 with Retry-After when the key is over its rate limit or usage', async () => {
      const limited = await admin.post('/v1/keys', { projectId: reader.projectId, groupIds: reader.groupIds, ratelimit: { limit: 1, windowMs: 60_000 } });
      expect((await get(app, { 'x-api-key': limited.body.token })).status).toBe(200);
      const over = await get(app, { 'x-api-key': limited.body.token });
      expect(over.status).toBe(429);
      expect(over.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      // From the window's reset time, which Keyward reports with the answer.
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(50);
      expect(over.body.detail).toContain('default');
      expect(over.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', verification: 'RATE_LIMITED' });

      const spent = await admin.post('/v1/keys', { projectId: reader.projectId, groupIds: reader.groupIds, remaining: 0 });
      const exhausted = await get(app, { authorization: `Bearer ${spent.body.token}` });
      expect(exhausted.status).toBe(429);
      expect(exhausted.body.verification).toBe('USAGE_EXCEEDED');
    });

    it('fails closed with 503 when Keyward cannot be reached, and reports why', async () => {
      const errors: unknown[] = [];
      const unreachable = await startApp({
        keyward: { baseUrl: `http://127.0.0.1:${await closedPort()}`, retry: { retries: 1, delayMs: 1 } },
        onError: (error) => errors.push(error),
      });
      const response = await get(unreachable, { authorization: `Bearer ${reader.token}` });
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ status: 503, code: 'KEYWARD_UNAVAILABLE' });
      expect(errors).toHaveLength(1);
      expect(String(errors[0])).toMatch(/could not reach Keyward/);
    });
  });
}
