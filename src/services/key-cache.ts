import { LRUCache } from 'lru-cache';
import type { VerifiableKey } from '../domain/verification.ts';

/** A key as verification needs it, plus what the management API needs to act for it. */
export type CachedKey = VerifiableKey & { createdBy: string | null; expiresAtIso: string | null };

type Entry = { key: CachedKey | null };

export type KeyCacheOptions = {
  /** How many hashes to hold; the least recently used are dropped past it. */
  max: number;
  /** How long "no key has this hash" is believed, in ms. */
  negativeTtlMs: number;
};

/**
 * Key records by token hash, so verification of a known key touches no database.
 *
 * Invariant: every write to a key calls `invalidateKey` with the key's id after the write
 * commits (and the new hash, for creates and regenerations), so no entry outlives a change.
 * A negative entry ("unknown hash") can only go stale when a key with that very hash is made,
 * which `invalidateHash` covers; the TTL bounds it anyway.
 */
export class KeyCache {
  readonly #entries: LRUCache<string, Entry>;
  readonly #hashesByKey = new Map<string, Set<string>>();
  readonly #negativeTtlMs: number;

  constructor(options: KeyCacheOptions) {
    this.#negativeTtlMs = options.negativeTtlMs;
    this.#entries = new LRUCache<string, Entry>({
      max: options.max,
      dispose: (entry, hash) => {
        if (!entry.key) return;
        const hashes = this.#hashesByKey.get(entry.key.id);
        hashes?.delete(hash);
        if (hashes?.size === 0) this.#hashesByKey.delete(entry.key.id);
      },
    });
  }

  /** The cached entry: a key, null for a known-unknown hash, undefined when not cached. */
  get(hash: string): CachedKey | null | undefined {
    return this.#entries.get(hash)?.key;
  }

  set(hash: string, key: CachedKey | null): void {
    if (key === null) {
      this.#entries.set(hash, { key: null }, { ttl: this.#negativeTtlMs });
      return;
    }
    this.#entries.set(hash, { key });
    let hashes = this.#hashesByKey.get(key.id);
    if (!hashes) this.#hashesByKey.set(key.id, (hashes = new Set()));
    hashes.add(hash);
  }

  /** Forgets every cached hash of a key. */
  invalidateKey(keyId: string): void {
    const hashes = this.#hashesByKey.get(keyId);
    if (!hashes) return;
    for (const hash of [...hashes]) this.#entries.delete(hash);
    this.#hashesByKey.delete(keyId);
  }

  /** Forgets one hash (a negative entry for a token that now exists). */
  invalidateHash(hash: string): void {
    this.#entries.delete(hash);
  }

  /** Forgets everything: for changes that reach many keys (a group's permissions, a project). */
  clear(): void {
    this.#entries.clear();
    this.#hashesByKey.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
