import type { VerificationCode } from '../../domain/verification.ts';
import type { KeyVerificationRepository, StoredVerification, VerificationBatch } from '../../store/key-verifications.ts';
import { WriteBehind } from '../write-behind.ts';
import { PendingVerifications } from './pending-verifications.ts';

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
// Past this many verifications waiting (7.8 MB of columns: see PendingVerifications), a flush
// starts early: at 25,000 verifications a second, after 18 s. The columns double from 4,096,
// so they hold 524,288 by then: 65,536 more (3 s at that rate) fit while the flush gets going.
// At exactly 524,288 the flush asked for had not started when the next verification came, and
// the columns doubled to 17.8 MB every time (the old ones kept until a full collection).
export const FLUSH_AT = 458_752;

/**
 * How often the verifications are written: a row per key verified since the last flush, so a
 * longer interval means fewer rows. Measured with `--cpu-prof` and the statements timed, 100,000
 * keys in use at 19,000 verifications a second: at 10 s these rows took 12% of the server's
 * time (12 µs each); at 1 s the bench's 10,000 keys had cost a tenth of a core. A key's page
 * flushes first, so it never waits for this; a crash loses at most this long of the list.
 */
export const VERIFICATIONS_FLUSH_MS = 30_000;

/** A key's newest `perKey` entries of two lists, older first. */
function newest(earlier: StoredVerification[], newer: StoredVerification[]): StoredVerification[] {
  const all = earlier.concat(newer);
  return all.length > VERIFICATIONS_KEPT.perKey ? all.slice(-VERIFICATIONS_KEPT.perKey) : all;
}

/** One key's verifications of a flush: still in the columns they were counted in, or as values (a retry). */
type KeyBatch = { keyId: string } & ({ pending: PendingVerifications; slot: number } | { list: StoredVerification[] });

const listOf = (batch: KeyBatch) => ('list' in batch ? batch.list : batch.pending.listOf(batch.slot, VERIFICATIONS_KEPT.perKey));

/** The row of one key's batch, built only as it is written. */
function rowOf(batch: KeyBatch): VerificationBatch {
  if ('list' in batch) {
    const { keyId, list } = batch;
    return { keyId, lastAt: new Date(list.at(-1)![0]).toISOString(), count: list.length, entries: JSON.stringify(list) };
  }
  const { count, lastAt, entries } = batch.pending.batchOf(batch.slot, VERIFICATIONS_KEPT.perKey);
  return { keyId: batch.keyId, lastAt: new Date(lastAt).toISOString(), count, entries };
}

/**
 * Each key's recent verifications (time, outcome, client address, tags), for its page. The hot
 * path appends to columns in memory (PendingVerifications); every `flushMs`
 * (VERIFICATIONS_FLUSH_MS), when they fill, when a key's page is read, and on shutdown, each
 * key's verifications are written as ONE row, its JSON made as the row is written, so
 * verification does no write and the store takes a row per busy key per flush, not one per
 * verification (which measured as half again the CPU of a verification on SQLite). Each key
 * keeps its last 1,000 for 7 days.
 */
export class VerificationLog {
  #pending = new PendingVerifications(FLUSH_AT);
  // An early flush is asked for once, not on every verification until it starts.
  #flushAsked = false;
  // Verifications written per key since its last trim.
  readonly #written = new Map<string, number>(); // bounded by COUNTED_KEYS
  readonly #batches: WriteBehind<KeyBatch>;
  readonly #onError: (error: unknown) => void;
  #lastCleanup = 0;

  constructor(verifications: KeyVerificationRepository, options: { flushMs: number; clock: () => number; onError: (error: unknown) => void }) {
    this.#onError = options.onError;
    this.#batches = new WriteBehind({
      intervalMs: options.flushMs,
      write: async (keyBatches) => {
        const batches = keyBatches.map(rowOf);
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
      merge: (earlier, newer) => ({ keyId: newer.keyId, list: newest(listOf(earlier), listOf(newer)) }),
      collect: async () => {
        const pending = this.#pending;
        this.#pending = new PendingVerifications(FLUSH_AT);
        this.#flushAsked = false;
        for (let slot = 0; slot < pending.keyCount; slot++) if (pending.holds(slot)) this.#batches.add(pending.keyId(slot), { keyId: pending.keyId(slot), pending, slot });
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
    this.#pending.add(keyId, outcome, at, clientAddress, outcome === 'VALID' ? tags : undefined);
    if (this.#pending.full && !this.#flushAsked) {
      this.#flushAsked = true;
      void this.flush().catch(this.#onError);
    }
  }

  /** Writes what is pending (see WriteBehind.flush). */
  flush(): Promise<void> {
    return this.#batches.flush();
  }

  /**
   * Writes one key's pending verifications now, as a row of their own; a key's page calls it
   * before reading. Flushing every key there cost the page seconds with 100,000 keys in use,
   * and an open page wrote every busy key's row ahead of its 30 s.
   */
  flushKey(keyId: string): Promise<void> {
    const list = this.#pending.take(keyId, VERIFICATIONS_KEPT.perKey);
    if (list.length > 0) this.#batches.add(keyId, { keyId, list });
    return this.#batches.flushKeys((key) => key === keyId);
  }

  close(): Promise<void> {
    return this.#batches.close();
  }
}
