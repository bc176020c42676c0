import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowlistWithin, isAllowed, parseAllowlist } from './ip-allowlist.ts';
import { wideningChanges, type KeyUseSettings } from './key-changes.ts';

const base: KeyUseSettings = {
  enabled: true,
  expiresAt: '2027-01-01T00:00:00.000Z',
  ipAllowlist: ['10.0.0.0/8'],
  ratelimits: [{ name: 'default', limit: 10, durationMs: 60_000, autoApply: true }, { name: 'tokens', limit: 1000, durationMs: 3_600_000, autoApply: false }],
  remaining: 5,
  refill: { amount: 100, interval: 'monthly' },
  groupIds: ['grp_a', 'grp_b'],
  identityId: 'idt_a',
};
const limit = (name: string, value: number, durationMs: number, autoApply = true) => ({ name, limit: value, durationMs, autoApply });

describe('wideningChanges', () => {
  it('names what gives the token more use', () => {
    expect(wideningChanges({ ...base, enabled: false }, { enabled: true })).toEqual(['enabled']);
    expect(wideningChanges(base, { expiresAt: null })).toEqual(['expiresAt']);
    expect(wideningChanges(base, { expiresAt: '2027-06-01T00:00:00.000Z' })).toEqual(['expiresAt']);
    expect(wideningChanges(base, { ipAllowlist: [] })).toEqual(['ipAllowlist']);
    expect(wideningChanges(base, { ipAllowlist: ['10.0.0.0/7'] })).toEqual(['ipAllowlist']);
    expect(wideningChanges(base, { ratelimits: [], remaining: null, refill: { amount: 100, interval: 'daily' } })).toEqual(['ratelimits', 'remaining', 'refill']);
    expect(wideningChanges(base, { ratelimits: [limit('default', 11, 60_000), base.ratelimits[1]!] })).toEqual(['ratelimits']);
    expect(wideningChanges(base, { ratelimits: [limit('default', 10, 59_999), base.ratelimits[1]!] })).toEqual(['ratelimits']);
    // A longer window is narrower, but its count starts afresh.
    expect(wideningChanges(base, { ratelimits: [limit('default', 5, 120_000), base.ratelimits[1]!] })).toEqual(['ratelimits']);
    expect(wideningChanges(base, { ratelimits: [limit('default', 10, 60_000, false), base.ratelimits[1]!] })).toEqual(['ratelimits']);
    expect(wideningChanges(base, { identityId: null })).toEqual(['identity']);
    expect(wideningChanges(base, { identityId: 'idt_b' })).toEqual(['identity']);
    expect(wideningChanges(base, { remaining: 6 })).toEqual(['remaining']);
    expect(wideningChanges({ ...base, refill: null }, { refill: { amount: 1, interval: 'monthly' } })).toEqual(['refill']);
    expect(wideningChanges(base, { groupIds: ['grp_a', 'grp_c'] })).toEqual(['groupIds']);
  });

  it('lets through what only takes use away, or changes nothing of it', () => {
    expect(wideningChanges(base, {
      enabled: false,
      expiresAt: '2026-12-31T00:00:00.000Z',
      ipAllowlist: ['10.1.0.0/16', '10.2.3.4'],
      ratelimits: [limit('default', 5, 60_000), limit('tokens', 1000, 3_600_000, true), limit('new', 1, 1000)],
      identityId: 'idt_a',
      remaining: 0,
      refill: null,
      groupIds: ['grp_b'],
    })).toEqual([]);
    const open: KeyUseSettings = { ...base, expiresAt: null, ipAllowlist: [], ratelimits: [], remaining: null, refill: null, identityId: null };
    expect(wideningChanges(open, { expiresAt: '2027-01-01T00:00:00.000Z', ipAllowlist: ['192.0.2.1'], ratelimits: [limit('default', 1, 1000)], remaining: 3, identityId: null })).toEqual([]);
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
