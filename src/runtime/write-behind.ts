import { setImmediate as nextTurn } from 'node:timers/promises';

// Rows per statement for what verification writes behind (lastUsedAt, usage counts, quota
// counters). The embedded store runs a statement synchronously, holding up every request in
// flight until it ends: measured, a 1,000-row quota write held the loop 3.5 ms and a 4,000-row
// usage write 17 ms, which made the verify p99. A hundred rows hold it about a millisecond.
export const WRITE_BEHIND_CHUNK = 100;

/**
 * Writes `items` a chunk at a time with a turn of the event loop between chunks, so requests
 * waiting on the loop are answered between them. Stops at the first failing chunk; returns the
 * items not written (that chunk and the rest), for the caller to keep for the next flush. The
 * items are taken from their iterator a chunk at a time: a copy of 100,000 keys' items made
 * up front lived through the whole flush, in V8's old generation.
 */
export async function writeInTurns<T>(items: Iterable<T>, write: (chunk: T[]) => Promise<void>): Promise<{ unwritten: T[]; error?: unknown }> {
  const rest = items[Symbol.iterator]();
  for (let first = true; ; first = false) {
    const chunk: T[] = [];
    for (let next = rest.next(); !next.done; next = rest.next()) {
      if (chunk.push(next.value) === WRITE_BEHIND_CHUNK) break;
    }
    if (chunk.length === 0) return { unwritten: [] };
    if (!first) await nextTurn();
    try {
      await write(chunk);
    } catch (error) {
      return { unwritten: [...chunk, ...{ [Symbol.iterator]: () => rest }], error };
    }
  }
}

export type WriteBehindOptions<T> = {
  /** How often pending items are written, in ms. */
  intervalMs: number;
  /** Writes one chunk of at most WRITE_BEHIND_CHUNK items. */
  write: (chunk: T[]) => Promise<void>;
  /** One item for a key that has two: one added earlier (or not yet written) and a newer one. */
  merge: (earlier: T, newer: T) => T;
  /** Runs first in every flush: hands over what was counted elsewhere (through `add`). */
  collect?: () => void | Promise<void>;
  /** A flush on the timer (or at close) that failed; its items stay pending for the next one. */
  onError: (error: unknown) => void;
};

/**
 * Items collected in memory by key and written in batches: on a timer, when asked (`flush`),
 * and on `close`. Verification counts with it and never waits for the database. One failure
 * rule for everything written behind: what a flush could not write stays pending, merged with
 * what came since, and is tried again; nothing counted is lost while the process lives.
 *
 * @example const uses = new WriteBehind({ intervalMs: 1000, write, merge: (a, b) => (a > b ? a : b), onError })
 */
export class WriteBehind<T> {
  #pending = new Map<string, T>();
  // What the flush under way is writing, until it is written.
  #writing: Map<string, T> | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout;
  readonly #options: WriteBehindOptions<T>;

  constructor(options: WriteBehindOptions<T>) {
    this.#options = options;
    // The first flush comes at a random point of the first interval: write-behinds made together
    // with one interval (usage counts, recent verifications, lastUsedAt: 30 s) would otherwise
    // flush together for good, each flush's rows and batches alive at the same moment.
    this.#timer = setTimeout(() => {
      this.#timer = setInterval(() => void this.flush().catch(options.onError), options.intervalMs);
      this.#timer.unref();
      void this.flush().catch(options.onError);
    }, Math.random() * options.intervalMs);
    this.#timer.unref();
  }

  /** Adds an item to write, merged with one pending under the same key. */
  add(key: string, item: T): void {
    const earlier = this.#pending.get(key);
    this.#pending.set(key, earlier === undefined ? item : this.#options.merge(earlier, item));
  }

  /** What waits to be written under a key: pending, or being written by a flush under way. */
  peek(key: string): T | undefined {
    return this.#pending.get(key) ?? this.#writing?.get(key);
  }

  /** Drops what is pending under a key (it is no longer to be written). */
  forget(key: string): void {
    this.#pending.delete(key);
  }

  /** How many items wait to be written. */
  get size(): number {
    return this.#pending.size;
  }

  /**
   * Writes what is pending; concurrent calls wait for one another. Rejects when something could
   * not be written (it stays pending, to be tried again), so a caller that needs the writes
   * done (a report, an edit) learns that they are not.
   */
  flush(): Promise<void> {
    const flushing = this.#flushing.then(() => this.#write());
    // The next flush waits for this one, whatever became of it.
    this.#flushing = flushing.catch(() => undefined);
    return flushing;
  }

  /**
   * Writes now what is pending under the keys `chosen` picks, not the rest: a page that shows
   * one key's writes asks for its own, so looking at a key does not write every busy key's items
   * ahead of their interval. When the flush under way is writing one of them, it waits for that
   * flush first (so a key's items are written in the order they came). Rejects as `flush` does.
   * Its users (recent verifications, usage counts) hand their items over as a flush starts
   * (`collect`), so few wait here between flushes and the look through them costs little.
   */
  async flushKeys(chosen: (key: string) => boolean): Promise<void> {
    for (const key of this.#writing?.keys() ?? []) {
      if (!chosen(key)) continue;
      await this.#flushing;
      break;
    }
    const items = [...this.#pending].filter(([key]) => chosen(key));
    for (const [key] of items) this.#pending.delete(key);
    await this.#writeOut(items);
  }

  async #write(): Promise<void> {
    await this.#options.collect?.();
    if (this.#pending.size === 0) return;
    this.#writing = this.#pending;
    this.#pending = new Map();
    try {
      await this.#writeOut(this.#writing);
    } finally {
      this.#writing = undefined;
    }
  }

  /**
   * Writes entries taken out of `#pending` in turns; what could not be written goes back in
   * front of what came for its key since, and the write's error is thrown.
   */
  async #writeOut(entries: Iterable<[string, T]>): Promise<void> {
    const { unwritten, error } = await writeInTurns(entries, (chunk) => this.#options.write(chunk.map(([, item]) => item)));
    if (unwritten.length === 0) return;
    const newer = this.#pending;
    this.#pending = new Map(unwritten);
    for (const [key, item] of newer) this.add(key, item);
    throw error;
  }

  /** Stops the timer and writes the rest; a failure is reported, not thrown (the stop goes on). */
  async close(): Promise<void> {
    clearTimeout(this.#timer);
    await this.flush().catch(this.#options.onError);
  }
}
