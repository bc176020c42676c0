import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, type ApiClient } from '../../../test/support/api-client.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('GET /v1/authorize: wildcards and permission queries', () => {
  let server: TestServer;
  let admin: ApiClient;
  let token: string;

  const authorize = (query: string, key = token) => apiClient(server.url).get(`/v1/authorize${query}`, { authorization: `Bearer ${key}` });
  const permission = (...values: string[]) => `?${values.map((value) => `permission=${encodeURIComponent(value)}`).join('&')}`;

  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    token = (await createKeyWith(admin, { permissions: ['orders.*', 'refunds.admin'] })).token;
  });

  it('a wildcard grant passes its namespace and nothing beside it', async () => {
    expect((await authorize(permission('orders.refunds.create'))).status).toBe(200);
    for (const outside of ['orders', 'ordersx.read']) {
      const response = await authorize(permission(outside));
      expect(response.status, outside).toBe(403);
      expect(response.headers.get('x-keyward-code')).toBe('INSUFFICIENT_PERMISSIONS');
    }
  });

  it('takes a query in ?permission=, and several values all of which must hold', async () => {
    expect((await authorize(permission('orders.read AND (refunds.create OR refunds.admin)'))).status).toBe(200);
    expect((await authorize(permission('billing.read OR orders.read'))).status).toBe(200);
    expect((await authorize(permission('billing.read or refunds.create'))).status).toBe(403);
    expect((await authorize(permission('orders.read', 'billing.read OR refunds.admin'))).status).toBe(200);
    expect((await authorize(permission('billing.read', 'billing.read OR refunds.admin'))).status).toBe(403);
  });

  it('a malformed query is 400 with the position, whatever key is sent', async () => {
    for (const key of [token, 'not-a-key']) {
      const response = await authorize(permission('orders.read', 'orders.read OR (billing.read'), key);
      expectProblem(response, 400, 'VALIDATION_FAILED', '/permission/1');
      expect(response.body.errors[0].message).toContain('at position 28');
    }
    expectProblem(await authorize(permission(Array.from({ length: 1001 }, (_, i) => `p${i}`).join(' OR '))), 400, 'VALIDATION_FAILED');
    expectProblem(await authorize(permission(Array.from({ length: 101 }, () => 'a').join(' OR '))), 400, 'VALIDATION_FAILED', '/permission/0');
  });
});
