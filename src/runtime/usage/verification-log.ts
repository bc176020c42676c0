import type { VerificationCode } from '../../domain/verification.ts';
import type { KeyVerificationRepository, StoredVerification, VerificationBatch } from '../../store/key-verifications.ts';
import { WriteBehind } from '../write-behind.ts';

/** How many of a key's verifications are kept, and for how long. */
export const VERIFICATIONS_KEPT = { perKey: 1000, days: 7 };

export const DAY = 86_400_000;
const HOUR = 3_600_000;
// A key's rows are trimmed back to its last 1,000 once this many more were written for it:
// a trim per key per flush would cost as much as the writes.
const TRIM_AFTER = 250;
// Keys whose writes since their trim are counted; past it the counts start again (the trims they
// would have brought come later: the page reads a key's newest 1,000 whatever the rows hold, and
// rows past 7 days go anyway). Without it a store of millions of keys grows a count per key ever verified.
const COUNTED_KEYS = 100_000;
// Past this many verifications waiting (some 20 MB), a flush starts early.
const FLUSH_AT = 200_000;

/**
 * How often the verifications are written: a row per key verified since the last flush, so a
 * longer interval means fewer rows (measured: at 1 s the bench's 10,000 keys cost a tenth of a
 * core; at 10 s a hundredth). A key's page flushes first, so it never waits for this.
 */
export const VERIFICATIONS_FLUSH_MS = 10_000;

/** A key's newest `perKey` entries of two lists, older first. */
function newest(earlier: StoredVerification[], newer: StoredVerification[]): StoredVerification[] {
  const all = earlier.concat(newer);
  return all.length > VERIFICATIONS_KEPT.perKey ? all.slice(-VERIFICATIONS_KEPT.perKey) : all;
}

const batchOf = (keyId: string, entries: StoredVerification[]): VerificationBatch & { list: StoredVerification[] } => ({
  keyId,
  lastAt: new Date(entries.at(-1)![0]).toISOString(),
  count: entries.length,
  entries: JSON.stringify(entries),
  list: entries,
});

/**
 * Each key's recent verifications (time, outcome, client address, tags), for its page. The hot
 * path appends a small tuple to its key's list in memory; every `flushMs`
 * (VERIFICATIONS_FLUSH_MS), when a key's page is read, and on shutdown, each key's list is
 * written as ONE row, so verification does no write and the store takes a row per busy key per
 * flush, not one per verification (which measured as half again the CPU of a verification on
 * SQLite). Each key keeps its last 1,000 for 7 days.
 */
export class VerificationLog {
  #pending = new Map<string, StoredVerification[]>();
  #pendingCount = 0;
  // Verifications written per key since its last trim.
  readonly #written = new Map<string, number>(); // bounded by COUNTED_KEYS
  readonly #batches: WriteBehind<VerificationBatch & { list: StoredVerification[] }>;
  readonly #onError: (error: unknown) => void;
  #lastCleanup = 0;

  constructor(verifications: KeyVerificationRepository, options: { flushMs: number; clock: () => number; onError: (error: unknown) => void }) {
    this.#onError = options.onError;
    this.#batches = new WriteBehind({
      intervalMs: options.flushMs,
      write: async (batches) => {
        await verifications.addBatches(batches);
        if (this.#written.size > COUNTED_KEYS) this.#written.clear();
        for (const batch of batches) this.#written.set(batch.keyId, (this.#written.get(batch.keyId) ?? 0) + batch.count);
        for (const batch of batches) {
          if ((this.#written.get(batch.keyId) ?? 0) < TRIM_AFTER) continue;
          this.#written.delete(batch.keyId);
          await verifications.trim(batch.keyId, VERIFICATIONS_KEPT.perKey);
        }
      },
      // A batch that could not be written meets the next one of its key: one row, the newest 1,000.
      merge: (earlier, newer) => batchOf(newer.keyId, newest(earlier.list, newer.list)),
      collect: async () => {
        const pending = this.#pending;
        this.#pending = new Map();
        this.#pendingCount = 0;
        for (const [keyId, list] of pending) this.#batches.add(keyId, batchOf(keyId, newest([], list)));
        const now = options.clock();
        if (now - this.#lastCleanup > HOUR) {
          this.#lastCleanup = now;
          await verifications.deleteBefore(new Date(now - VERIFICATIONS_KEPT.days * DAY).toISOString());
        }
      },
      onError: options.onError,
    });
  }

  /**
   * Notes one verification of a known key. Tags are kept for VALID ones only, as in the usage
   * counts: anyone holding a refused token could otherwise write any text there.
   */
  record(keyId: string, outcome: VerificationCode, at: number, clientAddress: string | undefined, tags: readonly string[]): void {
    const entry: StoredVerification = tags.length > 0 && outcome === 'VALID' ? [at, outcome, clientAddress ?? null, tags as string[]] : [at, outcome, clientAddress ?? null];
    const list = this.#pending.get(keyId);
    if (list) {
      list.push(entry);
      // Only the newest 1,000 are ever shown: a busy key drops its oldest (amortised).
      if (list.length >= 2 * VERIFICATIONS_KEPT.perKey) {
        this.#pendingCount -= list.length - VERIFICATIONS_KEPT.perKey;
        list.splice(0, list.length - VERIFICATIONS_KEPT.perKey);
      }
    } else {
      this.#pending.set(keyId, [entry]);
    }
    if (++this.#pendingCount >= FLUSH_AT) void this.flush().catch(this.#onError);
  }

  /** Writes what is pending (see WriteBehind.flush); a key's page calls it before reading. */
  flush(): Promise<void> {
    return this.#batches.flush();
  }

  close(): Promise<void> {
    return this.#batches.close();
  }
}
