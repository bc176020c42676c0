import type { VerifyRequest, VerifyResult } from './types.ts';

/** A short local memory of verification answers, off by default. */
export type VerifyCacheOptions = {
  /** How long an answer is reused, in ms. Keep it short: a disabled key stays usable this long. */
  ttlMs: number;
  /** Most answers kept; the oldest goes first (default 10,000). */
  max?: number;
  /** Milliseconds since the epoch; tests move time with it. */
  now?: () => number;
};

// Limit answers change on their own (a window resets, a refill tops up), so they are always
// asked again rather than repeated from memory.
const UNCACHEABLE: ReadonlySet<string> = new Set(['RATE_LIMITED', 'USAGE_EXCEEDED']);

/**
 * Remembers `verify()` answers for `ttlMs`, keyed by everything the answer depends on (token,
 * project, permissions, address, named limits and costs). It trades freshness for a round trip:
 * for up to `ttlMs` a cached answer ignores a disable, delete or edit made on the server, and a
 * cached VALID is not counted against the key's (or its identity's) rate limits or `remaining`.
 *
 * @example const cache = new VerifyCache({ ttlMs: 5_000 })
 */
export class VerifyCache {
  readonly #entries = new Map<string, { result: VerifyResult; expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: VerifyCacheOptions) {
    this.#ttlMs = options.ttlMs;
    this.#max = options.max ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** The remembered answer for this request, if it is still fresh. */
  get(request: VerifyRequest): VerifyResult | undefined {
    const id = cacheKey(request);
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry.result;
  }

  /** Remembers an answer (limit answers excepted). */
  set(request: VerifyRequest, result: VerifyResult): void {
    if (UNCACHEABLE.has(result.code) || this.#ttlMs <= 0) return;
    const id = cacheKey(request);
    this.#entries.delete(id);
    if (this.#entries.size >= this.#max) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(id, { result, expiresAt: this.#now() + this.#ttlMs });
  }

  /** Forgets every answer. */
  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

// Every field of the request takes part (fields the server may add later too), in a fixed order;
// the required permissions are all needed, so their order does not matter.
function cacheKey(request: VerifyRequest): string {
  const fields: Record<string, unknown> = { ...request };
  if (Array.isArray(fields.permissions)) fields.permissions = fields.permissions.toSorted();
  return JSON.stringify(Object.keys(fields).sort().map((name) => [name, fields[name]]));
}
