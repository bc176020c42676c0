import type { VerificationCode } from '../domain/verification.ts';
import type { Db, UsageCountTable } from '../store/database.ts';
import { addTagCounts, addUsageCounts, deleteExpiredUsage } from '../store/usage-counts.ts';
import { TagCounter } from './usage-tags.ts';
import { writeInTurns } from './write-behind.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** How far back each granularity is kept, and so how far back it can be asked for. */
export const RETENTION = { minute: DAY, hour: 90 * DAY };

/** One key's verifications in one minute, by outcome. */
type MinuteTally = { keyId: string; minute: number; counts: Partial<Record<VerificationCode, number>> };

/** The start of the bucket of `size` ms that holds `at`, as stored. */
export const bucket = (at: number, size: number) => new Date(Math.floor(at / size) * size).toISOString();

/**
 * Verification counts per key, outcome and bucket. The hot path only increments in-memory
 * counters; they are added to the database once a second (and on shutdown), so analytics put
 * no write on the request path. Expired buckets are dropped once an hour.
 */
export class UsageAnalytics {
  readonly #db: Db;
  // The minute each key is being counted in, and its counts by outcome there; a key's tally
  // moves to #finished when its minute passes. No string is built per verification.
  #tallies = new Map<string, MinuteTally>();
  #finished: MinuteTally[] = [];
  readonly #tags = new TagCounter();
  readonly #timer: NodeJS.Timeout;
  #flushing: Promise<void> = Promise.resolve();
  #lastCleanup = 0;
  readonly #clock: () => number;
  readonly #onError: (error: unknown) => void;

  constructor(db: Db, options: { flushMs: number; clock: () => number; onError: (error: unknown) => void }) {
    this.#db = db;
    this.#clock = options.clock;
    this.#onError = options.onError;
    this.#timer = setInterval(() => void this.flush(), options.flushMs);
    this.#timer.unref();
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

  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#write()).catch(this.#onError);
    return this.#flushing;
  }

  async #write(): Promise<void> {
    const tallies = [...this.#finished, ...this.#tallies.values()];
    this.#tallies = new Map();
    this.#finished = [];
    if (tallies.length > 0) {
      const minutes: UsageCountTable[] = [];
      const hours = new Map<string, UsageCountTable>();
      for (const { keyId, minute, counts } of tallies) {
        const at = minute * MINUTE;
        for (const [outcome, count] of Object.entries(counts)) {
          minutes.push({ key_id: keyId, granularity: 'minute', bucket_start: bucket(at, MINUTE), outcome, count });
          const hourName = `${keyId}|${outcome}|${Math.floor(at / HOUR)}`;
          const hour = hours.get(hourName) ?? { key_id: keyId, granularity: 'hour', bucket_start: bucket(at, HOUR), outcome, count: 0 };
          hour.count += count;
          hours.set(hourName, hour);
        }
      }
      const { error } = await writeInTurns([...minutes, ...hours.values()], (rows) => addUsageCounts(this.#db, rows));
      if (error) throw error;
    }
    const now = this.#clock();
    const tags = await this.#tags.take(this.#db, now);
    if (tags.length > 0) {
      const { error } = await writeInTurns(tags, (chunk) => addTagCounts(this.#db, chunk));
      if (error) throw error;
    }
    if (now - this.#lastCleanup > HOUR) {
      this.#lastCleanup = now;
      await deleteExpiredUsage(this.#db, bucket(now - RETENTION.minute, MINUTE), bucket(now - RETENTION.hour, HOUR));
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
