import { describe, expect, it } from 'vitest';
import { refillDue, refillPeriodStart, spendQuota } from './quota.ts';

const at = (iso: string) => Date.parse(iso);

describe('quota', () => {
  it('spends down to zero, then refuses without going negative', () => {
    let state = { remaining: 3, lastRefillAt: null as number | null };
    const now = at('2026-05-10T12:00:00Z');
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const result = spendQuota(state, null, 1, now, now);
      answers.push(result.allowed);
      state = result.state;
    }
    expect(answers).toEqual([true, true, true, false, false]);
    expect(state.remaining).toBe(0);
  });

  it('refuses a cost larger than what is left, spending nothing; cost 0 only checks', () => {
    const now = at('2026-05-10T12:00:00Z');
    expect(spendQuota({ remaining: 2, lastRefillAt: null }, null, 3, now, now)).toEqual({ allowed: false, state: { remaining: 2, lastRefillAt: null } });
    expect(spendQuota({ remaining: 2, lastRefillAt: null }, null, 0, now, now)).toEqual({ allowed: true, state: { remaining: 2, lastRefillAt: null } });
    expect(spendQuota({ remaining: 0, lastRefillAt: null }, null, 0, now, now).allowed).toBe(false);
  });

  it('refills at the UTC day boundary, once', () => {
    const refill = { amount: 10, interval: 'daily' as const };
    const since = at('2026-05-10T08:00:00Z');
    expect(refillDue(refill, null, since, at('2026-05-10T23:59:59.999Z'))).toBe(false);
    const next = spendQuota({ remaining: 0, lastRefillAt: null }, refill, 1, since, at('2026-05-11T00:00:00Z'));
    expect(next).toEqual({ allowed: true, state: { remaining: 9, lastRefillAt: at('2026-05-11T00:00:00Z') } });
    expect(refillDue(refill, next.state.lastRefillAt, since, at('2026-05-11T18:00:00Z'))).toBe(false);
  });

  it('refills monthly at the first of the month, UTC', () => {
    expect(refillPeriodStart('monthly', at('2026-02-28T23:00:00Z'))).toBe(at('2026-02-01T00:00:00Z'));
    const refill = { amount: 5, interval: 'monthly' as const };
    expect(refillDue(refill, at('2026-02-03T00:00:00Z'), 0, at('2026-02-28T23:59:59Z'))).toBe(false);
    expect(refillDue(refill, at('2026-02-03T00:00:00Z'), 0, at('2026-03-01T00:00:00Z'))).toBe(true);
  });
});
