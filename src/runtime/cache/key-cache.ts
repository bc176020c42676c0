import { LRUCache } from 'lru-cache';
import type { VerifiableKey } from '../../domain/verification.ts';
import type { LimitedKey } from '../usage/usage-limits.ts';
import type { Invalidation, InvalidationBus } from './invalidation-bus.ts';
import { EMPTY_LIST, EMPTY_OBJECT, isEmpty, SharedValues } from './shared-values.ts';

/** A key as verification needs it, plus what the management API needs to act for it. */
export type CachedKey = VerifiableKey & LimitedKey & {
  createdBy: string | null;
  /** The identity's own part of a verification's answer (its limits are in LimitedKey). */
  identity: (LimitedKey['identity'] & { externalId: string; meta: Record<string, unknown> }) | null;
  expiresAtIso: string | null;
  /** When the usage recorder last noted a use of this key (see UsageRecorder.touch). */
  lastUsedNotedAt?: number;
};

export type KeyCacheOptions = {
  /** How many known tokens to hold; the least recently used are dropped past it. */
  max: number;
  /** How many unknown tokens to remember (default: as many as `max`), apart from the known ones. */
  maxUnknown?: number;
  /** How long "no key has this hash" is believed, in ms. */
  negativeTtlMs: number;
};

// A set needs a value: every unknown token shares this one.
const UNKNOWN = true;
// With a positive TTL, each entry's lifetime is drawn between (1 - TTL_JITTER) × TTL and the TTL,
// so keys read in one burst (a start, a bench's priming) do not all expire in the same second.
const TTL_JITTER = 0.2;
// A hit with less than a quarter of the TTL left (15 s of 60) reads the key again in the
// background: a key in steady use is never a miss, and the entry served meanwhile is still
// within its TTL.
const REFRESH_FRACTION = 0.25;

/** The key with its repeated parts shared (see SharedValues). */
function compact(shared: SharedValues, key: CachedKey): CachedKey {
  return {
    ...key,
    projectId: shared.string(key.projectId),
    ownerId: shared.string(key.ownerId),
    createdBy: shared.string(key.createdBy),
    permissions: shared.list(key.permissions),
    allowlist: key.allowlist.length === 0 ? EMPTY_LIST : key.allowlist,
    ratelimits: key.ratelimits.length === 0 ? EMPTY_LIST : key.ratelimits,
    meta: isEmpty(key.meta) ? EMPTY_OBJECT : key.meta,
  } as CachedKey;
}

/**
 * Key records by token digest (`tokenDigester`), so verification of a known key touches no
 * database. The strings this class calls hashes are those digests.
 *
 * Invariant: every write to a key calls `invalidateKey` with the key's id after the write
 * commits (and the new hash, for regenerations), so no entry outlives a change. A negative
 * entry ("unknown hash") can only go stale when a key with that very hash is made: an import
 * clears the cache; a token Keyward generates did not exist before, so no cache holds it and a
 * creation tells none; the TTL bounds it anyway.
 *
 * Known and unknown tokens are held apart, each within its own bound: a flood of made-up
 * tokens (each one new) churns only the unknown ones, and the keys real callers use stay.
 */
export class KeyCache {
  readonly #entries: LRUCache<string, CachedKey>;
  readonly #unknown: LRUCache<string, typeof UNKNOWN>;
  // A key's cached hashes: one string for the usual one hash, a set while a regenerated key's
  // old token still works beside its new one (a set per key would double a key's footprint).
  readonly #hashesByKey = new Map<string, string | Set<string>>();
  readonly #shared = new SharedValues();
  /** Look-ups answered from memory, those that had to ask the database, and background re-reads. */
  readonly stats = { hits: 0, misses: 0, refreshes: 0 };
  readonly #loading = new Map<string, Promise<CachedKey | null>>();
  // Bumped by every invalidation. A load that overlapped one may have read the row before the
  // change, so its answer is returned to its callers but not cached.
  #generation = 0;
  #bus: InvalidationBus | undefined;
  // False while this node may be missing other nodes' invalidations (the bus is down): every
  // look-up then goes to the database, so a change made elsewhere is never answered stale.
  #trusted = true;
  // With several nodes, entries also expire, bounding what a lost message could leave behind.
  #positiveTtlMs: number | undefined;

  constructor(options: KeyCacheOptions) {
    this.#unknown = new LRUCache<string, typeof UNKNOWN>({ max: options.maxUnknown ?? options.max, ttl: options.negativeTtlMs, ttlAutopurge: false });
    this.#entries = new LRUCache<string, CachedKey>({
      max: options.max,
      dispose: (key, hash) => {
        const hashes = this.#hashesByKey.get(key.id);
        if (hashes === hash) this.#hashesByKey.delete(key.id);
        else if (typeof hashes === 'object') {
          hashes.delete(hash);
          if (hashes.size === 1) this.#hashesByKey.set(key.id, hashes.values().next().value!);
        }
      },
    });
  }

  /**
   * Shares invalidations with the other nodes through `bus`, and follows its health: while it
   * is down the cache is bypassed, and when it returns the cache starts empty.
   */
  attach(bus: InvalidationBus, options: { positiveTtlMs: number }): void {
    this.#bus = bus;
    this.#positiveTtlMs = options.positiveTtlMs;
    this.#trusted = bus.healthy;
    bus.onMessage((message) => this.#forget(message));
    bus.onHealth((healthy) => {
      this.#forget({ kind: 'all' });
      this.#trusted = healthy;
    });
  }

  /** Whether answers may come from memory (false while the invalidation bus is down). */
  get trusted(): boolean {
    return this.#trusted;
  }

  /**
   * The cached entry: a key, null for a known-unknown hash, undefined when not cached. With
   * `reload` and a positive TTL, a key near the end of its TTL is read again in the background
   * (once, however many ask) while this answer still comes from memory.
   */
  get(hash: string, reload?: () => Promise<CachedKey | null>): CachedKey | null | undefined {
    if (!this.#trusted) return undefined;
    const key = this.#entries.get(hash);
    if (key) {
      this.stats.hits++;
      if (reload && this.#positiveTtlMs && this.#entries.getRemainingTTL(hash) < this.#positiveTtlMs * REFRESH_FRACTION) this.#refresh(hash, reload);
      return key;
    }
    if (this.#unknown.get(hash)) {
      this.stats.hits++;
      return null;
    }
    return undefined;
  }

  /**
   * Loads an uncached hash once, however many requests ask for it at the same time, and
   * caches the answer unless an invalidation happened meanwhile.
   */
  load(hash: string, loader: () => Promise<CachedKey | null>): Promise<CachedKey | null> {
    const pending = this.#loading.get(hash);
    if (pending) return pending;
    this.stats.misses++;
    return this.#startLoad(hash, loader);
  }

  // A refresh is a load nobody waits for: the same single flight and generation check, so an
  // invalidation that overlaps it leaves nothing cached. A failed read is dropped: the entry
  // still expires at its TTL, and the next miss then meets the error.
  #refresh(hash: string, reload: () => Promise<CachedKey | null>): void {
    if (this.#loading.has(hash)) return;
    this.stats.refreshes++;
    this.#startLoad(hash, reload).catch(() => undefined);
  }

  #startLoad(hash: string, loader: () => Promise<CachedKey | null>): Promise<CachedKey | null> {
    const generation = this.#generation;
    const loading = loader()
      .then((key) => (generation === this.#generation && this.#trusted ? this.set(hash, key) : key))
      .finally(() => this.#loading.delete(hash));
    this.#loading.set(hash, loading);
    return loading;
  }

  /** Caches a look-up's answer; returns what is held (the key with its repeated parts shared). */
  set(hash: string, found: CachedKey | null): CachedKey | null {
    if (found === null) {
      // A refreshed key that is gone: its entry must not outlive it.
      this.#entries.delete(hash);
      this.#unknown.set(hash, UNKNOWN);
      return null;
    }
    const key = compact(this.#shared, found);
    this.#unknown.delete(hash);
    const ttl = this.#positiveTtlMs ? Math.ceil(this.#positiveTtlMs * (1 - TTL_JITTER * Math.random())) : undefined;
    this.#entries.set(hash, key, ttl ? { ttl } : undefined);
    const hashes = this.#hashesByKey.get(key.id);
    if (hashes === undefined) this.#hashesByKey.set(key.id, hash);
    else if (typeof hashes === 'object') hashes.add(hash);
    else if (hashes !== hash) this.#hashesByKey.set(key.id, new Set([hashes, hash]));
    return key;
  }

  /** Forgets every cached hash of a key, here and on every other node. */
  invalidateKey(keyId: string): void {
    this.#broadcast({ kind: 'key', keyId });
  }

  /** Forgets one hash (a negative entry for a token that now exists), everywhere. */
  invalidateHash(hash: string): void {
    this.#broadcast({ kind: 'hash', hash });
  }

  /** Forgets everything, everywhere: for changes that reach many keys (a group, a project). */
  clear(): void {
    this.#broadcast({ kind: 'all' });
  }

  #broadcast(message: Invalidation): void {
    this.#forget(message);
    this.#bus?.publish(message);
  }

  #forget(message: Invalidation): void {
    this.#generation++;
    if (message.kind === 'all') {
      this.#entries.clear();
      this.#unknown.clear();
      this.#hashesByKey.clear();
    } else if (message.kind === 'hash') {
      this.#entries.delete(message.hash);
      this.#unknown.delete(message.hash);
    } else {
      const hashes = this.#hashesByKey.get(message.keyId);
      if (hashes === undefined) return;
      for (const hash of typeof hashes === 'string' ? [hashes] : [...hashes]) this.#entries.delete(hash);
      this.#hashesByKey.delete(message.keyId);
    }
  }

  /** How many known tokens are held. */
  get size(): number {
    return this.#entries.size;
  }

  /** How many unknown tokens are remembered (expired ones may count until they are next asked for). */
  get unknownSize(): number {
    return this.#unknown.size;
  }

  /** The bounds: known tokens, unknown tokens. */
  get bounds(): { known: number; unknown: number } {
    return { known: this.#entries.max, unknown: this.#unknown.max };
  }
}
