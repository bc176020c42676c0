import { availableParallelism } from 'node:os';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ProblemError } from '../domain/problem-error.ts';
import { ConcurrencyGate, type ConcurrencyGateOptions } from '../runtime/concurrency-gate.ts';

/** Password attempts allowed before 429: per username (guessing one account) and per address (spraying many). */
export const LOGIN_LIMITS = { perUser: 5, perAddress: 20, windowSeconds: 15 * 60 };

const slots = Math.min(4, Math.max(2, availableParallelism()));
/**
 * Password checks (scrypt) running at once: one per core, 2 to 4 (each takes a core and 128 MiB
 * for a third of a second at the production cost), at most half of them for one address, so a
 * flood from one address leaves the other half to everyone else. The rest wait in a short line.
 */
export const PASSWORD_CHECKS: ConcurrencyGateOptions = {
  total: slots,
  perClient: Math.max(1, Math.floor(slots / 2)),
  // Enough for the per-username allowance to be checked at once (5 = 1 running + 4 waiting).
  waitingPerClient: 4,
  waitingTotal: 32,
  waitMs: 2000,
};

/** The attempt counters (memory or Redis) and the gate in front of password hashing. */
export type PasswordGuard = { byUser: RateLimiterAbstract; byAddress: RateLimiterAbstract; checks: ConcurrencyGate };

/**
 * Attempt counters in memory on one node; in Redis with several, so an attacker cannot
 * multiply the allowance by the number of nodes. While Redis is down each node counts alone
 * (rate-limiter-flexible's insurance limiter), which is the stricter of the two for one node.
 * The gate is per process: it protects this process's CPU and memory.
 */
export function createPasswordGuard(shared?: { redis: unknown; prefix: string }): PasswordGuard {
  const limiter = (keyPrefix: string, points: number) => {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration: LOGIN_LIMITS.windowSeconds });
    if (!shared) return memory;
    return new RateLimiterRedis({
      storeClient: shared.redis,
      keyPrefix: `${shared.prefix}${keyPrefix}`,
      points,
      duration: LOGIN_LIMITS.windowSeconds,
      insuranceLimiter: memory,
    });
  };
  return {
    byUser: limiter('login-user', LOGIN_LIMITS.perUser),
    byAddress: limiter('login-ip', LOGIN_LIMITS.perAddress),
    checks: new ConcurrencyGate(PASSWORD_CHECKS),
  };
}

function rateLimited(detail: string, retryMs: number): ProblemError {
  const seconds = Math.max(1, Math.ceil(retryMs / 1000));
  return new ProblemError(429, 'RATE_LIMITED', detail.replace('{seconds}', String(seconds)), undefined, { 'retry-after': String(seconds) });
}

/**
 * Takes one point, atomically (an INCR in Redis); 429 once the window's points are spent.
 * Returns the points now spent in the window, this one included.
 */
async function charge(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    return (await limiter.consume(key)).consumedPoints;
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) throw rateLimited('Too many failed sign-ins. Try again in {seconds} seconds.', refusal.msBeforeNext);
    throw refusal;
  }
}

/**
 * One password attempt for `username` from `ip`, charged before the password is looked at:
 * the address first (so an address past its limit never counts against an account), then the
 * username (any letter case). Both charges are single atomic increments, so concurrent attempts
 * cannot all read a count below the limit. Then `check` runs inside the gate (see
 * PASSWORD_CHECKS) and returns what it found, or undefined for a wrong password. An address
 * with another attempt still charged in the window (a failure, or one in flight) is checked at
 * low priority, only while no other check runs: a flood's checks then use idle capacity only,
 * and a real user's check seldom shares the CPU with one of them.
 *
 * A match gets its charges back and clears the username's count (the person knows the
 * password); a wrong one keeps them; an attempt the gate turned away gets them back too,
 * since nothing was checked, and is answered 429 with Retry-After.
 */
export async function throttledPasswordCheck<T>(guard: PasswordGuard, who: { username: string; ip: string }, check: () => Promise<T | undefined>): Promise<T | undefined> {
  const userKey = who.username.toLowerCase();
  const spentByAddress = await charge(guard.byAddress, who.ip);
  await charge(guard.byUser, userKey);
  const outcome = await guard.checks.run(who.ip, check, spentByAddress > 1 ? 'low' : 'normal');
  // A refund that fails leaves the attempt counted: stricter, never looser.
  const refund = (limiter: RateLimiterAbstract, key: string) => limiter.reward(key, 1).catch(() => undefined);
  if (!outcome.ran) {
    await Promise.all([refund(guard.byAddress, who.ip), refund(guard.byUser, userKey)]);
    throw rateLimited('Too many passwords are being checked right now. Try again in {seconds} seconds.', PASSWORD_CHECKS.waitMs);
  }
  if (outcome.value !== undefined) {
    await Promise.all([refund(guard.byAddress, who.ip), guard.byUser.delete(userKey).catch(() => undefined)]);
  }
  return outcome.value;
}
