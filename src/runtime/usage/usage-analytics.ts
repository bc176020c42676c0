import type { VerificationCode } from '../../domain/verification.ts';
import type { UsageCountTable, UsageTagCountTable } from '../../store/database.ts';
import type { UsageRepository } from '../../store/usage-counts.ts';
import { WriteBehind } from '../write-behind.ts';
import { TagCounter } from './usage-tags.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** How far back each granularity is kept, and so how far back it can be asked for. */
export const RETENTION = { minute: DAY, hour: 90 * DAY };

/** One key's verifications in one minute, by outcome. */
type MinuteTally = { keyId: string; minute: number; counts: Partial<Record<VerificationCode, number>> };

/**
 * How often the counts are written: two rows (minute and hour) per key verified since the last
 * flush, so at 1 s a busy key cost two upserts a second, and at 10,000 keys in use those were the
 * largest part of the SQLite time under verify load (`node --cpu-prof`). Reports flush first, so
 * they never wait for this; what a crash can lose is this long of counts (never a quota: those
 * have their own writes).
 */
export const USAGE_COUNTS_FLUSH_MS = 10_000;

/** The start of the bucket of `size` ms that holds `at`, as stored. */
export const bucket = (at: number, size: number) => new Date(Math.floor(at / size) * size).toISOString();

/**
 * Verification counts per key, outcome and bucket, and tag counts. The hot path only increments
 * in-memory counters; they are written behind once a second (and on shutdown), so analytics put
 * no write on the request path. Expired buckets are dropped once an hour.
 */
export class UsageAnalytics {
  // The minute each key is being counted in, and its counts by outcome there; a key's tally
  // moves to #finished when its minute passes. No string is built per verification.
  #tallies = new Map<string, MinuteTally>();
  #finished: MinuteTally[] = [];
  readonly #tags = new TagCounter();
  readonly #counts: WriteBehind<UsageCountTable>;
  readonly #tagCounts: WriteBehind<UsageTagCountTable>;
  #lastCleanup = 0;

  constructor(usage: UsageRepository, options: { flushMs: number; clock: () => number; onError: (error: unknown) => void }) {
    const sum = <Row extends { count: number }>(earlier: Row, newer: Row): Row => ({ ...earlier, count: earlier.count + newer.count });
    this.#counts = new WriteBehind<UsageCountTable>({
      intervalMs: options.flushMs,
      write: (rows) => usage.addCounts(rows),
      merge: sum,
      collect: async () => {
        this.#collectTallies();
        const now = options.clock();
        if (now - this.#lastCleanup > HOUR) {
          this.#lastCleanup = now;
          await usage.deleteExpired(bucket(now - RETENTION.minute, MINUTE), bucket(now - RETENTION.hour, HOUR));
        }
      },
      onError: options.onError,
    });
    this.#tagCounts = new WriteBehind<UsageTagCountTable>({
      intervalMs: options.flushMs,
      write: (rows) => usage.addTagCounts(rows),
      merge: sum,
      collect: async () => {
        for (const row of await this.#tags.take(usage, options.clock())) this.#tagCounts.add(`${row.key_id}|${row.bucket_start}|${row.tag}`, row);
      },
      onError: options.onError,
    });
  }

  /**
   * Counts one verification of a known key (unknown tokens have no key to count against). Its
   * tags are kept only when it was VALID: any token, even a disabled key's, can be sent with
   * tags, and those of a refused call would be rows its holder writes at will.
   */
  record(keyId: string, outcome: VerificationCode, at: number, tags: readonly string[]): void {
    const minute = Math.floor(at / MINUTE);
    let tally = this.#tallies.get(keyId);
    if (tally?.minute !== minute) {
      if (tally) this.#finished.push(tally);
      tally = { keyId, minute, counts: {} };
      this.#tallies.set(keyId, tally);
    }
    tally.counts[outcome] = (tally.counts[outcome] ?? 0) + 1;
    if (tags.length > 0 && outcome === 'VALID') this.#tags.count(keyId, Math.floor(at / HOUR), tags);
  }

  /** Hands the tallies since the last flush to the write-behind, as minute and hour rows. */
  #collectTallies(): void {
    const tallies = [...this.#finished, ...this.#tallies.values()];
    this.#tallies = new Map();
    this.#finished = [];
    // Nearly every tally is of the same minute: its two bucket names are spelled once, not per key.
    const starts = new Map<number, readonly [minute: string, hour: string]>();
    for (const { keyId, minute, counts } of tallies) {
      let spelled = starts.get(minute);
      if (spelled === undefined) starts.set(minute, spelled = [bucket(minute * MINUTE, MINUTE), bucket(minute * MINUTE, HOUR)]);
      for (const [outcome, count] of Object.entries(counts)) {
        this.#counts.add(`${keyId}|minute|${spelled[0]}|${outcome}`, { key_id: keyId, granularity: 'minute', bucket_start: spelled[0], outcome, count });
        this.#counts.add(`${keyId}|hour|${spelled[1]}|${outcome}`, { key_id: keyId, granularity: 'hour', bucket_start: spelled[1], outcome, count });
      }
    }
  }

  /** Writes every count so far (reports call it first, so they include the last second). */
  async flush(): Promise<void> {
    await this.#counts.flush();
    await this.#tagCounts.flush();
  }

  async close(): Promise<void> {
    await this.#counts.close();
    await this.#tagCounts.close();
  }
}
