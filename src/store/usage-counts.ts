import { sql } from 'kysely';
import type { KeyScope } from '../domain/access-policy.ts';
import { keysInScope } from './keys.ts';
import type { UsageCountTable, UsageTagCountTable } from './database.ts';
import { Repository } from './repository.ts';

/** The tag verifications are counted under once their key's hour holds its cap of distinct tags. */
export const OTHER_TAG = '_other';

export type UsageRange = { granularity: 'minute' | 'hour'; from: string; to: string };

/** Verification counts per key, outcome and bucket, and per tag: what usage reports read. */
export class UsageRepository extends Repository {
  /**
   * Adds counts to their buckets (insert, or add to the bucket already there). `WHERE true` keeps
   * SQLite from reading ON CONFLICT as part of the SELECT.
   */
  async addCounts(rows: readonly UsageCountTable[]): Promise<void> {
    const values = this.dialect.jsonRows(rows.map((row) => [row.key_id, row.granularity, row.bucket_start, row.outcome, row.count]), [
      { name: 'key_id' }, { name: 'granularity' }, { name: 'bucket_start' }, { name: 'outcome' }, { name: 'count', integer: true },
    ]);
    await sql`INSERT INTO usage_counts (key_id, granularity, bucket_start, outcome, count)
      SELECT v.key_id, v.granularity, v.bucket_start, v.outcome, v.count FROM ${values} AS v WHERE true
      ON CONFLICT (key_id, granularity, bucket_start, outcome) DO UPDATE SET count = usage_counts.count + excluded.count`.execute(this.db);
  }

  /** Adds tag counts to their hourly buckets. */
  async addTagCounts(rows: readonly UsageTagCountTable[]): Promise<void> {
    const values = this.dialect.jsonRows(rows.map((row) => [row.key_id, row.bucket_start, row.tag, row.count]), [
      { name: 'key_id' }, { name: 'bucket_start' }, { name: 'tag' }, { name: 'count', integer: true },
    ]);
    await sql`INSERT INTO usage_tag_counts (key_id, bucket_start, tag, count)
      SELECT v.key_id, v.bucket_start, v.tag, v.count FROM ${values} AS v WHERE true
      ON CONFLICT (key_id, bucket_start, tag) DO UPDATE SET count = usage_tag_counts.count + excluded.count`.execute(this.db);
  }

  /**
   * The tags stored under their own names (not the `_other` overflow) for these keys in one
   * hourly bucket, by key: what a flush checks new names against, so the cap on distinct tags
   * holds across flushes, restarts and nodes.
   */
  async storedTagNames(bucketStart: string, keyIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const byKey = new Map<string, Set<string>>();
    if (keyIds.length === 0) return byKey;
    const rows = await this.db
      .selectFrom('usage_tag_counts')
      .select(['key_id', 'tag'])
      .where('bucket_start', '=', bucketStart)
      .where('key_id', 'in', keyIds)
      .where('tag', '<>', OTHER_TAG)
      .execute();
    for (const row of rows) {
      let names = byKey.get(row.key_id);
      if (!names) byKey.set(row.key_id, (names = new Set()));
      names.add(row.tag);
    }
    return byKey;
  }

  /** Drops buckets past their retention: minutes after a day, hours after 90 days. */
  async deleteExpired(minutesBefore: string, hoursBefore: string): Promise<void> {
    await this.db.deleteFrom('usage_counts').where('granularity', '=', 'minute').where('bucket_start', '<', minutesBefore).execute();
    await this.db.deleteFrom('usage_counts').where('granularity', '=', 'hour').where('bucket_start', '<', hoursBefore).execute();
    await this.db.deleteFrom('usage_tag_counts').where('bucket_start', '<', hoursBefore).execute();
  }

  /** Counts by bucket and outcome, for the given keys (undefined: all keys). */
  async byBucket(range: UsageRange, keyIds: { only?: string; scope?: KeyScope }) {
    let query = this.db
      .selectFrom('usage_counts')
      .select(['usage_counts.bucket_start', 'usage_counts.outcome', sql<number>`sum(usage_counts.count)`.as('count')])
      .where('usage_counts.granularity', '=', range.granularity)
      .where('usage_counts.bucket_start', '>=', range.from)
      .where('usage_counts.bucket_start', '<', range.to);
    if (keyIds.only) query = query.where('usage_counts.key_id', '=', keyIds.only);
    const scope = keyIds.scope;
    if (scope?.kind === 'own') {
      query = query.where('usage_counts.key_id', 'in', (eb) => eb.selectFrom('keys').select('keys.id').where(keysInScope(scope)));
    }
    const rows = await query.groupBy(['usage_counts.bucket_start', 'usage_counts.outcome']).orderBy('usage_counts.bucket_start').execute();
    return rows.map((row) => ({ start: row.bucket_start, outcome: row.outcome, count: Number(row.count) }));
  }

  /** The keys with the most verifications in the range, with their valid share. */
  async topKeys(range: UsageRange, limit: number, scope: KeyScope) {
    let query = this.db
      .selectFrom('usage_counts')
      .innerJoin('keys', 'keys.id', 'usage_counts.key_id')
      .select([
        'usage_counts.key_id',
        'keys.name',
        sql<number>`sum(usage_counts.count)`.as('total'),
        sql<number>`sum(case when usage_counts.outcome = 'VALID' then usage_counts.count else 0 end)`.as('valid'),
      ])
      .where('usage_counts.granularity', '=', range.granularity)
      .where('usage_counts.bucket_start', '>=', range.from)
      .where('usage_counts.bucket_start', '<', range.to);
    if (scope.kind === 'own') query = query.where(keysInScope(scope));
    const rows = await query.groupBy(['usage_counts.key_id', 'keys.name']).orderBy(sql`sum(usage_counts.count)`, 'desc').limit(limit).execute();
    return rows.map((row) => ({ keyId: row.key_id, name: row.name, total: Number(row.total), valid: Number(row.valid) }));
  }

  /**
   * Counts per tag in the range (hourly buckets), for one key: the `limit` busiest tags by
   * count, then the `_other` overflow if there is one (always, however it ranks).
   */
  async tagCounts(keyId: string, from: string, to: string, limit: number) {
    const rows = await this.db
      .selectFrom('usage_tag_counts')
      .select(['tag', sql<number>`sum(count)`.as('count')])
      .where('key_id', '=', keyId)
      .where('bucket_start', '>=', from)
      .where('bucket_start', '<', to)
      .groupBy('tag')
      .orderBy(sql`case when tag = ${OTHER_TAG} then 0 else 1 end`)
      .orderBy(sql`sum(count)`, 'desc')
      .orderBy('tag')
      .limit(limit + 1)
      .execute();
    const counts = rows.map((row) => ({ tag: row.tag, count: Number(row.count) }));
    const other = counts[0]?.tag === OTHER_TAG ? counts.shift() : undefined;
    return [...counts.slice(0, limit), ...(other ? [other] : [])];
  }
}
