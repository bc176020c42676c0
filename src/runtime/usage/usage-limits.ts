import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import type { KeyRepository } from '../../store/keys.ts';
import { databaseQuotas, memoryQuotas, redisQuotas, type LimitedKey, type QuotaChange, type QuotaStore } from './quota-stores.ts';

export type { LimitedKey, QuotaChange };

/** What the limits say of one verification. */
export type LimitOutcome = {
  code?: 'RATE_LIMITED' | 'USAGE_EXCEEDED';
  ratelimit?: { limit: number; remaining: number; resetAt: string };
  /** What is left of the quota after this verification, where the key has one. */
  remaining?: number;
};


/**
 * Per-key rate limits and quotas, behind the verification service's `UsageLimits` seam.
 * Rate limits use rate-limiter-flexible (memory on one node; Redis on several, with a memory
 * limiter per node as insurance while Redis is down). Windows are whole seconds in Redis, so a
 * `windowMs` is rounded up to the next second there.
 */
export class UsageLimiter {
  readonly #redis: Redis | undefined;
  readonly #prefix: string;
  readonly #quotas: QuotaStore;
  readonly #rateLimiters = new Map<string, RateLimiterAbstract>();
  /** Quota spends that went to the database because Redis failed (exported as a metric). */
  fallbacks = 0;
  // Redis fails for every call while it is down: warn once per outage, not once per call.
  #warned = false;

  constructor(options: { keys: KeyRepository; mode: 'memory' | 'database' | 'redis'; redis?: Redis; prefix: string; flushMs: number; onFallback: (error: unknown) => void; onError: (error: unknown) => void }) {
    this.#redis = options.redis;
    this.#prefix = options.prefix;
    const { keys, flushMs, onError } = options;
    this.#quotas =
      options.mode === 'redis' && options.redis
        ? redisQuotas(keys, options.redis, {
            prefix: options.prefix,
            flushMs,
            onError,
            onFallback: (error) => {
              this.fallbacks++;
              if (!this.#warned) options.onFallback(error);
              this.#warned = true;
            },
            onRecovered: () => {
              this.#warned = false;
            },
          })
        : options.mode === 'memory'
          ? memoryQuotas(keys, { flushMs, onError })
          : databaseQuotas(keys);
  }

  // Calls in one window name (nearly always) the same end instant: its text is made once.
  readonly #resetTexts = new Map<number, string>();
  readonly #limiterBySettings = new WeakMap<object, RateLimiterAbstract>();

  #resetAt(ms: number): string {
    let text = this.#resetTexts.get(ms);
    if (text === undefined) {
      if (this.#resetTexts.size >= 4096) this.#resetTexts.clear();
      text = new Date(ms).toISOString();
      this.#resetTexts.set(ms, text);
    }
    return text;
  }

  #rateLimiter(limit: number, windowMs: number): RateLimiterAbstract {
    const name = `${limit}/${windowMs}`;
    let limiter = this.#rateLimiters.get(name);
    if (!limiter) {
      const keyPrefix = `${this.#prefix}rate:${name}`;
      const memory = new RateLimiterMemory({ keyPrefix, points: limit, duration: windowMs / 1000 });
      limiter = this.#redis
        ? new RateLimiterRedis({ storeClient: this.#redis, keyPrefix, points: limit, duration: Math.ceil(windowMs / 1000), insuranceLimiter: memory })
        : memory;
      this.#rateLimiters.set(name, limiter);
    }
    return limiter;
  }

  /**
   * The limiter of a key's rate limit, remembered on the key's (cached) settings object, so a
   * verification does not build a name to find it.
   */
  #limiterOf(ratelimit: NonNullable<LimitedKey['ratelimit']>): RateLimiterAbstract {
    let limiter = this.#limiterBySettings.get(ratelimit);
    if (!limiter) {
      limiter = this.#rateLimiter(ratelimit.limit, ratelimit.windowMs);
      this.#limiterBySettings.set(ratelimit, limiter);
    }
    return limiter;
  }

  /** Applies the key's rate limit (one point per verification), then spends `cost` of its quota. */
  async consume(key: LimitedKey, cost: number, now: number): Promise<LimitOutcome> {
    const outcome: LimitOutcome = {};
    if (key.ratelimit) {
      const { limit } = key.ratelimit;
      try {
        const result = await this.#limiterOf(key.ratelimit).consume(key.id, 1);
        outcome.ratelimit = { limit, remaining: result.remainingPoints, resetAt: this.#resetAt(now + result.msBeforeNext) };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return { code: 'RATE_LIMITED', ratelimit: { limit, remaining: 0, resetAt: this.#resetAt(now + rejection.msBeforeNext) } };
      }
    }
    if (key.remaining !== null) {
      const spent = await this.#quotas.spend(key, cost, now);
      outcome.remaining = spent.remaining;
      if (!spent.allowed) outcome.code = 'USAGE_EXCEEDED';
    }
    return outcome;
  }

  /** Call after an edit of a key's limits has committed. */
  keyChanged(keyId: string, change: QuotaChange): Promise<void> {
    return this.#quotas.changed(keyId, change);
  }

  flush(): Promise<void> {
    return this.#quotas.flush();
  }

  close(): Promise<void> {
    return this.#quotas.close();
  }
}

