import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { openStore } from '../../store/connect.ts';
import type { Db } from '../../store/database.ts';
import type { UsageRepository } from '../../store/usage-counts.ts';
import { TAGS_PER_KEY_HOUR, TagCounter } from './usage-tags.ts';

const HOUR = 3_600_000;
const names = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `n-${String(from + i).padStart(3, '0')}`);

// Each counter below is one node (or one process life) writing to the same database, as the
// usage analytics do: take, then add the rows.
describe('the cap on distinct tags per key and hour, across nodes and restarts', () => {
  let server: TestServer;
  let db: Db;
  let usage: UsageRepository;
  const hour = Math.floor(Date.now() / HOUR);
  const now = hour * HOUR + 60_000;
  let keyNumber = 0;
  beforeAll(async () => {
    server = await startTestServer({ withAdmin: false });
    db = server.app.store.db;
    usage = server.app.store.repos.usage;
  });
  afterAll(async () => server.close());

  const flush = async (counter: TagCounter) => {
    const rows = await counter.take(usage, now);
    await usage.addTagCounts(rows);
    return Object.fromEntries(rows.map((row) => [row.tag, row.count]));
  };
  const stored = async (keyId: string) => {
    const rows = await db.selectFrom('usage_tag_counts').select(['tag', 'count']).where('key_id', '=', keyId).execute();
    return Object.fromEntries(rows.map((row) => [row.tag, Number(row.count)]));
  };

  it('a second node admits new names only up to what the database already holds', async () => {
    const keyId = `key_tags${keyNumber++}`;
    const first = new TagCounter();
    first.count(keyId, hour, names(0, 60));
    await flush(first);

    const second = new TagCounter();
    second.count(keyId, hour, [...names(60, 120), ...names(0, 5)]);
    expect(await flush(second)).toMatchObject({ 'n-000': 1, 'n-099': 1, _other: 20 });

    const counts = await stored(keyId);
    expect(Object.keys(counts).filter((tag) => tag !== '_other')).toHaveLength(TAGS_PER_KEY_HOUR);
    expect(counts).toMatchObject({ 'n-000': 2, 'n-004': 2, 'n-005': 1, 'n-099': 1, _other: 20 });
    expect(counts['n-100']).toBeUndefined();
  });

  it('after a restart into a full hour, names stored before keep counting and new ones go to _other, also while the database is being read', async () => {
    const keyId = `key_tags${keyNumber++}`;
    const before = new TagCounter();
    before.count(keyId, hour, names(0, 100));
    await flush(before);

    const restarted = new TagCounter();
    restarted.count(keyId, hour, ['late-1']);
    // take() settles what it took once the database answers; these are counted meanwhile.
    const taking = restarted.take(usage, now);
    restarted.count(keyId, hour, ['late-1', 'n-005', 'late-2']);
    const rows = await taking;
    expect(Object.fromEntries(rows.map((row) => [row.tag, row.count]))).toEqual({ _other: 1 });
    await usage.addTagCounts(rows);
    // 'late-1' counted during the read went to _other too; 'n-005' is stored, 'late-2' is not.
    expect(await flush(restarted)).toEqual({ 'n-005': 1, _other: 2 });

    // The hour is known to be full now: no new name is admitted, so nothing waits to be checked.
    restarted.count(keyId, hour, ['late-3', 'n-099']);
    expect(await flush(restarted)).toEqual({ 'n-099': 1, _other: 1 });
    expect(await stored(keyId)).toMatchObject({ 'n-005': 2, 'n-099': 2, _other: 4 });
    expect(Object.keys(await stored(keyId))).toHaveLength(TAGS_PER_KEY_HOUR + 1);
  });

  it('checks the names of a flush that failed at the next one', async () => {
    const keyId = `key_tags${keyNumber++}`;
    const before = new TagCounter();
    before.count(keyId, hour, names(0, 100));
    await flush(before);
    // A store that fails every query, as one that went away does.
    const gone = openStore(`file:${join(server.dir, 'gone.db')}`);
    await gone.close();

    const counter = new TagCounter();
    counter.count(keyId, hour, ['late-1']);
    await expect(counter.take(gone.repos.usage, now)).rejects.toThrow();
    // Counted under its name for now (this node has not learnt the hour is full), checked when
    // the store answers again; the count of the failed flush is not lost (written behind's one
    // rule), so both land, under _other.
    counter.count(keyId, hour, ['late-1']);
    expect(await flush(counter)).toEqual({ _other: 2 });
    expect(Object.keys(await stored(keyId))).toHaveLength(TAGS_PER_KEY_HOUR + 1);
  });

  it('counts a tag a caller names _other with the overflow, taking no place', async () => {
    const keyId = `key_tags${keyNumber++}`;
    const counter = new TagCounter();
    counter.count(keyId, hour, ['_other', ...names(0, 100), 'n-100']);
    expect(await flush(counter)).toMatchObject({ _other: 2, 'n-099': 1 });
    expect(Object.keys(await stored(keyId))).toHaveLength(TAGS_PER_KEY_HOUR + 1);
  });

  it('starts over in the next hour', async () => {
    const keyId = `key_tags${keyNumber++}`;
    const counter = new TagCounter();
    counter.count(keyId, hour - 1, names(0, 101));
    counter.count(keyId, hour, names(100, 150));
    expect(await flush(counter)).toMatchObject({ 'n-100': 1, 'n-149': 1 });
    const rows = await db.selectFrom('usage_tag_counts').select(['bucket_start', 'tag', 'count']).where('key_id', '=', keyId).execute();
    const previous = rows.filter((row) => row.bucket_start === new Date((hour - 1) * HOUR).toISOString());
    expect(previous).toHaveLength(TAGS_PER_KEY_HOUR + 1);
    expect(Number(previous.find((row) => row.tag === '_other')?.count)).toBe(1);
    expect(rows.filter((row) => row.bucket_start === new Date(hour * HOUR).toISOString())).toHaveLength(50);
    // Nothing is left over for the next flush.
    expect(await counter.take(usage, now + HOUR)).toEqual([]);
  });
});
