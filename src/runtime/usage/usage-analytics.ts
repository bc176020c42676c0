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
 * How often the counts are written: two rows (minute and hour) per key and outcome verified
 * since the last flush. At 1 s a busy key cost two upserts a second; at 10 s, with 100,000 keys
 * in use, these rows still took 9% of the server's time (4.5 µs each, `--cpu-prof` with the
 * statements timed). Reports flush first, so they never wait for this; what a crash can lose is
 * this long of counts (never a quota: those have their own writes).
 */
export const USAGE_COUNTS_FLUSH_MS = 30_000;

/** The start of the bucket of `size` ms that holds `at`, as stored. */
export const bucket = (at: number, size: number) => new Date(Math.floor(at / size) * size).toISOString();

/**
 * The rows of some tallies: a minute row and an hour row per outcome, made as they are written
 * (made all at once, 100,000 keys' rows lived through the whole flush and were copied into V8's
 * old generation). Tallies of one key in two minutes of the same hour share an hour row: one
 * statement may not upsert a row twice (PostgreSQL refuses it).
 */
function rowsOf(tallies: readonly MinuteTally[]): UsageCountTable[] {
  const rows: UsageCountTable[] = [];
  const hourRows = new Map<string, UsageCountTable>();
  // Nearly every tally is of the same minute: its two bucket names are spelled once, not per key.
  const starts = new Map<number, readonly [minute: string, hour: string]>();
  for (const { keyId, minute, counts } of tallies) {
    let spelled = starts.get(minute);
    if (spelled === undefined) starts.set(minute, spelled = [bucket(minute * MINUTE, MINUTE), bucket(minute * MINUTE, HOUR)]);
    for (const [outcome, count] of Object.entries(counts)) {
      rows.push({ key_id: keyId, granularity: 'minute', bucket_start: spelled[0], outcome, count });
      const hour = `${keyId}|${spelled[1]}|${outcome}`;
      const hourRow = hourRows.get(hour);
      if (hourRow) hourRow.count += count;
      else hourRows.set(hour, { key_id: keyId, granularity: 'hour', bucket_start: spelled[1], outcome, count });
    }
  }
  return rows.concat([...hourRows.values()]);
}

/**
 * Verification counts per key, outcome and bucket, and tag counts. The hot path only increments
 * in-memory counters; they are written behind every USAGE_COUNTS_FLUSH_MS (and when a report
 * asks, and on shutdown), so analytics put no write on the request path. Expired buckets are
 * dropped once an hour.
 */
export class UsageAnalytics {
  // The minute each key is being counted in, and its counts by outcome there; a key's tally
  // moves to #finished when its minute passes. No string is built per verification.
  #tallies = new Map<string, MinuteTally>();
  #finished: MinuteTally[] = [];
  readonly #tags = new TagCounter();
  readonly #counts: WriteBehind<MinuteTally>;
  readonly #tagCounts: WriteBehind<UsageTagCountTable>;
  #lastCleanup = 0;

  constructor(usage: UsageRepository, options: { flushMs: number; clock: () => number; onError: (error: unknown) => void }) {
    this.#counts = new WriteBehind<MinuteTally>({
      intervalMs: options.flushMs,
      write: (tallies) => usage.addCounts(rowsOf(tallies)),
      // A tally that could not be written meets the next one of its key and minute.
      merge: (earlier, newer) => {
        const counts = { ...earlier.counts };
        for (const [outcome, count] of Object.entries(newer.counts)) counts[outcome as VerificationCode] = (counts[outcome as VerificationCode] ?? 0) + count;
        return { keyId: newer.keyId, minute: newer.minute, counts };
      },
      collect: async () => {
        for (const tally of [...this.#finished, ...this.#tallies.values()]) this.#counts.add(`${tally.keyId}|${tally.minute}`, tally);
        this.#tallies = new Map();
        this.#finished = [];
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
      merge: (earlier, newer) => ({ ...earlier, count: earlier.count + newer.count }),
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

  /** Writes every count so far (reports call it first, so they include the last second). */
  async flush(): Promise<void> {
    await this.#counts.flush();
    await this.#tagCounts.flush();
  }

  /**
   * Writes one key's counts now (and every tag count: few calls send tags); a key's report calls
   * it first. Flushing every key there took seconds with 100,000 keys in use, and an open report
   * wrote every busy key's rows ahead of their 30 s.
   */
  async flushKey(keyId: string): Promise<void> {
    const tally = this.#tallies.get(keyId);
    const taken = this.#finished.filter((finished) => finished.keyId === keyId);
    if (taken.length > 0) this.#finished = this.#finished.filter((finished) => finished.keyId !== keyId);
    if (tally) {
      this.#tallies.delete(keyId);
      taken.push(tally);
    }
    for (const finished of taken) this.#counts.add(`${keyId}|${finished.minute}`, finished);
    await this.#counts.flushKeys((key) => key.startsWith(`${keyId}|`));
    await this.#tagCounts.flush();
  }

  async close(): Promise<void> {
    await this.#counts.close();
    await this.#tagCounts.close();
  }
}
