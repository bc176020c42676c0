import type { Redis } from 'ioredis';
import { refillPeriodStart, spendQuota, type QuotaState, type Refill } from '../../domain/quota.ts';
import type { QuotaCounterRepository, QuotaCounterValue } from '../../store/quota-counters.ts';
import { WriteBehind } from '../write-behind.ts';

// A counter in Redis nobody spends for a week goes (its last value was written behind to the database).
export const QUOTA_TTL_MS = 7 * 86_400_000;

type Spent = { allowed: boolean; remaining: number };

/** A key or an identity with a quota, as the cache holds it. */
export type QuotaHolder = {
  id: string;
  /** The quota as last read from the database (null: no quota). */
  remaining: number | null;
  refill: Refill | null;
  lastRefillAt: number | null;
};

/**
 * What an edit did to a key's quota: `remainingSet` when it set `remaining` anew (which wins over
 * any count held outside the database), with the key's `remaining` and `lastRefillAt` as the edit
 * left them; else `lastRefillAt` only when it set a refill, which restarts the refill clock then
 * (null when it removed the refill).
 */
export type QuotaChange =
  | { remainingSet: true; remaining: number | null; lastRefillAt: string | null }
  | { remainingSet: false; lastRefillAt?: string | null };

/** What every quota store takes besides spends: edits, writes behind, its close. */
export type QuotaCounters = {
  /** A holder's quota settings changed (after the edit's commit). */
  changed: (id: string, change: QuotaChange) => Promise<void>;
  /** Writes counters held outside the database behind to it. */
  flush: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Where quota counters are spent one by one: memory (one node) or the database itself. (In
 * Redis, a verification's quotas are spent in the one script that also counts its windows:
 * redis-limits.ts.)
 */
export type QuotaStore = QuotaCounters & {
  spend: (holder: QuotaHolder, cost: number, now: number) => Promise<Spent>;
  /** Gives back a spend that another quota of the same verification refused. */
  refund: (holder: QuotaHolder, cost: number) => Promise<void>;
};

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The database as the counter: one conditional UPDATE per spend, atomic across any number of
 * nodes. Used on PostgreSQL without Redis, and while Redis is down.
 */
export function databaseQuotas(counters: QuotaCounterRepository): QuotaStore {
  return {
    spend: async (key, cost, now) => {
      const refill = key.refill ? { amount: key.refill.amount, periodStart: iso(refillPeriodStart(key.refill.interval, now))! } : undefined;
      const remaining = await counters.spend(key.id, cost, refill, iso(now)!);
      return remaining === undefined ? { allowed: false, remaining: 0 } : { allowed: true, remaining };
    },
    refund: (holder, cost) => counters.refund(holder.id, cost),
    changed: async () => {},
    flush: async () => {},
    close: async () => {},
  };
}

/**
 * Counters in this process, written behind once a second: one node on the embedded store,
 * where nothing else spends the same quota. A write only lands if the database still holds
 * what this node last wrote (compare-and-set), so an edit made meanwhile is never overwritten.
 */
export function memoryQuotas(counters: QuotaCounterRepository, options: { flushMs: number; onError: (error: unknown) => void }): QuotaStore {
  type Entry = { state: QuotaState; persisted: QuotaState; since: number };
  const entries = new Map<string, Entry>();
  // The keys whose counters changed since they were last written.
  const dirty = new WriteBehind<string>({ intervalMs: options.flushMs, write: (keyIds) => write(keyIds), merge: (keyId) => keyId, onError: options.onError });
  return {
    spend: async (key, cost, now) => {
      let entry = entries.get(key.id);
      if (!entry) {
        const state = { remaining: key.remaining ?? 0, lastRefillAt: key.lastRefillAt };
        entry = { state, persisted: state, since: now };
        entries.set(key.id, entry);
      }
      const result = spendQuota(entry.state, key.refill, cost, entry.since, now);
      if (result.state !== entry.state) dirty.add(key.id, key.id);
      entry.state = result.state;
      return { allowed: result.allowed, remaining: result.state.remaining };
    },
    refund: async (holder, cost) => {
      const entry = entries.get(holder.id);
      if (!entry) return;
      entry.state = { ...entry.state, remaining: entry.state.remaining + cost };
      dirty.add(holder.id, holder.id);
    },
    changed: async (keyId, change) => {
      // Spends counted here since the last write stay spent (an edit of the refill or the rate
      // limit must not give them back), with the refill clock the edit set; a remaining set
      // anew wins over them.
      if (!change.remainingSet) await write([keyId], change.lastRefillAt);
      entries.delete(keyId);
      dirty.forget(keyId);
    },
    flush: () => dirty.flush(),
    close: () => dirty.close(),
  };

  /**
   * Writes the keys' counters in one statement; a key edited meanwhile is dropped, not written.
   * `lastRefillAt`, when given, is written instead of the counters' own refill time.
   */
  async function write(keyIds: readonly string[], lastRefillAt?: string | null): Promise<void> {
    const writes: { keyId: string; entry: Entry; written: QuotaState }[] = [];
    for (const keyId of keyIds) {
      const entry = entries.get(keyId);
      if (entry && entry.state !== entry.persisted) writes.push({ keyId, entry, written: entry.state });
    }
    if (writes.length === 0) return;
    // A write that fails throws: the write-behind keeps the keys for its next flush.
    const written = await counters.writeCounters(writes.map(({ keyId, entry, written: state }) => ({
      id: keyId, remaining: state.remaining, lastRefillAt: lastRefillAt !== undefined ? lastRefillAt : iso(state.lastRefillAt), expected: entry.persisted.remaining,
    })));
    for (const { keyId, entry, written: state } of writes) {
      if (written.has(keyId)) entry.persisted = state;
      else entries.delete(keyId);
    }
  }
}

// A counter's refill time, changed only where the counter exists (a hash without `remaining`
// would break the spend script).
const SET_REFILLED_SCRIPT = `if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'refilled', ARGV[1]) end`;

/** Quota counters in Redis: their names, and the write-behind of those a node spent. */
export type RedisQuotaCounters = QuotaCounters & {
  /** The Redis hash holding a holder's counter (`remaining`, `refilled`). */
  counterKey: (id: string) => string;
  /** A holder's counter was spent (or made, or refilled) here: write it behind. */
  spent: (id: string) => void;
};

/**
 * Counters in Redis, shared by every node (a quota of 100 is spent 100 times, whichever nodes
 * serve it), written behind to the database once a second by the node that spent them. The
 * spends themselves are redis-limits.ts's script; while Redis fails they go to the database.
 */
export function redisQuotaCounters(counters: QuotaCounterRepository, redis: Redis, options: { prefix: string; flushMs: number; onFallback: (error: unknown) => void; onError: (error: unknown) => void }): RedisQuotaCounters {
  const { prefix, onFallback } = options;
  const counterKey = (keyId: string) => `${prefix}quota:${keyId}`;
  // The keys this node spent since their counters were last written to the database: one
  // round trip reads a chunk of counters, one statement writes them, and a chunk that fails
  // stays for the next flush.
  const dirty = new WriteBehind<string>({
    intervalMs: options.flushMs,
    write: async (keyIds) => {
      const pipeline = redis.pipeline();
      for (const keyId of keyIds) pipeline.hmget(counterKey(keyId), 'remaining', 'refilled');
      const results = (await pipeline.exec()) ?? [];
      const writes: QuotaCounterValue[] = [];
      for (const [i, keyId] of keyIds.entries()) {
        const [error, values] = results[i] ?? [new Error('no answer from Redis')];
        if (error) throw error;
        const [remaining, refilled] = values as (string | null)[];
        // A counter gone (expired, or its quota removed) has nothing to write.
        if (remaining !== null && remaining !== undefined) writes.push({ id: keyId, remaining: Number(remaining), lastRefillAt: refilled || null });
      }
      await counters.writeRemaining(writes);
    },
    merge: (keyId) => keyId,
    onError: options.onError,
  });
  return {
    counterKey,
    spent: (id) => dirty.add(id, id),
    changed: async (keyId, change) => {
      // A remaining set anew must win over the counter. It is written into the counter rather
      // than the counter deleted: another node still holding the old key record would rebuild a
      // deleted counter from the old remaining (and write that back over the edit).
      if (change.remainingSet) {
        const counter = counterKey(keyId);
        if (change.remaining === null) await redis.del(counter).catch(onFallback);
        // With the expiry a spend gives it: a counter an edit makes and no verification spends
        // would otherwise stay in Redis for good.
        else await redis.multi().hset(counter, 'remaining', change.remaining, 'refilled', change.lastRefillAt ?? '').pexpire(counter, QUOTA_TTL_MS).exec().catch(onFallback);
      }
      // Else the count stands (spends stay spent), on the refill clock the edit set.
      else if (change.lastRefillAt !== undefined) await redis.eval(SET_REFILLED_SCRIPT, 1, counterKey(keyId), change.lastRefillAt ?? '').catch(onFallback);
    },
    flush: () => dirty.flush(),
    close: () => dirty.close(),
  };
}

