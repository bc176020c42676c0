import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, signIn, type ApiClient } from '../../../test/support/api-client.ts';
import { foreignToken, secretsOf } from '../../../test/support/foreign-tokens.ts';
import { signInMember } from '../../../test/support/people.ts';
import { expectProblem } from '../../../test/support/problems.ts';
import type { TestServer } from '../../../test/support/test-server.ts';
import { generateToken } from '../../domain/token.ts';
import { withServerAndAdmin, withTestServer } from '../../../test/support/server-with-admin.ts';

const hashOf = (foreign: ReturnType<typeof foreignToken>) => ({ algorithm: 'sha256', encoding: 'hex', value: foreign.hex });

/** Look-ups that went past the token checks, by the cache's counters and by the metric. */
async function lookups(server: TestServer) {
  const metrics = (await apiClient(server.url).get('/metrics')).text;
  const metric = (result: string) => Number(metrics.match(new RegExp(`keyward_key_cache_lookups_total\\{result="${result}"\\} (\\d+)`))?.[1]);
  const counted = { ...server.app.services.cache.stats, metricHits: metric('hit'), metricMisses: metric('miss') };
  expect(Number.isInteger(counted.metricHits) && Number.isInteger(counted.metricMisses), metrics).toBe(true);
  return counted;
}

describe('POST /v1/keys/import: security', () => {
  let server: TestServer;
  let admin: ApiClient;
  let projectId: string;
  const verify = (key: string) => apiClient(server.url).post('/v1/keys/verify', { key });

  withServerAndAdmin((started) => ({ server, admin } = started));
  beforeAll(async () => {
    projectId = (await admin.post('/v1/projects', { name: 'Import security', keyPrefix: 'is' })).body.id;
  });

  it('needs keys.write, and a session write needs its CSRF token', async () => {
    const body = () => ({ projectId, keys: [{ hash: hashOf(foreignToken()) }] });
    expectProblem(await apiClient(server.url).post('/v1/keys/import', body()), 401, 'UNAUTHENTICATED');
    const reader = await signInMember(server, admin, ['keys.read']);
    expectProblem(await reader.client.post('/v1/keys/import', body()), 403, 'FORBIDDEN');
    const session = await signIn(server);
    expectProblem(await apiClient(server.url, { cookie: session.cookie }).post('/v1/keys/import', body()), 403, 'CSRF_FAILED');
  });

  it('no escalation: groups beyond what the importer holds are refused, wildcards included', async () => {
    const wide = (await admin.post('/v1/groups', { name: 'import-orders-all', permissions: ['orders.*'] })).body.id;
    const narrow = (await admin.post('/v1/groups', { name: 'import-orders-read', permissions: ['orders.read'] })).body.id;
    // She may read groups: she is told what she lacks (one who may not is told the group is unknown).
    const holdsRead = await signInMember(server, admin, ['keys.write', 'orders.read', 'groups.read']);
    const refused = await holdsRead.client.post('/v1/keys/import', { projectId, keys: [{ hash: hashOf(foreignToken()), groupIds: [wide] }] });
    expectProblem(refused, 403, 'FORBIDDEN');
    expect(refused.body.detail).toContain('orders.*');
    const blind = await signInMember(server, admin, ['keys.write', 'orders.read']);
    expectProblem(await blind.client.post('/v1/keys/import', { projectId, keys: [{ hash: hashOf(foreignToken()), groupIds: [wide] }] }), 422, 'GROUP_NOT_FOUND');
    expect((await holdsRead.client.post('/v1/keys/import', { projectId, keys: [{ hash: hashOf(foreignToken()), groupIds: [narrow] }] })).status).toBe(201);
    const holdsAll = await signInMember(server, admin, ['keys.write', 'orders.*']);
    const both = await holdsAll.client.post('/v1/keys/import', { projectId, keys: [{ hash: hashOf(foreignToken()), groupIds: [wide] }, { hash: hashOf(foreignToken()), groupIds: [narrow] }] });
    expect(both.status, both.text).toBe(201);
  });

  it('members import only keys they own themselves', async () => {
    // One who may not read users is told "no such user", as for a name nobody has.
    const member = await signInMember(server, admin, ['keys.write', 'keys.read']);
    expectProblem(await member.client.post('/v1/keys/import', { projectId, keys: [{ hash: hashOf(foreignToken()), owner: 'admin' }] }), 422, 'OWNER_NOT_FOUND');
    // One who may is told she may not.
    const reader = await signInMember(server, admin, ['keys.write', 'keys.read', 'users.read']);
    expectProblem(await reader.client.post('/v1/keys/import', { projectId, keys: [{ hash: hashOf(foreignToken()), owner: 'admin' }] }), 403, 'FORBIDDEN');
    const own = await member.client.post('/v1/keys/import', { projectId, keys: [{ hash: hashOf(foreignToken()), owner: member.username }, { hash: hashOf(foreignToken()) }] });
    expect(own.status, own.text).toBe(201);
    expect((await member.client.get(`/v1/keys/${own.body.keys[1].id}`)).status).toBe(200);
  });

  it('a token in our format with a bad checksum never reaches the cache or the database, imports or not', async () => {
    const imported = foreignToken();
    await admin.post('/v1/keys/import', { projectId, keys: [{ hash: hashOf(imported) }] });
    const ours = generateToken('is');
    const mistyped = ours.slice(0, -1) + (ours.endsWith('a') ? 'b' : 'a');
    const madeUp = `is_${'A'.repeat(30)}`;
    const before = await lookups(server);
    for (const key of [mistyped, madeUp, mistyped]) expect((await verify(key)).body).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect((await apiClient(server.url).get('/v1/authorize', { authorization: `Bearer ${mistyped}` })).status).toBe(401);
    expect(await lookups(server)).toEqual(before);

    // A foreign-shaped token is looked up once imports exist (then remembered as unknown) ...
    const stranger = foreignToken().token;
    expect((await verify(stranger)).body.code).toBe('NOT_FOUND');
    expect((await verify(stranger)).body.code).toBe('NOT_FOUND');
    const after = await lookups(server);
    expect(after.misses).toBe(before.misses + 1);
    expect(after.metricMisses).toBe(before.metricMisses + 1);
    // ... and the imported one verifies.
    expect((await verify(imported.token)).body.code).toBe('VALID');
  });

  it('never shows the imported SHA-256: not in answers, lists, audit or logs', async () => {
    const foreign = foreignToken();
    const imported = await admin.post('/v1/keys/import', { projectId, keys: [{ hash: { algorithm: 'sha256', encoding: 'base64', value: foreign.base64 }, name: 'secretive' }] });
    const keyId = imported.body.keys[0].id;
    const seen = [
      imported.text,
      (await admin.get(`/v1/keys/${keyId}`)).text,
      (await admin.get(`/v1/keys?projectId=${projectId}&limit=100`)).text,
      (await admin.get(`/v1/audit?keyId=${keyId}`)).text,
      server.logs.join('\n'),
    ].join('\n');
    for (const spelling of [foreign.hex, foreign.base64, foreign.base64url]) expect(seen).not.toContain(spelling);
    expect(await secretsOf(server, keyId)).toEqual([{ hash: foreign.hex, algorithm: 'sha256' }]);
  });
});

describe('tokens not in our format before any import', () => {
  let server: TestServer;
  withTestServer((started) => (server = started));

  it('are refused without any look-up, as long as no key was ever imported', async () => {
    const before = await lookups(server);
    for (const key of [foreignToken().token, 'sk_live_0123456789abcdef', 'x'.repeat(500)]) {
      expect((await apiClient(server.url).post('/v1/keys/verify', { key })).body).toEqual({ valid: false, code: 'NOT_FOUND' });
    }
    expect(await lookups(server)).toEqual(before);
  });
});
