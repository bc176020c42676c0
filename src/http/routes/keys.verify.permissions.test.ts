import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, type ApiClient } from '../../../test/support/api-client.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import { type TestServer } from '../../../test/support/test-server.ts';
import { withServerAndAdmin } from '../../../test/support/server-with-admin.ts';

describe('POST /v1/keys/verify: wildcards, permission queries, cost and tags', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anonymous: ApiClient;
  let wildcard: string;
  let exact: string;

  const codeFor = async (key: string, permissions: unknown) => {
    const response = await anonymous.post('/v1/keys/verify', { key, permissions });
    expect(response.status, response.text).toBe(200);
    return response.body.code as string;
  };

  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    anonymous = apiClient(server.url);
    wildcard = (await createKeyWith(admin, { permissions: ['orders.*', 'refunds.admin'] })).token;
    exact = (await createKeyWith(admin, { permissions: ['orders.read', 'refunds.create'] })).token;
  });

  it('a namespace wildcard covers its namespace, at any depth, and nothing beside it', async () => {
    for (const permission of ['orders.read', 'orders.refunds.create', 'orders.*', 'orders.refunds.*']) expect(await codeFor(wildcard, permission), permission).toBe('VALID');
    for (const permission of ['orders', 'ordersx.read', 'refunds.create', '*']) expect(await codeFor(wildcard, permission), permission).toBe('INSUFFICIENT_PERMISSIONS');
    expect(await codeFor(exact, 'orders.*')).toBe('INSUFFICIENT_PERMISSIONS');
    const everything = (await createKeyWith(admin, { permissions: ['*'] })).token;
    for (const permission of ['orders', 'ordersx.read', 'anything.at:all', '*']) expect(await codeFor(everything, permission)).toBe('VALID');
  });

  it('a grant list answers with the grants as held (wildcards unexpanded)', async () => {
    expect((await anonymous.post('/v1/keys/verify', { key: wildcard })).body.permissions).toEqual(['orders.*', 'refunds.admin']);
  });

  it('takes a permission query: AND before OR, any keyword case, parentheses', async () => {
    const query = 'orders.read AND (refunds.create OR refunds.admin)';
    expect(await codeFor(wildcard, query)).toBe('VALID');
    expect(await codeFor(exact, query)).toBe('VALID');
    expect(await codeFor(exact, 'orders.write and (refunds.create or refunds.admin)')).toBe('INSUFFICIENT_PERMISSIONS');
    expect(await codeFor(exact, 'orders.write AND refunds.admin OR orders.read')).toBe('VALID');
    expect(await codeFor(exact, 'orders.write AND (refunds.admin OR orders.read)')).toBe('INSUFFICIENT_PERMISSIONS');
    expect(await codeFor(exact, 'orders.read aNd refunds.create')).toBe('VALID');
  });

  it('a list stays "all of these"; a list item is a permission, never a query', async () => {
    expect(await codeFor(exact, ['orders.read', 'refunds.create'])).toBe('VALID');
    expect(await codeFor(exact, ['orders.read', 'refunds.admin'])).toBe('INSUFFICIENT_PERMISSIONS');
    expectProblem(await anonymous.post('/v1/keys/verify', { key: exact, permissions: ['orders.read OR x'] }), 400, 'VALIDATION_FAILED');
  });

  it('a malformed query is 400 VALIDATION_FAILED with the position of the error', async () => {
    for (const [query, position] of [['orders.read AND', 15], ['orders.read AND (refunds.create', 31], ['orders.read refunds.create', 12], ['Orders.Read', 0]] as const) {
      const response = await anonymous.post('/v1/keys/verify', { key: exact, permissions: query });
      expectProblem(response, 400, 'VALIDATION_FAILED', '/permissions');
      expect(response.body.errors[0].message, query).toContain(`at position ${position}`);
      expect(response.body.detail).toContain(`at position ${position}`);
    }
  });

  it('refuses a 1,001-name query, and a short query of 101 names', async () => {
    const thousandAndOne = Array.from({ length: 1001 }, (_, i) => `p${i}`).join(' OR ');
    expectProblem(await anonymous.post('/v1/keys/verify', { key: exact, permissions: thousandAndOne }), 400, 'VALIDATION_FAILED', '/permissions');
    const hundredAndOne = Array.from({ length: 101 }, () => 'a').join(' OR ');
    const response = await anonymous.post('/v1/keys/verify', { key: exact, permissions: hundredAndOne });
    expectProblem(response, 400, 'VALIDATION_FAILED', '/permissions');
    expect(response.body.errors[0].message).toContain('at position 500');
    const hundred = `${'x OR '.repeat(99)}orders.read`;
    expect(await codeFor(exact, hundred)).toBe('VALID');
  });

  it('takes cost (integer >= 0) and tags (up to 20 of up to 64 characters)', async () => {
    const ok = async (extra: Record<string, unknown>) => (await anonymous.post('/v1/keys/verify', { key: exact, ...extra })).body.code;
    expect(await ok({ cost: 0 })).toBe('VALID');
    expect(await ok({ cost: 25, tags: ['GET /orders', 'region:eu'] })).toBe('VALID');
    expect(await ok({ tags: Array.from({ length: 20 }, (_, i) => `t${i}`.padEnd(64, 'x')) })).toBe('VALID');
    const refused = [
      [{ cost: -1 }, '/cost'],
      [{ cost: 1.5 }, '/cost'],
      [{ cost: '2' }, '/cost'],
      [{ tags: Array.from({ length: 21 }, () => 't') }, '/tags'],
      [{ tags: ['x'.repeat(65)] }, '/tags/0'],
      [{ tags: 'one' }, '/tags'],
    ] as const;
    for (const [extra, path] of refused) expectProblem(await anonymous.post('/v1/keys/verify', { key: exact, ...extra }), 400, 'VALIDATION_FAILED', path);
  });
});
