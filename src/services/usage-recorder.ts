import type { Db } from '../store/database.ts';
import { writeLastUsed } from '../store/keys.ts';
import { writeInTurns } from './write-behind.ts';

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

  /** Notes that a key was used at this time (ms since the epoch). */
  touch(keyId: string, at: number): void {
    this.#pending.set(keyId, at);
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
