import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { AppliedLimit } from '../../domain/named-limits.ts';
import { admitAll, giveBack, SLOTS, slotMs, type WindowCounts, type WindowOutcome } from '../../domain/sliding-window.ts';

/** One named limit's state after a verification, as its answer shows it. */
export type LimitResult = { name: string; limit: number; remaining: number; resetAt: number; exceeded: boolean };

/** Where sliding windows are counted: in this process, or in Redis for every node at once. */
export type RateWindows = {
  /** Admits one verification against all its limits, all or nothing. */
  consume: (limits: readonly AppliedLimit[], now: number) => Promise<LimitResult[]>;
  /** Gives back what `consume` took at the same `now` (a quota refused the call after it). */
  refund: (limits: readonly AppliedLimit[], now: number) => Promise<void>;
};

// A key or identity and limit name share a counter; a new duration starts a new one (its slots
// have another length), a new limit keeps counting what was spent.
const counterName = (limit: AppliedLimit) => `${limit.scope}:${limit.ownerId}:${limit.name}:${limit.durationMs}`;

function resultsOf(limits: readonly AppliedLimit[], outcomes: readonly WindowOutcome[]): LimitResult[] {
  return limits.map((limit, i) => ({ name: limit.name, limit: limit.limit, remaining: outcomes[i]!.remaining, resetAt: outcomes[i]!.resetAt, exceeded: !outcomes[i]!.allowed }));
}

/**
 * Windows in this process: exact for one node; on several nodes without Redis each counts alone
 * (a limit of 100 then allows 100 per node). The least recently used counters go past `max`.
 * The LRU is made at the first limit consumed: it allocates its arrays for `max` at once (14 MB
 * for 500,000), which a server whose keys have no limits, or Redis's fallback while Redis
 * answers, would otherwise hold for nothing.
 */
export function memoryWindows(options: { max: number } = { max: 500_000 }): RateWindows {
  let made: LRUCache<string, WindowCounts> | undefined;
  return {
    consume: async (limits, now) => {
      const counters = (made ??= new LRUCache<string, WindowCounts>({ max: options.max }));
      const spends = limits.map((limit) => {
        const name = counterName(limit);
        let counts = counters.get(name);
        if (!counts) counters.set(name, (counts = new Map()));
        return { counts, limit: limit.limit, durationMs: limit.durationMs, cost: limit.cost };
      });
      return resultsOf(limits, admitAll(spends, now));
    },
    refund: async (limits, now) => {
      giveBack(limits.flatMap((limit) => {
        const counts = made?.get(counterName(limit));
        return counts ? [{ counts, limit: limit.limit, durationMs: limit.durationMs, cost: limit.cost }] : [];
      }), now);
    },
  };
}

// admitAll (src/domain/sliding-window.ts) as one Redis script, so every node's calls are
// counted in one place and no two interleave. KEYS: one hash (slot → count) per limit.
// ARGV: now, then limit, durationMs, cost for each. Returns fits, used, oldestUsedSlot for each
// (oldest -1 when nothing is used).
const WINDOWS_SCRIPT = `
local now = tonumber(ARGV[1])
local n = #KEYS
local used, oldest, fits, sizes = {}, {}, {}, {}
local all = true
for i = 1, n do
  local limit = tonumber(ARGV[i * 3 - 1])
  local duration = tonumber(ARGV[i * 3])
  local cost = tonumber(ARGV[i * 3 + 1])
  local size = math.max(1, math.ceil(duration / ${SLOTS}))
  sizes[i] = size
  local first = math.floor((now - duration) / size)
  local fields = redis.call('HGETALL', KEYS[i])
  local u, o = 0, -1
  for j = 1, #fields, 2 do
    local slot = tonumber(fields[j])
    local count = tonumber(fields[j + 1])
    if slot < first then
      redis.call('HDEL', KEYS[i], fields[j])
    else
      u = u + count
      if count > 0 and (o == -1 or slot < o) then o = slot end
    end
  end
  used[i], oldest[i] = u, o
  if cost == 0 then fits[i] = u < limit else fits[i] = u + cost <= limit end
  if not fits[i] then all = false end
end
local out = {}
for i = 1, n do
  local cost = tonumber(ARGV[i * 3 + 1])
  if all and cost > 0 then
    local slot = math.floor(now / sizes[i])
    redis.call('HINCRBY', KEYS[i], string.format('%d', slot), cost)
    redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[i * 3]) + sizes[i])
    used[i] = used[i] + cost
    if oldest[i] == -1 or slot < oldest[i] then oldest[i] = slot end
  end
  out[#out + 1] = fits[i] and 1 or 0
  out[#out + 1] = used[i]
  out[#out + 1] = oldest[i]
end
return out
`;

// giveBack (src/domain/sliding-window.ts): takes a spend of the same `now` out of its slot.
// KEYS: the hashes of WINDOWS_SCRIPT. ARGV: now, then durationMs and cost for each.
const REFUND_SCRIPT = `
local now = tonumber(ARGV[1])
for i = 1, #KEYS do
  local duration = tonumber(ARGV[i * 2])
  local cost = tonumber(ARGV[i * 2 + 1])
  if cost > 0 then
    local slot = string.format('%d', math.floor(now / math.max(1, math.ceil(duration / ${SLOTS}))))
    if redis.call('HEXISTS', KEYS[i], slot) == 1 and redis.call('HINCRBY', KEYS[i], slot, -cost) <= 0 then
      redis.call('HDEL', KEYS[i], slot)
    end
  end
end
`;

type WindowsRedis = Redis & {
  keywardWindows: (keyCount: number, ...args: (string | number)[]) => Promise<number[]>;
  keywardWindowsRefund: (keyCount: number, ...args: (string | number)[]) => Promise<null>;
};

/**
 * Windows in Redis, shared by every node: a limit of 100 admits 100, whichever nodes serve the
 * calls. While Redis fails, each node counts in its own memory (the stricter limit for a node).
 */
export function redisWindows(redis: Redis, options: { prefix: string; onFallback: (error: unknown) => void; onRecovered: () => void }): RateWindows {
  redis.defineCommand('keywardWindows', { lua: WINDOWS_SCRIPT });
  redis.defineCommand('keywardWindowsRefund', { lua: REFUND_SCRIPT });
  const client = redis as WindowsRedis;
  const fallback = memoryWindows();
  const keysOf = (limits: readonly AppliedLimit[]) => limits.map((limit) => `${options.prefix}window:${counterName(limit)}`);
  return {
    consume: async (limits, now) => {
      try {
        const args = limits.flatMap((limit) => [limit.limit, limit.durationMs, limit.cost]);
        const answer = await client.keywardWindows(limits.length, ...keysOf(limits), now, ...args);
        options.onRecovered();
        return limits.map((limit, i) => {
          const [fits, used, oldest] = [answer[i * 3], answer[i * 3 + 1], answer[i * 3 + 2]];
          const size = slotMs(limit.durationMs);
          const resetAt = oldest === -1 ? now : (Number(oldest) + 1) * size + limit.durationMs;
          return { name: limit.name, limit: limit.limit, remaining: Math.max(0, limit.limit - Number(used)), resetAt, exceeded: fits !== 1 };
        });
      } catch (error) {
        options.onFallback(error);
        return fallback.consume(limits, now);
      }
    },
    refund: async (limits, now) => {
      try {
        await client.keywardWindowsRefund(limits.length, ...keysOf(limits), now, ...limits.flatMap((limit) => [limit.durationMs, limit.cost]));
      } catch (error) {
        // The spend may have been counted here while Redis was down.
        options.onFallback(error);
        await fallback.refund(limits, now);
      }
    },
  };
}
