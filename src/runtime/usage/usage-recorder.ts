import type { KeyRepository } from '../../store/keys.ts';
import { WriteBehind } from '../write-behind.ts';

/** How stale a stored `lastUsedAt` may be while its key is in use (plus the flush interval). */
export const LAST_USED_PRECISION_MS = 5_000;

/** A key as the recorder sees it: its id, and when its use was last noted (kept on the key). */
export type UsageNotable = { readonly id: string; lastUsedNotedAt?: number };

/**
 * How often the embedded store writes `lastUsedAt`: there this process is the only one that
 * verifies, and key views show what it noted and has not written (src/store/last-use-overlay.ts),
 * so the rows can wait. Several nodes write every second: another node's views read the rows.
 */
export const LAST_USED_FLUSH_MS = { oneNode: 30_000, severalNodes: 1000 };

/**
 * Collects `lastUsedAt` in memory and writes it behind (LAST_USED_FLUSH_MS), so verification
 * does no database write. `close()` runs on shutdown, so a clean stop loses nothing.
 */
export class UsageRecorder {
  // What waits is the key's own record (the cached key), its time read as the row is written:
  // noting a use allocates nothing. A pair of id and ISO time per note was 100,000 keys' worth
  // of small objects every 5 s, kept 30 s, so copied into V8's old generation to die there.
  readonly #uses: WriteBehind<UsageNotable>;

  constructor(keys: KeyRepository, options: { intervalMs: number; onError: (error: unknown) => void }) {
    this.#uses = new WriteBehind<UsageNotable>({
      intervalMs: options.intervalMs,
      write: (chunk) => keys.writeLastUsed(chunk.map((key) => [key.id, new Date(key.lastUsedNotedAt!).toISOString()] as const)),
      // The later use wins: two records of one key (the cache read it again) or the same record.
      merge: (earlier, newer) => (earlier.lastUsedNotedAt! > newer.lastUsedNotedAt! ? earlier : newer),
      onError: options.onError,
    });
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
    this.#uses.add(key.id, key);
  }

  /** A use noted and not yet written (an ISO time), for views to show over the stored one. */
  unwritten(keyId: string): string | undefined {
    const key = this.#uses.peek(keyId);
    return key === undefined ? undefined : new Date(key.lastUsedNotedAt!).toISOString();
  }

  /** Writes what is pending; concurrent calls wait for one another. */
  flush(): Promise<void> {
    return this.#uses.flush();
  }

  /** Stops the timer and writes the rest. */
  close(): Promise<void> {
    return this.#uses.close();
  }
}
