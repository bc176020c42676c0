import { describe, expect, it } from 'vitest';
import { KeyCache, type CachedKey } from './key-cache.ts';

const key = (id: string): CachedKey => ({
  id,
  projectId: 'prj',
  ownerId: null,
  createdBy: null,
  enabled: true,
  expiresAt: null,
  expiresAtIso: null,
  secretExpiresAt: null,
  allowlist: [],
  permissions: [],
  meta: {},
  ratelimits: [],
  remaining: null,
  refill: null,
  lastRefillAt: null,
  identity: null,
});

describe('KeyCache', () => {
  it('forgets every hash of an invalidated key, and only those', () => {
    const cache = new KeyCache({ max: 100, negativeTtlMs: 1000 });
    cache.set('h1', key('k1'));
    cache.set('h2', key('k1'));
    cache.set('h3', key('k2'));
    cache.set('h4', null);
    cache.invalidateKey('k1');
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')).toBeUndefined();
    expect(cache.get('h3')?.id).toBe('k2');
    expect(cache.get('h4')).toBeNull();
    cache.invalidateHash('h4');
    expect(cache.get('h4')).toBeUndefined();
  });

  it('holds what keys repeat once, and still forgets a key whose hashes drop to one', () => {
    const cache = new KeyCache({ max: 100, negativeTtlMs: 1000 });
    // Two rows read apart bring equal values as separate copies.
    const first = cache.set('h1', { ...key('k1'), projectId: ['prj', '1'].join('_'), permissions: ['orders.read', 'orders.write'] })!;
    const second = cache.set('h2', { ...key('k2'), projectId: ['prj', '1'].join('_'), permissions: ['orders.read', 'orders.write'], meta: { plan: 'pro' } })!;
    expect(second.permissions).toBe(first.permissions);
    expect(second.projectId).toBe(first.projectId);
    expect(second.meta).toEqual({ plan: 'pro' });
    // Empty settings are one frozen object: a write to it fails loudly instead of reaching every key.
    expect(() => { (first.meta as Record<string, unknown>).x = 1; }).toThrow(TypeError);
    expect(cache.get('h1')).toBe(first);
    // A regenerated key: old and new hash, then the old one evicted, then the key invalidated.
    cache.set('h3', key('k1'));
    cache.invalidateHash('h1');
    cache.invalidateKey('k1');
    expect(cache.get('h3')).toBeUndefined();
    expect(cache.get('h2')?.id).toBe('k2');
  });

  it('stays within its bound', () => {
    const cache = new KeyCache({ max: 10, negativeTtlMs: 1000 });
    for (let i = 0; i < 100; i++) cache.set(`h${i}`, key(`k${i}`));
    expect(cache.size).toBe(10);
    expect(cache.get('h99')?.id).toBe('k99');
    expect(cache.get('h0')).toBeUndefined();
  });

  it('keeps the keys in use through a flood of unknown tokens, and bounds those too', () => {
    const cache = new KeyCache({ max: 10, maxUnknown: 50, negativeTtlMs: 60_000 });
    for (let i = 0; i < 10; i++) cache.set(`h${i}`, key(`k${i}`));
    for (let i = 0; i < 10_000; i++) cache.set(`junk${i}`, null);
    expect(cache.unknownSize).toBe(50);
    expect(cache.size).toBe(10);
    for (let i = 0; i < 10; i++) expect(cache.get(`h${i}`)?.id).toBe(`k${i}`);
    expect(cache.get('junk9999')).toBeNull();
    expect(cache.get('junk0')).toBeUndefined();
    expect(cache.bounds).toEqual({ known: 10, unknown: 50 });
  });

  it('forgets an unknown token once a key has it, and believes "unknown" only for its TTL', async () => {
    const cache = new KeyCache({ max: 10, negativeTtlMs: 30 });
    cache.set('h1', null);
    cache.set('h2', null);
    expect(cache.get('h1')).toBeNull();
    cache.invalidateHash('h1');
    expect(cache.get('h1')).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(cache.get('h2')).toBeUndefined();
  });
});

describe('KeyCache.load', () => {
  it('loads a hash once for concurrent askers', async () => {
    const cache = new KeyCache({ max: 100, negativeTtlMs: 1000 });
    let loads = 0;
    const loader = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return key('k1');
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.load('h1', loader)));
    expect(loads).toBe(1);
    expect(answers.every((answer) => answer?.id === 'k1')).toBe(true);
    expect(cache.get('h1')?.id).toBe('k1');
  });

  it('does not cache what was read before an invalidation that overlapped the load', async () => {
    const cache = new KeyCache({ max: 100, negativeTtlMs: 1000 });
    let release!: () => void;
    const loading = cache.load('h1', () => new Promise((resolve) => (release = () => resolve(key('k1')))));
    cache.invalidateKey('k1');
    release();
    expect((await loading)?.id).toBe('k1');
    expect(cache.get('h1')).toBeUndefined();
  });
});
