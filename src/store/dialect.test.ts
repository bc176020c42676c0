import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './connect.ts';
import { withMigratedStore } from '../../test/support/migrated-store.ts';

// The write-behind statements read their rows from one JSON parameter, written per dialect:
// each is run here against a real SQLite file and a real PostgreSQL database.
describe.each(['sqlite', 'postgres'] as const)('bulk writes through one JSON parameter (%s)', (dialect) => {
  let store: Store;
  const at = '2026-11-24T10:00:00.000Z';

  withMigratedStore(dialect, (opened) => (store = opened));
  beforeAll(async () => {
    await store.db.insertInto('projects').values({ id: 'prj_1', name: 'p', key_prefix: 'pp', created_at: at, updated_at: at }).execute();
    const key = (id: string, remaining: number | null) => ({
      id, project_id: 'prj_1', name: id, description: '', token_start: 'pp_x', token_end: 'abcd', enabled: 1, owner_id: null, created_by: null,
      expires_at: null, last_used_at: null, ip_allowlist: '[]', meta: '{}', ratelimits: '[]', identity_id: null, remaining, refill: null, last_refill_at: null, created_at: at, updated_at: at,
    });
    await store.db.insertInto('keys').values([key('key_a', 10), key('key_b', 10), key('key_c', null)]).execute();
  });
  // remaining is a bigint column: PostgreSQL's driver hands it over as text.
  const row = async (id: string) => {
    const found = await store.db.selectFrom('keys').select(['last_used_at', 'remaining', 'last_refill_at']).where('id', '=', id).executeTakeFirstOrThrow();
    return { ...found, remaining: found.remaining === null ? null : Number(found.remaining) };
  };

  it('writes lastUsedAt for many keys, never moving it backwards', async () => {
    await store.repos.keys.writeLastUsed([['key_a', '2026-11-24T10:00:05.000Z'], ['key_b', '2026-11-24T10:00:06.000Z']]);
    await store.repos.keys.writeLastUsed([['key_a', '2026-11-24T10:00:01.000Z'], ['key_c', '2026-11-24T10:00:07.000Z']]);
    expect((await row('key_a')).last_used_at).toBe('2026-11-24T10:00:05.000Z');
    expect((await row('key_b')).last_used_at).toBe('2026-11-24T10:00:06.000Z');
    expect((await row('key_c')).last_used_at).toBe('2026-11-24T10:00:07.000Z');
  });

  it('writes quota counters only where the stored value is still the expected one', async () => {
    const written = await store.repos.keyQuotas.writeCounters([
      { id: 'key_a', remaining: 7, lastRefillAt: '2026-11-24T00:00:00.000Z', expected: 10 },
      // Edited meanwhile (the database no longer holds 9): the edit wins.
      { id: 'key_b', remaining: 3, lastRefillAt: null, expected: 9 },
    ]);
    expect([...written]).toEqual(['key_a']);
    expect(await row('key_a')).toMatchObject({ remaining: 7, last_refill_at: '2026-11-24T00:00:00.000Z' });
    expect((await row('key_b')).remaining).toBe(10);
    const again = await store.repos.keyQuotas.writeCounters([{ id: 'key_a', remaining: 6, lastRefillAt: null, expected: 7 }]);
    expect([...again]).toEqual(['key_a']);
    expect(await row('key_a')).toMatchObject({ remaining: 6, last_refill_at: null });
  });

  it('writes counters kept in Redis, never where the quota was removed', async () => {
    await store.repos.keyQuotas.writeRemaining([
      { id: 'key_b', remaining: 1_000_000_000_000, lastRefillAt: '2026-11-24T00:00:00.000Z' },
      { id: 'key_c', remaining: 5, lastRefillAt: null },
    ]);
    expect(await row('key_b')).toMatchObject({ remaining: 1_000_000_000_000, last_refill_at: '2026-11-24T00:00:00.000Z' });
    expect((await row('key_c')).remaining).toBeNull();
    await store.repos.keyQuotas.writeRemaining([{ id: 'key_b', remaining: 10, lastRefillAt: null }]);
    expect(await row('key_b')).toMatchObject({ remaining: 10, last_refill_at: null });
  });

  it('adds usage counts to existing buckets and creates new ones, with quotes and unicode intact', async () => {
    const bucket = { granularity: 'minute' as const, bucket_start: '2026-11-24T10:00:00.000Z' };
    await store.repos.usage.addCounts([{ key_id: 'key_a', ...bucket, outcome: 'VALID', count: 2 }, { key_id: 'key_a', ...bucket, outcome: 'NOT "FOUND" ✓', count: 1 }]);
    await store.repos.usage.addCounts([{ key_id: 'key_a', ...bucket, outcome: 'VALID', count: 3 }]);
    const counts = await store.db.selectFrom('usage_counts').select(['outcome', 'count']).where('key_id', '=', 'key_a').orderBy('outcome').execute();
    expect(counts.map((count) => [count.outcome, Number(count.count)])).toEqual([['NOT "FOUND" ✓', 1], ['VALID', 5]]);
  });
});
