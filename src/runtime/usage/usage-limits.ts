import type { Redis } from 'ioredis';
import { DEFAULT_LIMIT_NAME, limitsToApply, type AppliedLimit, type LimitRequest, type NamedLimit } from '../../domain/named-limits.ts';
import type { QuotaCounterRepository } from '../../store/quota-counters.ts';
import { databaseQuotas, memoryQuotas, redisQuotas, type QuotaChange, type QuotaHolder, type QuotaStore } from './quota-stores.ts';
import { memoryWindows, redisWindows, type LimitResult, type RateWindows } from './rate-windows.ts';

export type { QuotaChange, QuotaHolder };

/** What the limits need to know of a key and its identity (kept in the key cache beside the rest). */
export type LimitedKey = QuotaHolder & {
  ratelimits: NamedLimit[];
  identity: (QuotaHolder & { ratelimits: NamedLimit[] }) | null;
};

/** One named limit in a verification's answer. */
export type LimitAnswer = { name: string; limit: number; remaining: number; resetAt: string; exceeded: boolean };

/** What the limits say of one verification. */
export type LimitOutcome = {
  code?: 'RATE_LIMITED' | 'USAGE_EXCEEDED';
  /** Every limit that applied, in order: the key's, then the identity's. */
  ratelimits?: LimitAnswer[];
  /** The key's limit named `default`, as the contract's single `ratelimit`. */
  ratelimit?: { limit: number; remaining: number; resetAt: string };
  /** What is left of the quota after this verification: the key's, else its identity's. */
  remaining?: number;
};

/** Whether a key has anything for the limiter to do (a plain key skips it entirely). */
export function isLimited(key: LimitedKey): boolean {
  return key.ratelimits.length > 0 || key.remaining !== null || (key.identity !== null && (key.identity.ratelimits.length > 0 || key.identity.remaining !== null));
}

type Mode = 'memory' | 'database' | 'redis';

export type UsageLimiterOptions = {
  keyCounters: QuotaCounterRepository;
  identityCounters: QuotaCounterRepository;
  mode: Mode;
  redis?: Redis;
  prefix: string;
  flushMs: number;
  onFallback: (error: unknown) => void;
  onError: (error: unknown) => void;
};

/**
 * Named rate limits (sliding windows) and quotas of keys and of the identities they belong to.
 * Windows count in this process on one node and in Redis across nodes; quotas in memory with a
 * compare-and-set write-behind on one node, in Redis across nodes, and in the database itself
 * on PostgreSQL without Redis (exact, one statement per spend).
 */
export class UsageLimiter {
  readonly #windows: RateWindows;
  readonly #keyQuotas: QuotaStore;
  readonly #identityQuotas: QuotaStore;
  /** Spends that fell back to memory or the database because Redis failed (a metric). */
  fallbacks = 0;
  // Redis fails for every call while it is down: warn once per outage, not once per call.
  #warned = false;

  constructor(options: UsageLimiterOptions) {
    const onFallback = (error: unknown) => {
      this.fallbacks++;
      if (!this.#warned) options.onFallback(error);
      this.#warned = true;
    };
    const onRecovered = () => {
      this.#warned = false;
    };
    const quotasOf = (counters: QuotaCounterRepository): QuotaStore =>
      options.mode === 'redis' && options.redis
        ? redisQuotas(counters, options.redis, { prefix: options.prefix, flushMs: options.flushMs, onError: options.onError, onFallback, onRecovered })
        : options.mode === 'memory'
          ? memoryQuotas(counters, { flushMs: options.flushMs, onError: options.onError })
          : databaseQuotas(counters);
    this.#keyQuotas = quotasOf(options.keyCounters);
    this.#identityQuotas = quotasOf(options.identityCounters);
    this.#windows = options.mode === 'redis' && options.redis ? redisWindows(options.redis, { prefix: options.prefix, onFallback, onRecovered }) : memoryWindows();
  }

  // Calls in one window name (nearly always) the same end instant: its text is made once.
  readonly #resetTexts = new Map<number, string>();

  #resetAt(ms: number): string {
    let text = this.#resetTexts.get(ms);
    if (text === undefined) {
      if (this.#resetTexts.size >= 4096) this.#resetTexts.clear();
      text = new Date(ms).toISOString();
      this.#resetTexts.set(ms, text);
    }
    return text;
  }

  #answerOf(result: LimitResult): LimitAnswer {
    return { name: result.name, limit: result.limit, remaining: result.remaining, resetAt: this.#resetAt(result.resetAt), exceeded: result.exceeded };
  }

  /**
   * Applies the key's and its identity's limits to one verification, all or nothing: the
   * windows first (none is spent when one refuses), then `cost` of the identity's quota and of
   * the key's. A call a quota refuses gives back what it took: the key refusing gives the
   * identity's quota back, and either refusing gives the windows back, so a key whose own quota
   * is spent does not use up the limits it shares with its identity's other keys.
   */
  async consume(key: LimitedKey, request: { cost: number; ratelimits?: readonly LimitRequest[] }, now: number): Promise<LimitOutcome> {
    const applied = limitsToApply({ id: key.id, limits: key.ratelimits }, key.identity && { id: key.identity.id, limits: key.identity.ratelimits }, request.ratelimits);
    if (applied.length === 0) return this.#spendQuotas(key, request.cost, now);
    let results = await this.#windows.consume(applied, now);
    if (results.some((result) => result.exceeded)) return this.#withLimits({ code: 'RATE_LIMITED' }, applied, results);
    const outcome = await this.#spendQuotas(key, request.cost, now);
    if (outcome.code) {
      await this.#windows.refund(applied, now);
      results = results.map((result, i) => ({ ...result, remaining: Math.min(result.limit, result.remaining + applied[i]!.cost) }));
    }
    return this.#withLimits(outcome, applied, results);
  }

  /** The limits' part of an answer: each one applied, and the key's `default` as the single `ratelimit`. */
  #withLimits(outcome: LimitOutcome, applied: readonly AppliedLimit[], results: readonly LimitResult[]): LimitOutcome {
    outcome.ratelimits = results.map((result) => this.#answerOf(result));
    const legacy = results.find((result, i) => result.name === DEFAULT_LIMIT_NAME && applied[i]!.scope === 'key' && applied[i]!.autoApply);
    if (legacy) outcome.ratelimit = { limit: legacy.limit, remaining: legacy.remaining, resetAt: this.#resetAt(legacy.resetAt) };
    return outcome;
  }

  /** Spends `cost` of the identity's quota, then of the key's; the key refusing gives the identity's spend back. */
  async #spendQuotas(key: LimitedKey, cost: number, now: number): Promise<LimitOutcome> {
    const outcome: LimitOutcome = {};
    const identity = key.identity !== null && key.identity.remaining !== null ? key.identity : undefined;
    if (identity) {
      const spent = await this.#identityQuotas.spend(identity, cost, now);
      outcome.remaining = spent.remaining;
      if (!spent.allowed) return { ...outcome, code: 'USAGE_EXCEEDED' };
    }
    if (key.remaining !== null) {
      const spent = await this.#keyQuotas.spend(key, cost, now);
      outcome.remaining = spent.remaining;
      if (!spent.allowed) {
        if (identity && cost > 0) await this.#identityQuotas.refund(identity, cost);
        outcome.code = 'USAGE_EXCEEDED';
      }
    }
    return outcome;
  }

  /** Call after an edit of a key's quota has committed. */
  keyChanged(keyId: string, change: QuotaChange): Promise<void> {
    return this.#keyQuotas.changed(keyId, change);
  }

  /** Call after an edit of an identity's quota has committed. */
  identityChanged(identityId: string, change: QuotaChange): Promise<void> {
    return this.#identityQuotas.changed(identityId, change);
  }

  async flush(): Promise<void> {
    await this.#keyQuotas.flush();
    await this.#identityQuotas.flush();
  }

  async close(): Promise<void> {
    await this.#keyQuotas.close();
    await this.#identityQuotas.close();
  }
}
