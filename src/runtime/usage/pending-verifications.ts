import { VERIFICATION_CODES, type VerificationCode } from '../../domain/verification.ts';
import type { StoredVerification } from '../../store/key-verifications.ts';

const OUTCOME_NUMBER = new Map<string, number>(VERIFICATION_CODES.map((code, i) => [code, i]));
// Each outcome and address is spelled in JSON once, not once per verification.
const OUTCOME_JSON = VERIFICATION_CODES.map((code) => JSON.stringify(code));
const FIRST_CAPACITY = 4096;

/**
 * Verifications not yet written, as columns of numbers rather than an array per verification.
 * At 25,000 verifications a second, ten seconds of them as small arrays were 250,000 objects
 * that lived through several young-generation collections, so V8 copied them into the old
 * generation, which grew until a full collection: a large part of the server's peak memory.
 * Here a verification is 17 bytes in typed arrays (time, outcome, address, and the previous
 * entry of the same key, so each key's entries are walked without sorting), nothing for the
 * garbage collector to trace; keys and client addresses are numbered once per buffer. The
 * arrays double as they fill; `full` (at `capacity`) says when to write them out.
 */
export class PendingVerifications {
  readonly capacity: number;
  #size = 0;
  #at = new Float64Array(FIRST_CAPACITY);
  #outcome = new Uint8Array(FIRST_CAPACITY);
  #address = new Uint32Array(FIRST_CAPACITY);
  #previous = new Int32Array(FIRST_CAPACITY);
  // Tags are rare (only what a caller sends with a VALID verification): by entry.
  readonly #tags = new Map<number, string[]>();
  readonly #keySlots = new Map<string, number>();
  readonly #keyIds: string[] = [];
  // Per key slot: its newest entry (each entry points to the one before it of its key).
  readonly #newest: number[] = [];
  // Address 0 is "none"; the others are numbered from 1 in the order first seen.
  readonly #addressSlots = new Map<string, number>();
  readonly #addressJson: string[] = ['null'];

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get full(): boolean {
    return this.#size >= this.capacity;
  }

  /** How many keys have verifications here. */
  get keyCount(): number {
    return this.#keyIds.length;
  }

  add(keyId: string, outcome: VerificationCode, at: number, clientAddress: string | undefined, tags: readonly string[] | undefined): void {
    if (this.#size === this.#at.length) this.#grow();
    let slot = this.#keySlots.get(keyId);
    if (slot === undefined) {
      slot = this.#keyIds.length;
      this.#keySlots.set(keyId, slot);
      this.#keyIds.push(keyId);
      this.#newest.push(-1);
    }
    const entry = this.#size++;
    this.#at[entry] = at;
    this.#outcome[entry] = OUTCOME_NUMBER.get(outcome)!;
    this.#address[entry] = clientAddress === undefined ? 0 : this.#addressSlot(clientAddress);
    this.#previous[entry] = this.#newest[slot]!;
    this.#newest[slot] = entry;
    if (tags !== undefined && tags.length > 0) this.#tags.set(entry, tags as string[]);
  }

  #addressSlot(address: string): number {
    let slot = this.#addressSlots.get(address);
    if (slot === undefined) {
      slot = this.#addressJson.length;
      this.#addressSlots.set(address, slot);
      this.#addressJson.push(JSON.stringify(address));
    }
    return slot;
  }

  #grow(): void {
    // `capacity` is when to write, not a wall: what comes while the write is being started still fits.
    const length = this.#at.length * 2;
    const grown = <A extends Float64Array | Uint8Array | Uint32Array | Int32Array>(from: A, to: A): A => (to.set(from), to);
    this.#at = grown(this.#at, new Float64Array(length));
    this.#outcome = grown(this.#outcome, new Uint8Array(length));
    this.#address = grown(this.#address, new Uint32Array(length));
    this.#previous = grown(this.#previous, new Int32Array(length));
  }

  keyId(slot: number): string {
    return this.#keyIds[slot]!;
  }

  /** Whether a key slot holds verifications (a slot emptied by `take` holds none until the next). */
  holds(slot: number): boolean {
    return this.#newest[slot] !== -1;
  }

  /** Takes a key's verifications out, at most its newest `max`, oldest first (to write them on their own). */
  take(keyId: string, max: number): StoredVerification[] {
    const slot = this.#keySlots.get(keyId);
    if (slot === undefined) return [];
    const list = this.listOf(slot, max);
    this.#newest[slot] = -1;
    return list;
  }

  /** A key's verifications, at most its newest `max`, oldest first. */
  #entriesOf(slot: number, max: number): number[] {
    const entries: number[] = [];
    for (let entry = this.#newest[slot]!; entry !== -1 && entries.length < max; entry = this.#previous[entry]!) entries.push(entry);
    return entries.reverse();
  }

  /**
   * A key's newest `max` verifications as the stored JSON text (see StoredVerification), with
   * how many and the time of the last: built when its row is written, not held before.
   */
  batchOf(slot: number, max: number): { count: number; lastAt: number; entries: string } {
    const entries = this.#entriesOf(slot, max);
    const parts = entries.map((entry) => {
      const tags = this.#tags.get(entry);
      const head = `[${this.#at[entry]},${OUTCOME_JSON[this.#outcome[entry]!]},${this.#addressJson[this.#address[entry]!]}`;
      return tags === undefined ? `${head}]` : `${head},${JSON.stringify(tags)}]`;
    });
    return { count: entries.length, lastAt: this.#at[entries.at(-1)!]!, entries: `[${parts.join(',')}]` };
  }

  /** A key's newest `max` verifications as values (a batch that failed meets the next one of its key). */
  listOf(slot: number, max: number): StoredVerification[] {
    return this.#entriesOf(slot, max).map((entry) => {
      const stored: StoredVerification = [this.#at[entry]!, VERIFICATION_CODES[this.#outcome[entry]!]!, JSON.parse(this.#addressJson[this.#address[entry]!]!) as string | null];
      const tags = this.#tags.get(entry);
      if (tags !== undefined) stored.push(tags);
      return stored;
    });
  }
}
