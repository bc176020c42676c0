import type { Redis } from 'ioredis';
import { DEFAULT_LIMIT_NAME, limitsToApply, type AppliedLimit, type LimitRequest, type NamedLimit } from '../../domain/named-limits.ts';
import type { QuotaCounterRepository } from '../../store/quota-counters.ts';
import { spendInTurn, type LimitSpender } from './limit-spend.ts';
import { databaseQuotas, memoryQuotas, redisQuotaCounters, type QuotaChange, type QuotaCounters, type QuotaHolder } from './quota-stores.ts';
import { memoryWindows, type LimitResult } from './rate-windows.ts';
import { redisLimits } from './redis-limits.ts';

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
 * compare-and-set write-behind on one node, in Redis across nodes (a verification's windows and
 * quotas in one script call), and in the database itself on PostgreSQL without Redis (exact,
 * one statement per spend).
 */
export class UsageLimiter {
  readonly #spend: LimitSpender;
  readonly #keyQuotas: QuotaCounters;
  readonly #identityQuotas: QuotaCounters;
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
    const { keyCounters, identityCounters, redis } = options;
    if (options.mode === 'redis' && redis) {
      const counters = { prefix: options.prefix, flushMs: options.flushMs, onError: options.onError, onFallback };
      const [keyQuotas, identityQuotas] = [redisQuotaCounters(keyCounters, redis, counters), redisQuotaCounters(identityCounters, redis, counters)];
      this.#keyQuotas = keyQuotas;
      this.#identityQuotas = identityQuotas;
      const fallback = spendInTurn({ windows: memoryWindows(), keyQuotas: databaseQuotas(keyCounters), identityQuotas: databaseQuotas(identityCounters) });
      this.#spend = redisLimits(redis, { prefix: options.prefix, keyQuotas, identityQuotas, fallback, onFallback, onRecovered });
    } else {
      const quotasOf = (counters: QuotaCounterRepository) =>
        options.mode === 'memory' ? memoryQuotas(counters, { flushMs: options.flushMs, onError: options.onError }) : databaseQuotas(counters);
      const [keyQuotas, identityQuotas] = [quotasOf(keyCounters), quotasOf(identityCounters)];
      this.#keyQuotas = keyQuotas;
      this.#identityQuotas = identityQuotas;
      this.#spend = spendInTurn({ windows: memoryWindows(), keyQuotas, identityQuotas });
    }
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
   * the key's. A call a quota refuses spends nothing, so a key whose own quota is spent does not
   * use up the limits it shares with its identity's other keys.
   */
  async consume(key: LimitedKey, request: { cost: number; ratelimits?: readonly LimitRequest[] }, now: number): Promise<LimitOutcome> {
    const applied = limitsToApply({ id: key.id, limits: key.ratelimits }, key.identity && { id: key.identity.id, limits: key.identity.ratelimits }, request.ratelimits);
    const identity = key.identity !== null && key.identity.remaining !== null ? key.identity : undefined;
    const ownQuota = key.remaining !== null ? key : undefined;
    if (applied.length === 0 && !identity && !ownQuota) return {};
    const spent = await this.#spend({ windows: applied, identity, key: ownQuota, cost: request.cost, now });
    const outcome: LimitOutcome = {};
    if (spent.code) outcome.code = spent.code;
    if (spent.remaining !== undefined) outcome.remaining = spent.remaining;
    if (applied.length > 0) this.#withLimits(outcome, applied, spent.windows);
    return outcome;
  }

  /** The limits' part of an answer: each one applied, and the key's `default` as the single `ratelimit`. */
  #withLimits(outcome: LimitOutcome, applied: readonly AppliedLimit[], results: readonly LimitResult[]): void {
    outcome.ratelimits = results.map((result) => this.#answerOf(result));
    const legacy = results.find((result, i) => result.name === DEFAULT_LIMIT_NAME && applied[i]!.scope === 'key' && applied[i]!.autoApply);
    if (legacy) outcome.ratelimit = { limit: legacy.limit, remaining: legacy.remaining, resetAt: this.#resetAt(legacy.resetAt) };
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
