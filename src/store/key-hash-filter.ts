import type { DatabaseSync } from 'node:sqlite';
import { BloomFilter } from './bloom-filter.ts';

/** What the verification look-up asks first: may a key be stored under this hash? */
export type HashSieve = { mayBeStored(hash: string): boolean };

/** How the filter is filled at start: rows read per statement, and what runs between two reads. */
export type KeyHashScan = {
  /** Rows per statement (default 1,024: about a millisecond of the event loop each). */
  rowsPerChunk?: number;
  /** Awaited between two chunks (default: the next turn of the event loop). Tests step the scan with it. */
  between?: () => Promise<void>;
  /** A failed scan leaves the filter not ready (every look-up asks the database) and says why here. */
  onError?: (error: unknown) => void;
  /** Told when a scan has filled a filter (at start, and after each growth), with what it took. */
  onFilled?: (figures: { hashes: number; bytes: number; milliseconds: number }) => void;
};

/** What /metrics shows of the filter. */
export type KeyHashFilterStats = {
  ready: boolean;
  bytes: number;
  /** Look-ups answered "no such key" without the database. */
  absent: number;
  /** Look-ups passed on to the database (stored keys, and the false positives). */
  maybe: number;
};

// Room for half as many keys again as the table holds at start, before the filter grows.
const HEADROOM = 1.5;
const MIN_CAPACITY = 16_384;
const ROWS_PER_CHUNK = 1024;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A Bloom filter over every hash in `key_secrets` of the embedded store, so that a token no key
 * has (a flood of made-up ones) is answered "no such key" without a statement: at 10,000,000
 * keys that statement reads cold B-tree pages of a 12 GB file.
 *
 * SQLite only, because this process is the file's only writer (`keyward restore` refuses while
 * the server runs; the CLI's local commands write users, never keys). Every write to
 * `key_secrets` on this connection (creations, batched creations, regenerations, imports, an
 * imported key's upgrade to our hash, whatever is added later) runs the TEMP triggers
 * installed by `start`, which add the new hash; a TEMP trigger lives on this connection only,
 * so other tools opening the file are untouched. PostgreSQL keeps its look-up: other nodes
 * create keys there, and a filter here would answer NOT_FOUND for them until a message arrived.
 *
 * Until the first scan has read the whole table, `mayBeStored` answers true (ask the database).
 */
export class KeyHashFilter implements HashSieve {
  readonly #raw: DatabaseSync;
  readonly #statements: { total: number };
  /** Answers look-ups once full. */
  #current: BloomFilter | undefined;
  /** Being filled by a scan (at start, or grown past its capacity); the triggers feed it too. */
  #filling: BloomFilter | undefined;
  #options: KeyHashScan = {};
  #stopped = false;
  /** A larger filter is about to be filled. */
  #growing = false;
  #absent = 0;
  #maybe = 0;

  /** `statements`: the store's count, which the scan's statements join. */
  constructor(raw: DatabaseSync, statements: { total: number }) {
    this.#raw = raw;
    this.#statements = statements;
  }

  /**
   * Installs the triggers, then fills the filter in the background. Call once the schema is
   * migrated: the triggers name `key_secrets`, and a migration that rebuilt the table would drop them.
   */
  start(options: KeyHashScan = {}): void {
    this.#options = options;
    this.#raw.function('keyward_hash_added', (hash) => {
      if (typeof hash === 'string') this.#added(hash);
      return null;
    });
    this.#raw.exec(`CREATE TEMP TRIGGER IF NOT EXISTS keyward_hash_inserted AFTER INSERT ON main.key_secrets
      BEGIN SELECT keyward_hash_added(NEW.hash); END`);
    this.#raw.exec(`CREATE TEMP TRIGGER IF NOT EXISTS keyward_hash_changed AFTER UPDATE OF hash ON main.key_secrets
      BEGIN SELECT keyward_hash_added(NEW.hash); END`);
    const { estimate } = this.#raw.prepare('SELECT coalesce(max(rowid), 0) AS estimate FROM key_secrets').get() as { estimate: number };
    this.#statements.total++;
    this.#fill(Math.max(MIN_CAPACITY, Math.ceil(estimate * HEADROOM)));
  }

  /** Ends a scan under way (the store is closing). */
  stop(): void {
    this.#stopped = true;
  }

  mayBeStored(hash: string): boolean {
    const current = this.#current;
    if (current === undefined) return true;
    if (current.mayHold(hash)) {
      this.#maybe++;
      return true;
    }
    this.#absent++;
    return false;
  }

  get stats(): KeyHashFilterStats {
    return {
      ready: this.#current !== undefined,
      bytes: (this.#current?.bytes ?? 0) + (this.#filling?.bytes ?? 0),
      absent: this.#absent,
      maybe: this.#maybe,
    };
  }

  /** Called by the triggers, inside the statement that wrote the row. */
  #added(hash: string): void {
    this.#current?.add(hash);
    this.#filling?.add(hash);
    const current = this.#current;
    // Past capacity the filter only answers "maybe" more often; a larger one is filled behind
    // it, from the next turn of the event loop: this runs inside the statement that wrote the row.
    if (current && !this.#filling && !this.#growing && current.added > current.capacity) {
      this.#growing = true;
      setImmediate(() => {
        this.#growing = false;
        if (!this.#stopped) this.#fill(current.capacity * 2);
      });
    }
  }

  /**
   * Reads every stored hash into a new filter of `capacity`, in chunks by hash order, yielding
   * between chunks, then lets it answer. No hash can be missed: the triggers feed the new filter
   * from before the first chunk is read, so a row written during the scan is added by its
   * trigger whether or not the scan also reads it, and a row already there is read by the scan
   * (the keyset walks every hash in order; a hash changed behind it is added by the trigger).
   * A deleted row may stay in the filter, which is only a false positive.
   */
  #fill(capacity: number): void {
    const filling = new BloomFilter(capacity);
    this.#filling = filling;
    const rowsPerChunk = this.#options.rowsPerChunk ?? ROWS_PER_CHUNK;
    const between = this.#options.between ?? nextTurn;
    const first = this.#raw.prepare('SELECT hash FROM key_secrets ORDER BY hash LIMIT ?');
    const next = this.#raw.prepare('SELECT hash FROM key_secrets WHERE hash > ? ORDER BY hash LIMIT ?');
    const started = performance.now();
    const scan = async () => {
      let after: string | undefined;
      for (;;) {
        if (this.#stopped) return;
        const rows = (after === undefined ? first.all(rowsPerChunk) : next.all(after, rowsPerChunk)) as { hash: string }[];
        this.#statements.total++;
        for (const row of rows) filling.add(row.hash);
        if (rows.length < rowsPerChunk) break;
        after = rows.at(-1)!.hash;
        await between();
      }
      this.#current = filling;
      this.#filling = undefined;
      this.#options.onFilled?.({ hashes: filling.added, bytes: filling.bytes, milliseconds: Math.round(performance.now() - started) });
      // Past capacity already: many rows were written during the scan.
      if (filling.added > filling.capacity) this.#fill(filling.capacity * 2);
    };
    scan().catch((error: unknown) => {
      if (this.#filling === filling) this.#filling = undefined;
      if (!this.#stopped) this.#options.onError?.(error);
    });
  }
}
