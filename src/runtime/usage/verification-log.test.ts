import { describe, expect, it } from 'vitest';
import { withMigratedStore } from '../../../test/support/migrated-store.ts';
import { whileTableAway } from '../../../test/support/table-away.ts';
import type { Store } from '../../store/connect.ts';
import type { StoredVerification } from '../../store/key-verifications.ts';
import { FLUSH_AT, VerificationLog } from './verification-log.ts';

const T0 = Date.parse('2026-12-04T10:00:00.000Z');
const HOUR = 3_600_000;

// What a key's page reads comes from these rows: one per key and flush, its verifications in the
// order they were made, the newest 1,000 of a busy key, tags only on VALID ones.
describe.each(['sqlite', 'postgres'] as const)('the log of recent verifications (%s)', (engine) => {
  let store: Store;
  withMigratedStore(engine, (opened) => (store = opened));
  let keys = 0;
  const newKeyId = () => `key_log${engine}${keys++}`;
  const errors: unknown[] = [];
  // A timer that never fires within a test: each flush below is asked for, or starts by itself.
  const logOf = () => new VerificationLog(store.repos.verifications, { flushMs: HOUR, clock: () => T0, onError: (error) => errors.push(error) });
  const rowsOf = async (keyId: string) => {
    const rows = await store.db.selectFrom('key_verifications').select(['last_at', 'count', 'entries']).where('key_id', '=', keyId).orderBy('seq').execute();
    return rows.map((row) => ({ lastAt: row.last_at, count: Number(row.count), entries: JSON.parse(row.entries) as StoredVerification[] }));
  };

  it('writes one row per key and flush, in the order verified, with tags of VALID verifications only', async () => {
    const log = logOf();
    const [a, b] = [newKeyId(), newKeyId()];
    log.record(a, 'VALID', T0 + 1, '203.0.113.7', ['route:/orders', 'plan "pro"']);
    log.record(b, 'DISABLED', T0 + 2, undefined, ['ignored']);
    log.record(a, 'RATE_LIMITED', T0 + 3, '203.0.113.7', ['not kept']);
    log.record(a, 'VALID', T0 + 4, '2001:db8::1', []);
    await log.flush();
    expect(await rowsOf(a)).toEqual([{
      lastAt: new Date(T0 + 4).toISOString(),
      count: 3,
      entries: [[T0 + 1, 'VALID', '203.0.113.7', ['route:/orders', 'plan "pro"']], [T0 + 3, 'RATE_LIMITED', '203.0.113.7'], [T0 + 4, 'VALID', '2001:db8::1']],
    }]);
    expect(await rowsOf(b)).toEqual([{ lastAt: new Date(T0 + 2).toISOString(), count: 1, entries: [[T0 + 2, 'DISABLED', null]] }]);
    log.record(b, 'VALID', T0 + 5, '198.51.100.1', []);
    await log.close();
    expect((await rowsOf(b)).map((row) => row.entries)).toEqual([[[T0 + 2, 'DISABLED', null]], [[T0 + 5, 'VALID', '198.51.100.1']]]);
    expect(errors).toEqual([]);
  });

  it('writes one key\'s verifications alone when its page asks, and the rest at the next flush', async () => {
    const log = logOf();
    const [a, b] = [newKeyId(), newKeyId()];
    log.record(a, 'VALID', T0 + 1, '192.0.2.1', []);
    log.record(b, 'VALID', T0 + 2, '192.0.2.2', []);
    log.record(a, 'EXPIRED', T0 + 3, undefined, []);
    await log.flushKey(a);
    expect(await rowsOf(a)).toEqual([{ lastAt: new Date(T0 + 3).toISOString(), count: 2, entries: [[T0 + 1, 'VALID', '192.0.2.1'], [T0 + 3, 'EXPIRED', null]] }]);
    expect(await rowsOf(b)).toEqual([]);
    // What comes for the key after it was written goes into the next flush, not again what was written.
    log.record(a, 'VALID', T0 + 4, undefined, []);
    await log.flush();
    expect((await rowsOf(a)).map((row) => row.entries)).toEqual([[[T0 + 1, 'VALID', '192.0.2.1'], [T0 + 3, 'EXPIRED', null]], [[T0 + 4, 'VALID', null]]]);
    expect(await rowsOf(b)).toEqual([{ lastAt: new Date(T0 + 2).toISOString(), count: 1, entries: [[T0 + 2, 'VALID', '192.0.2.2']] }]);
    await log.flushKey(a); // nothing pending: no row
    expect(await rowsOf(a)).toHaveLength(2);
    await log.close();
    expect(errors).toEqual([]);
  });

  it('keeps each key the newest 1,000 of a flush, among keys verified in turn past the columns\' first size', async () => {
    const log = logOf();
    const ids = [newKeyId(), newKeyId(), newKeyId()];
    // 9,000 verifications: the columns double twice on the way, and every key's entries are chained through them.
    for (let i = 0; i < 9000; i++) log.record(ids[i % 3]!, 'VALID', T0 + i, `10.0.0.${i % 3}`, []);
    await log.close();
    for (const [k, keyId] of ids.entries()) {
      const [row, ...more] = await rowsOf(keyId);
      expect(more).toEqual([]);
      const expected = Array.from({ length: 1000 }, (_, j) => [T0 + 6000 + 3 * j + k, 'VALID', `10.0.0.${k}`]);
      expect(row).toEqual({ lastAt: new Date(T0 + 8997 + k).toISOString(), count: 1000, entries: expected });
    }
  });

  it(`starts writing by itself once ${FLUSH_AT.toLocaleString('en')} verifications wait`, async () => {
    const log = logOf();
    const keyId = newKeyId();
    for (let i = 0; i < FLUSH_AT; i++) log.record(keyId, 'VALID', T0 + i, undefined, []);
    await expect.poll(async () => (await rowsOf(keyId)).length, { timeout: 10_000 }).toBe(1);
    const [row] = await rowsOf(keyId);
    expect(row!.count).toBe(1000);
    expect(row!.entries.at(-1)).toEqual([T0 + FLUSH_AT - 1, 'VALID', null]);
    await log.close();
  });

  it('keeps what a failed write held and writes it with the next flush, as one row of the key', async () => {
    const log = logOf();
    const keyId = newKeyId();
    log.record(keyId, 'VALID', T0 + 1, '192.0.2.1', ['first']);
    await whileTableAway(store.db, 'key_verifications', () => expect(log.flush()).rejects.toThrow());
    log.record(keyId, 'EXPIRED', T0 + 2, '192.0.2.2', ['dropped']);
    await log.flush();
    expect(await rowsOf(keyId)).toEqual([{ lastAt: new Date(T0 + 2).toISOString(), count: 2, entries: [[T0 + 1, 'VALID', '192.0.2.1', ['first']], [T0 + 2, 'EXPIRED', '192.0.2.2']] }]);
    await log.close();
  });
});
