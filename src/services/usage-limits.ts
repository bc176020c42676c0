import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import { refillPeriodStart, spendQuota, type QuotaState, type Refill } from '../domain/quota.ts';
import type { Db } from '../store/database.ts';
import { writeQuotaCounters } from '../store/keys.ts';
import { writeInTurns } from './write-behind.ts';

/** What the limits need to know of a key (kept in the key cache beside the rest). */
export type LimitedKey = {
  id: string;
  ratelimit: { limit: number; windowMs: number } | null;
  /** The quota as last read from the database (null: no quota). */
  remaining: number | null;
  refill: Refill | null;
  lastRefillAt: number | null;
};

/** What the limits say of one verification. */
export type LimitOutcome = {
  code?: 'RATE_LIMITED' | 'USAGE_EXCEEDED';
  ratelimit?: { limit: number; remaining: number; resetAt: string };
  /** What is left of the quota after this verification, where the key has one. */
  remaining?: number;
};

type Spent = { allowed: boolean; remaining: number };

/**
 * What an edit did to a key's quota: `remainingSet` when it set `remaining` anew (which wins over
 * any count held outside the database), with the key's `remaining` and `lastRefillAt` as the edit
 * left them; else `lastRefillAt` only when it set a refill, which restarts the refill clock then
 * (null when it removed the refill).
 */
export type QuotaChange =
  | { remainingSet: true; remaining: number | null; lastRefillAt: string | null }
  | { remainingSet: false; lastRefillAt?: string | null };

/** Where quota counters live: memory (one node), Redis (several), or the database itself. */
type QuotaStore = {
  spend: (key: LimitedKey, cost: number, now: number) => Promise<Spent>;
  /** A key's quota settings changed (after the edit's commit). */
  changed: (keyId: string, change: QuotaChange) => Promise<void>;
  flush: () => Promise<void>;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The database as the counter: one conditional UPDATE per spend, atomic across any number of
 * nodes. Used on PostgreSQL without Redis, and while Redis is down.
 */
function databaseQuotas(db: Db): QuotaStore {
  return {
    spend: async (key, cost, now) => {
      const due = key.refill ? sql`(last_refill_at IS NOT NULL AND last_refill_at < ${iso(refillPeriodStart(key.refill.interval, now))})` : sql`(1 = 0)`;
      const amount = key.refill?.amount ?? 0;
      // Cost 0 checks without spending, and still needs something left.
      const needed = Math.max(cost, 1);
      const { rows } = await sql<{ remaining: number | string }>`UPDATE keys SET
          remaining = CASE WHEN ${due} THEN ${amount - cost} ELSE remaining - ${cost} END,
          last_refill_at = CASE WHEN ${due} THEN ${iso(now)} ELSE last_refill_at END
        WHERE id = ${key.id} AND remaining IS NOT NULL
          AND (CASE WHEN ${due} THEN ${amount} ELSE remaining END) >= ${needed}
        RETURNING remaining`.execute(db);
      const row = rows[0];
      return row ? { allowed: true, remaining: Number(row.remaining) } : { allowed: false, remaining: 0 };
    },
    changed: async () => {},
    flush: async () => {},
  };
}

/**
 * Counters in this process, written behind once a second: one node on the embedded store,
 * where nothing else spends the same quota. A write only lands if the database still holds
 * what this node last wrote (compare-and-set), so an edit made meanwhile is never overwritten.
 */
function memoryQuotas(db: Db): QuotaStore {
  type Entry = { state: QuotaState; persisted: QuotaState; since: number };
  const entries = new Map<string, Entry>();
  const dirty = new Set<string>();
  return {
    spend: async (key, cost, now) => {
      let entry = entries.get(key.id);
      if (!entry) {
        const state = { remaining: key.remaining ?? 0, lastRefillAt: key.lastRefillAt };
        entry = { state, persisted: state, since: now };
        entries.set(key.id, entry);
      }
      const result = spendQuota(entry.state, key.refill, cost, entry.since, now);
      if (result.state !== entry.state) dirty.add(key.id);
      entry.state = result.state;
      return { allowed: result.allowed, remaining: result.state.remaining };
    },
    changed: async (keyId, change) => {
      // Spends counted here since the last write stay spent (an edit of the refill or the rate
      // limit must not give them back), with the refill clock the edit set; a remaining set
      // anew wins over them.
      if (!change.remainingSet) await write([keyId], change.lastRefillAt);
      entries.delete(keyId);
      dirty.delete(keyId);
    },
    flush: async () => {
      const { error } = await writeInTurns([...dirty], write);
      if (error) throw error;
    },
  };

  /**
   * Writes the keys' counters in one statement; a key edited meanwhile is dropped, not written.
   * `lastRefillAt`, when given, is written instead of the counters' own refill time.
   */
  async function write(keyIds: readonly string[], lastRefillAt?: string | null): Promise<void> {
    const writes: { keyId: string; entry: Entry; written: QuotaState }[] = [];
    for (const keyId of keyIds) {
      const entry = entries.get(keyId);
      dirty.delete(keyId);
      if (entry && entry.state !== entry.persisted) writes.push({ keyId, entry, written: entry.state });
    }
    if (writes.length === 0) return;
    let written: Set<string>;
    try {
      written = await writeQuotaCounters(db, writes.map(({ keyId, entry, written: state }) => ({
        keyId, remaining: state.remaining, lastRefillAt: lastRefillAt !== undefined ? lastRefillAt : iso(state.lastRefillAt), expected: entry.persisted.remaining,
      })));
    } catch (error) {
      // Still to be written: the next flush tries again, even if the keys are not spent meanwhile.
      for (const { keyId } of writes) dirty.add(keyId);
      throw error;
    }
    for (const { keyId, entry, written: state } of writes) {
      if (written.has(keyId)) entry.persisted = state;
      else entries.delete(keyId);
    }
  }
}

// A counter's refill time, changed only where the counter exists (a hash without `remaining`
// would break the spend script).
const SET_REFILLED_SCRIPT = `if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'refilled', ARGV[1]) end`;

// Atomic spend in Redis: initialise from the database's value if the counter is new, refill at
// a period boundary, then spend or refuse, in one step no other node can interleave with.
const SPEND_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'remaining', ARGV[1], 'refilled', ARGV[2])
end
local remaining = tonumber(redis.call('HGET', KEYS[1], 'remaining'))
local refilled = redis.call('HGET', KEYS[1], 'refilled')
if tonumber(ARGV[5]) >= 0 and refilled ~= '' and refilled < ARGV[6] then
  remaining = tonumber(ARGV[5])
  refilled = ARGV[7]
  redis.call('HSET', KEYS[1], 'remaining', remaining, 'refilled', refilled)
end
redis.call('PEXPIRE', KEYS[1], 604800000)
if remaining >= tonumber(ARGV[4]) then
  remaining = remaining - tonumber(ARGV[3])
  redis.call('HSET', KEYS[1], 'remaining', remaining)
  return {1, remaining}
end
return {0, remaining}
`;

type SpendingRedis = Redis & {
  keywardSpend: (key: string, ...args: (string | number)[]) => Promise<[number, number]>;
};

/**
 * Counters in Redis, shared by every node (a quota of 100 is spent 100 times, whichever nodes
 * serve it), written behind to the database once a second by the node that spent them. If
 * Redis fails, that spend goes to the database instead: still exact, only slower.
 */
function redisQuotas(db: Db, redis: Redis, prefix: string, onFallback: (error: unknown) => void, onRecovered: () => void): QuotaStore {
  const fallback = databaseQuotas(db);
  redis.defineCommand('keywardSpend', { numberOfKeys: 1, lua: SPEND_SCRIPT });
  const client = redis as SpendingRedis;
  const counterKey = (keyId: string) => `${prefix}quota:${keyId}`;
  const dirty = new Set<string>();
  return {
    spend: async (key, cost, now) => {
      try {
        const refill = key.refill;
        // Since when a refill may be due: as for the other stores, a quota first read today
        // refills at the next boundary.
        const refilled = iso(key.lastRefillAt ?? (refill ? now : null)) ?? '';
        const [allowed, remaining] = await client.keywardSpend(
          counterKey(key.id),
          key.remaining ?? 0,
          refilled,
          cost,
          Math.max(cost, 1),
          refill ? refill.amount : -1,
          refill ? iso(refillPeriodStart(refill.interval, now))! : '',
          iso(now)!,
        );
        dirty.add(key.id);
        onRecovered();
        return { allowed: allowed === 1, remaining: Number(remaining) };
      } catch (error) {
        onFallback(error);
        return fallback.spend(key, cost, now);
      }
    },
    changed: async (keyId, change) => {
      // A remaining set anew must win over the counter. It is written into the counter rather
      // than the counter deleted: another node still holding the old key record would rebuild a
      // deleted counter from the old remaining (and write that back over the edit).
      if (change.remainingSet) {
        const counter = counterKey(keyId);
        if (change.remaining === null) await redis.del(counter).catch(onFallback);
        else await redis.hset(counter, 'remaining', change.remaining, 'refilled', change.lastRefillAt ?? '').catch(onFallback);
      }
      // Else the count stands (spends stay spent), on the refill clock the edit set.
      else if (change.lastRefillAt !== undefined) await redis.eval(SET_REFILLED_SCRIPT, 1, counterKey(keyId), change.lastRefillAt ?? '').catch(onFallback);
    },
    flush: async () => {
      for (const keyId of [...dirty]) {
        dirty.delete(keyId);
        const [remaining, refilled] = await redis.hmget(counterKey(keyId), 'remaining', 'refilled').catch(() => [null, null]);
        if (remaining === null || remaining === undefined) continue;
        // Never onto a key whose quota was removed meanwhile.
        await db.updateTable('keys').set({ remaining: Number(remaining), last_refill_at: refilled || null }).where('id', '=', keyId).where('remaining', 'is not', null).execute();
      }
    },
  };
}

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
  readonly #timer: NodeJS.Timeout;
  readonly #onError: (error: unknown) => void;
  /** Quota spends that went to the database because Redis failed (exported as a metric). */
  fallbacks = 0;
  // Redis fails for every call while it is down: warn once per outage, not once per call.
  #warned = false;

  constructor(options: { db: Db; mode: 'memory' | 'database' | 'redis'; redis?: Redis; prefix: string; flushMs: number; onFallback: (error: unknown) => void; onError: (error: unknown) => void }) {
    this.#redis = options.redis;
    this.#prefix = options.prefix;
    this.#onError = options.onError;
    this.#quotas =
      options.mode === 'redis' && options.redis
        ? redisQuotas(options.db, options.redis, options.prefix, (error) => {
            this.fallbacks++;
            if (!this.#warned) options.onFallback(error);
            this.#warned = true;
          }, () => {
            this.#warned = false;
          })
        : options.mode === 'memory'
          ? memoryQuotas(options.db)
          : databaseQuotas(options.db);
    this.#timer = setInterval(() => void this.flush().catch(this.#onError), options.flushMs);
    this.#timer.unref();
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

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}

