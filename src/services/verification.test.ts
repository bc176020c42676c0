import { describe, expect, it } from 'vitest';
import { apiClient, createKeyWith, signIn } from '../../test/support/api-client.ts';
import { untilHashFilterReady } from '../../test/support/hash-filter.ts';
import type { TestServer } from '../../test/support/test-server.ts';
import { generateToken, hashToken } from '../domain/token.ts';
import { withTestServer } from '../../test/support/server-with-admin.ts';

describe('verification hot path', () => {
  let server: TestServer;
  withTestServer((started) => (server = started));

  it('never looks up a malformed or mistyped token', async () => {
    const before = { ...server.app.services.cache.stats };
    const anonymous = apiClient(server.url);
    const valid = generateToken('tk');
    const mistyped = valid.slice(0, -1) + (valid.endsWith('a') ? 'b' : 'a');
    for (const key of ['nonsense', 'tk_short', mistyped, 'x'.repeat(500)]) {
      const result = await anonymous.post('/v1/keys/verify', { key });
      expect(result.body).toEqual({ valid: false, code: 'NOT_FOUND' });
    }
    expect(server.app.services.cache.stats).toEqual(before);
  });

  it('asks the database at most once per unknown token, not once per request, in a flood', async () => {
    const anonymous = apiClient(server.url);
    // SQLite's filter of stored hashes turns away a hash it has never seen before any look-up.
    const filtered = server.store === 'sqlite';
    if (filtered) await untilHashFilterReady(anonymous);
    const unknown = Array.from({ length: 10 }, () => generateToken('tk'));
    const before = server.app.services.cache.stats.misses;
    await Promise.all(Array.from({ length: 300 }, (_, i) => anonymous.post('/v1/keys/verify', { key: unknown[i % unknown.length] })));
    expect(server.app.services.cache.stats.misses - before).toBe(filtered ? 0 : unknown.length);
    const metrics = await anonymous.get('/metrics');
    if (filtered) {
      expect(metrics.text).toMatch(/^keyward_key_hash_filter_lookups_total\{result="absent"\} ([3-9]\d\d|\d{4,})$/m);
    } else {
      expect(metrics.text).toMatch(/keyward_key_cache_lookups_total\{result="hit"\} [1-9]\d\d/);
    }
  });

  it('answers a known key from memory after the first look-up, and forgets it on change', async () => {
    const { client } = await signIn(server);
    const { token, keyId } = await createKeyWith(client);
    const anonymous = apiClient(server.url);
    await anonymous.post('/v1/keys/verify', { key: token });
    const misses = server.app.services.cache.stats.misses;
    for (let i = 0; i < 20; i++) expect((await anonymous.post('/v1/keys/verify', { key: token })).body.code).toBe('VALID');
    expect(server.app.services.cache.stats.misses).toBe(misses);
    await client.patch(`/v1/keys/${keyId}`, { enabled: false });
    expect((await anonymous.post('/v1/keys/verify', { key: token })).body.code).toBe('DISABLED');
    expect(server.app.services.cache.stats.misses).toBe(misses + 1);
  });

  it('reads a key not cached, with all of its groups, in one statement', async () => {
    const { client } = await signIn(server);
    const group = async (permission: string) =>
      (await client.post('/v1/groups', { name: `group-${Math.random().toString(36).slice(2, 10)}`, permissions: [permission] })).body.id as string;
    const groupIds = [await group('orders.read'), await group('refunds.create')];
    const { token } = await createKeyWith(client, { key: { groupIds } });
    const { store, secret } = server.app.services;
    const hash = hashToken(secret, token);
    // Writes behind (every 50 ms in tests) have nothing left to write after this pause.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const statements = async () => Number(/^keyward_database_statements_total (\d+)/m.exec((await apiClient(server.url).get('/metrics')).text)?.[1]);
    const before = await statements();
    for (let i = 0; i < 20; i++) expect((await store.keys.findVerifiable(hash))?.permissions).toEqual(['orders.read', 'refunds.create']);
    // Two statements each (the key, then its groups) would be 40.
    expect((await statements()) - before).toBeLessThan(30);
  });
});
