import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowlistWithin, isAllowed, parseAllowlist } from './ip-allowlist.ts';
import { wideningChanges, type KeyUseSettings } from './key-changes.ts';

const base: KeyUseSettings = {
  enabled: true,
  expiresAt: '2027-01-01T00:00:00.000Z',
  ipAllowlist: ['10.0.0.0/8'],
  ratelimit: { limit: 10, windowMs: 60_000 },
  remaining: 5,
  refill: { amount: 100, interval: 'monthly' },
  groupIds: ['grp_a', 'grp_b'],
};

describe('wideningChanges', () => {
  it('names what gives the token more use', () => {
    expect(wideningChanges({ ...base, enabled: false }, { enabled: true })).toEqual(['enabled']);
    expect(wideningChanges(base, { expiresAt: null })).toEqual(['expiresAt']);
    expect(wideningChanges(base, { expiresAt: '2027-06-01T00:00:00.000Z' })).toEqual(['expiresAt']);
    expect(wideningChanges(base, { ipAllowlist: [] })).toEqual(['ipAllowlist']);
    expect(wideningChanges(base, { ipAllowlist: ['10.0.0.0/7'] })).toEqual(['ipAllowlist']);
    expect(wideningChanges(base, { ratelimit: null, remaining: null, refill: { amount: 100, interval: 'daily' } })).toEqual(['ratelimit', 'remaining', 'refill']);
    expect(wideningChanges(base, { ratelimit: { limit: 11, windowMs: 60_000 } })).toEqual(['ratelimit']);
    expect(wideningChanges(base, { ratelimit: { limit: 10, windowMs: 59_999 } })).toEqual(['ratelimit']);
    expect(wideningChanges(base, { remaining: 6 })).toEqual(['remaining']);
    expect(wideningChanges({ ...base, refill: null }, { refill: { amount: 1, interval: 'monthly' } })).toEqual(['refill']);
    expect(wideningChanges(base, { groupIds: ['grp_a', 'grp_c'] })).toEqual(['groupIds']);
  });

  it('lets through what only takes use away, or changes nothing of it', () => {
    expect(wideningChanges(base, {
      enabled: false,
      expiresAt: '2026-12-31T00:00:00.000Z',
      ipAllowlist: ['10.1.0.0/16', '10.2.3.4'],
      ratelimit: { limit: 5, windowMs: 120_000 },
      remaining: 0,
      refill: null,
      groupIds: ['grp_b'],
    })).toEqual([]);
    const open: KeyUseSettings = { ...base, expiresAt: null, ipAllowlist: [], ratelimit: null, remaining: null, refill: null };
    expect(wideningChanges(open, { expiresAt: '2027-01-01T00:00:00.000Z', ipAllowlist: ['192.0.2.1'], ratelimit: { limit: 1, windowMs: 1000 }, remaining: 3 })).toEqual([]);
    expect(wideningChanges(base, { refill: { amount: 50, interval: 'monthly' } })).toEqual([]);
    expect(wideningChanges({ ...base, refill: { amount: 100, interval: 'daily' } }, { refill: { amount: 100, interval: 'monthly' } })).toEqual([]);
    expect(wideningChanges({ ...base, enabled: false }, { expiresAt: null, enabled: false })).toEqual(['expiresAt']);
    expect(wideningChanges({ ...base, expiresAt: null }, { expiresAt: null })).toEqual([]);
  });
});

describe('allowlistWithin', () => {
  const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((parts) => parts.join('.'));
  const cidr = fc.tuple(v4, fc.integer({ min: 0, max: 32 })).map(([address, bits]) => `${address}/${bits}`);
  const entry = fc.oneof(v4, cidr);

  it('whatever the inner list allows, the outer allows too (property)', () => {
    fc.assert(fc.property(fc.array(entry, { maxLength: 3 }), fc.array(entry, { maxLength: 3 }), fc.array(v4, { minLength: 1, maxLength: 20 }), (inner, outer, probes) => {
      if (!allowlistWithin(inner, outer)) return;
      // Probe addresses inside each inner entry too, so the check is not vacuous.
      const inside = inner.map((text) => text.split('/')[0]!);
      for (const address of [...probes, ...inside]) {
        if (isAllowed(parseAllowlist(inner), address)) expect(isAllowed(parseAllowlist(outer), address)).toBe(true);
      }
    }), { numRuns: 500 });
  });

  it('an empty list allows everything: nothing is wider, and it is within nothing narrower', () => {
    expect(allowlistWithin(['192.0.2.0/24'], [])).toBe(true);
    expect(allowlistWithin([], ['0.0.0.0/0'])).toBe(false);
    expect(allowlistWithin(['2001:db8::/48'], ['2001:db8::/32'])).toBe(true);
    expect(allowlistWithin(['2001:db8::/32'], ['10.0.0.0/8'])).toBe(false);
  });
});
