import { createHash } from 'node:crypto';

// 10 bits and 7 probes per hash: 0.8% false positives at capacity, 0.2% at two thirds of it.
const BITS_PER_HASH = 10;
const PROBES = 7;
// Bit positions index a Uint32Array with `>>> 5`: at most 2^32 bits (512 MiB, 429 million hashes).
const MAX_BITS = 2 ** 32;

// The value of each character in the two spellings of a stored hash: our keyed hashes are
// base64url (43 characters for 32 bytes), imported SHA-256 lowercase hex (64).
const BASE64URL = digitTable('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
const HEX = digitTable('0123456789abcdef');

function digitTable(alphabet: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

/**
 * A Bloom filter over stored token hashes: `mayHold` is false only for a hash never added (no
 * false negatives), true for one added and for about 1% of the others at capacity.
 *
 * The bit positions are read straight from the hash's characters, 36 bits per probe, without
 * hashing again: a keyed HMAC-SHA256 is already uniform, and an attacker without the server
 * secret cannot choose which bits a made-up token lands on. (An imported key's SHA-256 is not
 * keyed, but only our own tokens' hashes are ever asked about before the database is.) A
 * string of another length (none is stored today) is hashed first, so every string has its
 * positions.
 *
 * @example const filter = new BloomFilter(1000); filter.add(hash); filter.mayHold(hash) // true
 */
export class BloomFilter {
  /** How many hashes it holds before false positives pass about 1%. */
  readonly capacity: number;
  readonly #bitCount: number;
  readonly #words: Uint32Array;
  #added = 0;

  constructor(capacity: number) {
    this.#bitCount = Math.min(MAX_BITS, Math.ceil(Math.max(1, capacity) * BITS_PER_HASH / 32) * 32);
    this.capacity = Math.floor(this.#bitCount / BITS_PER_HASH);
    this.#words = new Uint32Array(this.#bitCount / 32);
  }

  /** Hashes added so far (each addition counts, a repeated one too). */
  get added(): number {
    return this.#added;
  }

  /** The memory of its bits. */
  get bytes(): number {
    return this.#words.byteLength;
  }

  add(hash: string): void {
    const spelled = spelling(hash);
    for (let probe = 0; probe < PROBES; probe++) {
      const bit = this.#position(spelled, probe);
      this.#words[bit >>> 5]! |= 1 << (bit & 31);
    }
    this.#added++;
  }

  /** False: certainly never added. True: added, or a false positive. */
  mayHold(hash: string): boolean {
    const spelled = spelling(hash);
    for (let probe = 0; probe < PROBES; probe++) {
      const bit = this.#position(spelled, probe);
      if ((this.#words[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  /** The bit of one probe: 36 bits of the hash (6 base64url or 9 hex characters), modulo the size. */
  #position(spelled: Spelled, probe: number): number {
    const { text, digits, perProbe, radix } = spelled;
    let value = 0;
    for (let c = probe * perProbe, end = c + perProbe; c < end; c++) value = value * radix + digits[text.charCodeAt(c) & 127]!;
    return value % this.#bitCount;
  }
}

type Spelled = { text: string; digits: Uint8Array; perProbe: number; radix: number };

function spelling(hash: string): Spelled {
  if (hash.length === 64) return { text: hash, digits: HEX, perProbe: 9, radix: 16 };
  const text = hash.length === 43 ? hash : createHash('sha256').update(hash).digest('base64url');
  return { text, digits: BASE64URL, perProbe: 6, radix: 64 };
}
