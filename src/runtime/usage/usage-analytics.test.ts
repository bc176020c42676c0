import { describe, expect, it } from 'vitest';
import { withMigratedStore } from '../../../test/support/migrated-store.ts';
import { whileTableAway } from '../../../test/support/table-away.ts';
import type { Store } from '../../store/connect.ts';
import { HOUR, MINUTE, UsageAnalytics } from './usage-analytics.ts';

const T0 = Date.parse('2026-12-04T10:00:00.000Z');

// The counts usage reports read: a minute row and an hour row per key, outcome and bucket, made
// from in-memory tallies as they are written.
describe.each(['sqlite', 'postgres'] as const)('usage counts written behind (%s)', (engine) => {
  let store: Store;
  withMigratedStore(engine, (opened) => (store = opened));
  let keys = 0;
  const newKeyId = () => `key_count${engine}${keys++}`;
  const analyticsOf = () => new UsageAnalytics(store.repos.usage, { flushMs: HOUR, clock: () => T0, onError: () => {} });
  const countsOf = async (keyId: string) => {
    const rows = await store.db.selectFrom('usage_counts').select(['granularity', 'bucket_start', 'outcome', 'count']).where('key_id', '=', keyId)
      .orderBy('granularity', 'desc').orderBy('bucket_start').orderBy('outcome').execute();
    return rows.map((row) => `${row.granularity} ${row.bucket_start} ${row.outcome} ${Number(row.count)}`);
  };

  it('writes a key verified in two minutes of one hour as two minute rows and one hour row, in one flush', async () => {
    const analytics = analyticsOf();
    const keyId = newKeyId();
    analytics.record(keyId, 'VALID', T0 + 5 * MINUTE, []);
    analytics.record(keyId, 'VALID', T0 + 5 * MINUTE + 1, []);
    analytics.record(keyId, 'RATE_LIMITED', T0 + 6 * MINUTE, []);
    analytics.record(keyId, 'VALID', T0 + 6 * MINUTE + 1, []);
    await analytics.flush();
    expect(await countsOf(keyId)).toEqual([
      'minute 2026-12-04T10:05:00.000Z VALID 2',
      'minute 2026-12-04T10:06:00.000Z RATE_LIMITED 1',
      'minute 2026-12-04T10:06:00.000Z VALID 1',
      'hour 2026-12-04T10:00:00.000Z RATE_LIMITED 1',
      'hour 2026-12-04T10:00:00.000Z VALID 3',
    ]);
    analytics.record(keyId, 'VALID', T0 + 6 * MINUTE + 2, []);
    await analytics.close();
    expect(await countsOf(keyId)).toContain('hour 2026-12-04T10:00:00.000Z VALID 4');
    expect(await countsOf(keyId)).toContain('minute 2026-12-04T10:06:00.000Z VALID 2');
  });

  it('writes one key\'s counts alone when its report asks, those a failed flush kept included', async () => {
    const analytics = analyticsOf();
    const [keyId, other] = [newKeyId(), newKeyId()];
    analytics.record(keyId, 'VALID', T0 + 1 * MINUTE, []);
    analytics.record(other, 'VALID', T0 + 1 * MINUTE, []);
    await whileTableAway(store.db, 'usage_counts', () => expect(analytics.flush()).rejects.toThrow());
    analytics.record(keyId, 'VALID', T0 + 2 * MINUTE, []); // a finished minute once the next one starts
    analytics.record(keyId, 'EXPIRED', T0 + 3 * MINUTE, []);
    analytics.record(other, 'VALID', T0 + 3 * MINUTE, []);
    await analytics.flushKey(keyId);
    expect(await countsOf(keyId)).toEqual([
      'minute 2026-12-04T10:01:00.000Z VALID 1',
      'minute 2026-12-04T10:02:00.000Z VALID 1',
      'minute 2026-12-04T10:03:00.000Z EXPIRED 1',
      'hour 2026-12-04T10:00:00.000Z EXPIRED 1',
      'hour 2026-12-04T10:00:00.000Z VALID 2',
    ]);
    expect(await countsOf(other)).toEqual([]);
    await analytics.close();
    expect(await countsOf(other)).toEqual([
      'minute 2026-12-04T10:01:00.000Z VALID 1',
      'minute 2026-12-04T10:03:00.000Z VALID 1',
      'hour 2026-12-04T10:00:00.000Z VALID 2',
    ]);
    expect((await countsOf(keyId)).length).toBe(5);
  });

  it('keeps counts a failed write held and adds them with the next flush', async () => {
    const analytics = analyticsOf();
    const keyId = newKeyId();
    analytics.record(keyId, 'VALID', T0 + 7 * MINUTE, []);
    await whileTableAway(store.db, 'usage_counts', () => expect(analytics.flush()).rejects.toThrow());
    analytics.record(keyId, 'VALID', T0 + 7 * MINUTE + 1, []);
    analytics.record(keyId, 'DISABLED', T0 + 7 * MINUTE + 2, []);
    await analytics.close();
    expect(await countsOf(keyId)).toEqual([
      'minute 2026-12-04T10:07:00.000Z DISABLED 1',
      'minute 2026-12-04T10:07:00.000Z VALID 2',
      'hour 2026-12-04T10:00:00.000Z DISABLED 1',
      'hour 2026-12-04T10:00:00.000Z VALID 2',
    ]);
  });
});
