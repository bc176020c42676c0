import type { Db } from '../store/database.ts';
import { writeLastUsed } from '../store/keys.ts';
import { writeInTurns } from './write-behind.ts';

/** How stale a stored `lastUsedAt` may be while its key is in use (plus the flush interval). */
export const LAST_USED_PRECISION_MS = 5_000;

/** A key as the recorder sees it: its id, and when its use was last noted (kept on the key). */
export type UsageNotable = { readonly id: string; lastUsedNotedAt?: number };

/**
 * Collects `lastUsedAt` in memory and writes it in batches once a second, so verification does
 * no database write. `flush()` runs on shutdown, so a clean stop loses nothing.
 */
export class UsageRecorder {
  readonly #db: Db;
  #pending = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  readonly #onError: (error: unknown) => void;

  constructor(db: Db, options: { intervalMs: number; onError: (error: unknown) => void }) {
    this.#db = db;
    this.#onError = options.onError;
    this.#timer = setInterval(() => void this.flush(), options.intervalMs);
    this.#timer.unref();
  }

  /**
   * Notes that a key was used at this time (ms since the epoch). A key in steady use is noted
   * once per LAST_USED_PRECISION_MS, not on every call: the contract lets `lastUsedAt` lag by a
   * few seconds, and rewriting a busy key's row every second was a measurable share of a
   * verification's cost (a random page of the keys table per key and flush). The time of the
   * last note lives on the key's cached record, so this costs no memory of its own.
   */
  touch(key: UsageNotable, at: number): void {
    const noted = key.lastUsedNotedAt;
    if (noted !== undefined && at >= noted && at - noted < LAST_USED_PRECISION_MS) return;
    key.lastUsedNotedAt = at;
    this.#pending.set(key.id, at);
  }

  /** Writes what is pending; concurrent calls wait for one another. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(async () => {
      if (this.#pending.size === 0) return;
      const batch = [...this.#pending];
      this.#pending = new Map();
      const { unwritten, error } = await writeInTurns(batch, (chunk) =>
        writeLastUsed(this.#db, new Map(chunk.map(([keyId, at]) => [keyId, new Date(at).toISOString()]))));
      if (unwritten.length > 0) {
        // Keep the uses for the next try rather than lose them; newer ones win.
        for (const [keyId, at] of unwritten) if (!this.#pending.has(keyId)) this.#pending.set(keyId, at);
        this.#onError(error);
      }
    });
    return this.#flushing;
  }

  /** Stops the timer and writes the rest. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }
}
