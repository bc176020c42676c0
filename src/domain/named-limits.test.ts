import { describe, expect, it } from 'vitest';
import { legacyRatelimitOf, limitsToApply, namedLimitsError, withLegacyRatelimit, type NamedLimit } from './named-limits.ts';

const limit = (name: string, autoApply = true, value = 10): NamedLimit => ({ name, limit: value, durationMs: 60_000, autoApply });
const applied = (list: ReturnType<typeof limitsToApply>) => list.map((entry) => `${entry.scope}:${entry.name}:${entry.cost}`);

describe('limitsToApply', () => {
  const key = { id: 'key_1', limits: [limit('requests'), limit('tokens', false), limit('both', false)] };
  const identity = { id: 'idt_1', limits: [limit('shared'), limit('credits', false), limit('both', false), limit('tokens')] };

  it('applies every autoApply limit of the key, then of its identity, each at cost 1', () => {
    expect(applied(limitsToApply(key, identity))).toEqual(['key:requests:1', 'identity:shared:1', 'identity:tokens:1']);
    expect(applied(limitsToApply(key, null))).toEqual(['key:requests:1']);
  });

  it('adds the limits a request names, with their cost: the key\'s by that name, else the identity\'s', () => {
    expect(applied(limitsToApply(key, identity, [{ name: 'credits', cost: 5 }]))).toEqual(['key:requests:1', 'identity:shared:1', 'identity:credits:5', 'identity:tokens:1']);
    // The key's own "both" is meant, not the identity's.
    expect(applied(limitsToApply(key, identity, [{ name: 'both' }]))).toEqual(['key:requests:1', 'key:both:1', 'identity:shared:1', 'identity:tokens:1']);
    // A named automatic limit spends the named cost; the identity's automatic one of the same name spends 1.
    expect(applied(limitsToApply(key, identity, [{ name: 'requests', cost: 3 }, { name: 'tokens', cost: 7 }]))).toEqual(['key:requests:3', 'key:tokens:7', 'identity:shared:1', 'identity:tokens:1']);
    expect(applied(limitsToApply(key, identity, [{ name: 'shared', cost: 0 }]))).toEqual(['key:requests:1', 'identity:shared:0', 'identity:tokens:1']);
  });

  it('applies nothing for a name neither has', () => {
    expect(applied(limitsToApply(key, null, [{ name: 'credits', cost: 5 }]))).toEqual(['key:requests:1']);
    expect(limitsToApply({ id: 'key_2', limits: [] }, null, [{ name: 'anything' }])).toEqual([]);
  });

  it('says whose counter each limit spends', () => {
    expect(limitsToApply(key, identity, [{ name: 'credits' }]).map((entry) => entry.ownerId)).toEqual(['key_1', 'idt_1', 'idt_1', 'idt_1']);
  });
});

describe('the single ratelimit as the limit named default', () => {
  it('reads the automatic limit named default, and only that', () => {
    expect(legacyRatelimitOf([limit('requests'), limit('default', true, 5)])).toEqual({ limit: 5, windowMs: 60_000 });
    expect(legacyRatelimitOf([limit('requests')])).toBeNull();
    expect(legacyRatelimitOf([limit('default', false)])).toBeNull();
  });

  it('setting it replaces the limit named default and keeps the others; null removes it', () => {
    const before = [limit('requests'), limit('default', false, 3)];
    expect(withLegacyRatelimit(before, { limit: 9, windowMs: 1000 })).toEqual([{ name: 'default', limit: 9, durationMs: 1000, autoApply: true }, limit('requests')]);
    expect(withLegacyRatelimit(before, null)).toEqual([limit('requests')]);
  });
});

describe('namedLimitsError', () => {
  it('refuses a name used twice', () => {
    expect(namedLimitsError([limit('a'), limit('b')])).toBeUndefined();
    expect(namedLimitsError([limit('a'), limit('b'), limit('a', false)])).toMatch(/"a" is used twice/);
  });
});
