import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withMigratedStore } from '../../test/support/migrated-store.ts';
import { waitFor } from '../../test/support/wait-for.ts';
import type { Store } from './store.ts';

const keyedHash = () => randomBytes(32).toString('base64url');

/** Stores secrets straight into key_secrets (their keys' rows do not matter to the filter). */
async function storeSecrets(store: Store, hashes: readonly string[]): Promise<void> {
  await sql`PRAGMA foreign_keys = OFF`.execute(store.db);
  for (let i = 0; i < hashes.length; i += 1000) {
    await store.db.insertInto('key_secrets')
      .values(hashes.slice(i, i + 1000).map((hash) => ({ hash, key_id: 'key_none', algorithm: 'hmac-sha256', expires_at: null, created_at: '2026-01-01T00:00:00.000Z' })))
      .execute();
  }
}

describe('KeyHashFilter on the embedded store', () => {
  let store: Store;
  withMigratedStore('sqlite', (opened) => (store = opened));
  let gate: Promise<void> | undefined;
  let openGate = () => {};
  const closeGate = () => (gate = new Promise((resolve) => (openGate = () => { gate = undefined; resolve(); })));

  it('is not ready before it is started, and asks the database meanwhile', async () => {
    expect(store.keyHashes!.stats).toMatchObject({ ready: false, bytes: 0 });
    expect(store.keyHashes!.mayBeStored(keyedHash())).toBe(true);
  });

  it('grows past its capacity behind the filter in use, which keeps answering, and misses no hash on the way', async () => {
    const hashes = Array.from({ length: 100 }, keyedHash);
    await storeSecrets(store, hashes);
    store.keyHashes!.start({ rowsPerChunk: 1000, between: () => gate ?? Promise.resolve() });
    const filter = store.keyHashes!;
    expect(filter.stats).toMatchObject({ ready: true, bytes: 20_480 });

    // Past the 16,384 hashes of the smallest filter: the next one is filled behind it, stepped here.
    closeGate();
    const more = Array.from({ length: 16_400 }, keyedHash);
    await storeSecrets(store, more);
    hashes.push(...more);
    await waitFor(async () => (filter.stats.bytes > 20_480 ? true : undefined), { what: 'the larger filter to be started' });
    expect(filter.stats).toMatchObject({ ready: true, bytes: 20_480 + 40_960 });
    const duringGrowth = Array.from({ length: 50 }, keyedHash);
    await storeSecrets(store, duringGrowth);
    hashes.push(...duringGrowth);
    expect(hashes.filter((hash) => !filter.mayBeStored(hash))).toEqual([]);

    openGate();
    await waitFor(async () => (filter.stats.bytes === 40_960 ? true : undefined), { what: 'the larger filter to take over' });
    expect(hashes.filter((hash) => !filter.mayBeStored(hash))).toEqual([]);
    const absentBefore = filter.stats.absent;
    const others = Array.from({ length: 1000 }, keyedHash).filter((hash) => !filter.mayBeStored(hash));
    expect(others.length).toBeGreaterThan(950);
    expect(filter.stats.absent - absentBefore).toBe(others.length);
  });
});
