import type { Redis } from 'ioredis';
import { refillPeriodStart } from '../../domain/quota.ts';
import { SLOTS, slotMs } from '../../domain/sliding-window.ts';
import type { LimitSpender, LimitsSpent } from './limit-spend.ts';
import { iso, QUOTA_TTL_MS, type QuotaHolder, type RedisQuotaCounters } from './quota-stores.ts';
import { windowCounterName } from './rate-windows.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// A window's hash outlives its newest slot by a slot, and by a minute at least: the slots are
// the callers' clocks, its expiry Redis's, and those differ by a round trip and more (nodes'
// clocks apart, a test's made-up time). Longer only costs memory: the script drops slots that
// left the window whenever it reads them.
const WINDOW_TTL_MIN_MS = 60_000;

/**
 * One verification's limits in one script, so one round trip and no other node's call in
 * between: the sliding windows (admitAll of src/domain/sliding-window.ts), then the identity's
 * quota and the key's (spendQuota of src/domain/quota.ts). Nothing is written until all agree,
 * so a refusal needs no refund. The windows' answers when a quota refuses are spendInTurn's:
 * what is left as if nothing was spent, the reset as if it was (there, it was and was given back).
 *
 * KEYS: one hash per window (slot → count), then the quota counters (`remaining`, `refilled`,
 * `renewed`). ARGV: now, the number of windows, the quotas' cost, what a quota needs left
 * (cost, at least 1), now as ISO text; then limit, durationMs, cost for each window; then for
 * each quota the remaining and refilled to make its counter from when it has none (the
 * database's), the refill amount (-1: none) and the current refill period's start (ISO text).
 * Returns code (0 spent, 1 a window refused, 2 a quota refused), how many quotas were reached,
 * what the last one reached has left, then fits, used and oldest used slot for each window
 * (oldest -1 when nothing is used).
 *
 * Fewer calls than writing each step out: one HMGET per quota; one HDEL for all the slots
 * gone; a window's PEXPIRE only when a spend opens a slot (it outlives the slot, so later
 * spends in that slot need none); a quota's PEXPIRE once a day per counter, not per spend
 * (`renewed` says when, on the callers' clocks; a clock an hour or more behind the last
 * renewal renews again).
 */
const LIMITS_SCRIPT = `
local now = tonumber(ARGV[1])
local windows = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local need = tonumber(ARGV[4])
local out = {0, 0, 0}
local used, oldest, slots, sizes = {}, {}, {}, {}
local fit = true
for i = 1, windows do
  local limit, duration, spend = tonumber(ARGV[3 + i * 3]), tonumber(ARGV[4 + i * 3]), tonumber(ARGV[5 + i * 3])
  local size = math.max(1, math.ceil(duration / ${SLOTS}))
  local first = math.floor((now - duration) / size)
  local fields = redis.call('HGETALL', KEYS[i])
  local u, o, gone = 0, -1, {}
  for j = 1, #fields, 2 do
    local slot = tonumber(fields[j])
    if slot < first then
      gone[#gone + 1] = fields[j]
    else
      local count = tonumber(fields[j + 1])
      u = u + count
      if count > 0 and (o == -1 or slot < o) then o = slot end
    end
  end
  if #gone > 0 then redis.call('HDEL', KEYS[i], unpack(gone)) end
  local fits
  if spend == 0 then fits = u < limit else fits = u + spend <= limit end
  if not fits then fit = false end
  used[i], oldest[i], sizes[i], slots[i] = u, o, size, math.floor(now / size)
  out[#out + 1] = fits and 1 or 0
  out[#out + 1] = u
  out[#out + 1] = o
end
if not fit then
  out[1] = 1
  return out
end
local quotas = #KEYS - windows
local left, refills, renews = {}, {}, {}
local allowed = true
for q = 1, quotas do
  local key, at = KEYS[windows + q], 6 + windows * 3 + (q - 1) * 4
  local fields = redis.call('HMGET', key, 'remaining', 'refilled', 'renewed')
  local remaining, refilled, renewed = tonumber(fields[1]), fields[2] or '', tonumber(fields[3])
  -- The refill time to write, when the counter is made or refilled here (else false).
  local refilledNow = false
  if remaining == nil then
    remaining, refilled = tonumber(ARGV[at]), ARGV[at + 1]
    refilledNow = refilled
  end
  local amount = tonumber(ARGV[at + 2])
  if amount >= 0 and refilled ~= '' and refilled < ARGV[at + 3] then
    remaining, refilledNow = amount, ARGV[5]
  end
  left[q], refills[q] = remaining, refilledNow
  renews[q] = renewed == nil or now - renewed >= ${DAY_MS} or renewed - now >= ${HOUR_MS}
  out[2], out[3] = q, remaining
  if remaining < need then
    allowed = false
    break
  end
end
for q = 1, out[2] do
  local set = {}
  if allowed and cost > 0 then
    left[q] = left[q] - cost
    out[3] = left[q]
  end
  if (allowed and cost > 0) or refills[q] then set = {'remaining', left[q]} end
  if refills[q] then
    set[#set + 1] = 'refilled'
    set[#set + 1] = refills[q]
  end
  if renews[q] then
    set[#set + 1] = 'renewed'
    set[#set + 1] = now
  end
  if #set > 0 then redis.call('HSET', KEYS[windows + q], unpack(set)) end
  if renews[q] then redis.call('PEXPIRE', KEYS[windows + q], ${QUOTA_TTL_MS}) end
end
if not allowed then
  out[1] = 2
end
for i = 1, windows do
  local spend = tonumber(ARGV[5 + i * 3])
  if spend > 0 then
    if allowed then
      if redis.call('HINCRBY', KEYS[i], string.format('%d', slots[i]), spend) == spend then
        redis.call('PEXPIRE', KEYS[i], math.max(tonumber(ARGV[4 + i * 3]) + 2 * sizes[i], ${WINDOW_TTL_MIN_MS}))
      end
      out[2 + i * 3] = used[i] + spend
    end
    if oldest[i] == -1 or slots[i] < oldest[i] then out[3 + i * 3] = slots[i] end
  end
end
return out
`;

type LimitsRedis = Redis & { keywardLimits: (...keyCountKeysAndArgs: (string | number)[]) => Promise<number[]> };

/** Adds the script's arguments for one quota: where its counter starts from, and its refill. */
function pushQuotaArgs(call: (string | number)[], holder: QuotaHolder, now: number): void {
  const refill = holder.refill;
  // Since when a refill may be due: as for the other stores, a quota first read today refills
  // at the next boundary.
  const refilled = iso(holder.lastRefillAt ?? (refill ? now : null)) ?? '';
  call.push(holder.remaining ?? 0, refilled, refill ? refill.amount : -1, refill ? iso(refillPeriodStart(refill.interval, now))! : '');
}

/**
 * A verification's windows and quotas in Redis, shared by every node, in one round trip (the
 * script above). While Redis fails, `fallback` spends them: windows in this node's memory (the
 * stricter limit for a node), quotas in the database (still exact, only slower).
 */
export function redisLimits(redis: Redis, options: {
  prefix: string;
  keyQuotas: RedisQuotaCounters;
  identityQuotas: RedisQuotaCounters;
  fallback: LimitSpender;
  onFallback: (error: unknown) => void;
  onRecovered: () => void;
}): LimitSpender {
  redis.defineCommand('keywardLimits', { lua: LIMITS_SCRIPT });
  const client = redis as LimitsRedis;
  // Arguments pushed onto one array, not mapped and spread: this runs for every limited
  // verification, and its allocations showed in the profile beside the round trip itself.
  return async (spend) => {
    const { windows, identity, key, cost, now } = spend;
    const call: (string | number)[] = [windows.length + (identity ? 1 : 0) + (key ? 1 : 0)];
    for (const limit of windows) call.push(`${options.prefix}window:${windowCounterName(limit)}`);
    if (identity) call.push(options.identityQuotas.counterKey(identity.id));
    if (key) call.push(options.keyQuotas.counterKey(key.id));
    // Now as text is what a refill writes: made only for a quota that has one.
    call.push(now, windows.length, cost, Math.max(cost, 1), identity?.refill || key?.refill ? iso(now)! : '');
    for (const limit of windows) call.push(limit.limit, limit.durationMs, limit.cost);
    if (identity) pushQuotaArgs(call, identity, now);
    if (key) pushQuotaArgs(call, key, now);
    let answer: number[];
    try {
      answer = await client.keywardLimits(...call);
    } catch (error) {
      options.onFallback(error);
      return options.fallback(spend);
    }
    options.onRecovered();
    const [code, reached] = [answer[0], answer[1]!];
    // A counter made, refilled or spent here is this node's to write behind (the identity's
    // is reached first).
    if (identity && reached > 0) options.identityQuotas.spent(identity.id);
    if (key && reached === (identity ? 2 : 1)) options.keyQuotas.spent(key.id);
    const spent: LimitsSpent = {
      windows: windows.map((limit, i) => {
        const oldest = answer[5 + i * 3]!;
        const resetAt = oldest === -1 ? now : (oldest + 1) * slotMs(limit.durationMs) + limit.durationMs;
        return { name: limit.name, limit: limit.limit, remaining: Math.max(0, limit.limit - answer[4 + i * 3]!), resetAt, exceeded: answer[3 + i * 3] !== 1 };
      }),
    };
    if (code === 1) spent.code = 'RATE_LIMITED';
    if (code === 2) spent.code = 'USAGE_EXCEEDED';
    if (reached > 0) spent.remaining = answer[2]!;
    return spent;
  };
}
