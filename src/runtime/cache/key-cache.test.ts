import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InvalidationBus } from './invalidation-bus.ts';
import { KeyCache, type CachedKey } from './key-cache.ts';
import { redisInvalidationBus } from './redis-invalidation-bus.ts';

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

describe('KeyCache with several nodes (a TTL on keys, invalidations over Redis)', () => {
  const TTL = 1000;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const buses: InvalidationBus[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const bus of buses.splice(0)) await bus.close();
  });
  /** Two nodes' caches, sharing a Redis channel of this test's own. */
  async function twoNodes() {
    const prefix = `keycache-test-${randomBytes(6).toString('hex')}:`;
    const caches = [];
    for (let i = 0; i < 2; i++) {
      const bus = redisInvalidationBus('redis://127.0.0.1:6379', prefix, () => undefined);
      buses.push(bus);
      const cache = new KeyCache({ max: 100, negativeTtlMs: 60_000 });
      cache.attach(bus, { positiveTtlMs: TTL });
      caches.push(cache);
    }
    await vi.waitFor(() => expect(buses.every((bus) => bus.healthy)).toBe(true), { timeout: 5000 });
    return caches as [KeyCache, KeyCache];
  }

  it('gives keys read together different lifetimes, none longer than the TTL', async () => {
    const [cache] = await twoNodes();
    // The jitter's extremes: the shortest lifetime (0.8 × TTL) and the full TTL.
    vi.spyOn(Math, 'random').mockReturnValueOnce(0.999).mockReturnValueOnce(0);
    cache.set('short', key('k1'));
    cache.set('full', key('k2'));
    await sleep(0.9 * TTL);
    expect(cache.get('short')).toBeUndefined();
    expect(cache.get('full')?.id).toBe('k2');
    await sleep(0.15 * TTL);
    expect(cache.get('full')).toBeUndefined();
  });

  it('reads a key in use again near the end of its TTL, once, and serves nothing past the TTL', async () => {
    const [cache] = await twoNodes();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    cache.set('h1', key('k1'));
    cache.set('h2', key('k2'));
    let reads = 0;
    const reload = async () => {
      reads++;
      await sleep(20);
      return { ...key('k1'), meta: { read: reads } };
    };
    // Early in its TTL a hit reads nothing.
    expect(cache.get('h1', reload)?.meta).toEqual({});
    expect(reads).toBe(0);
    await sleep(0.8 * TTL);
    // In its last quarter: answered from memory, read again once however many ask.
    for (let i = 0; i < 5; i++) expect(cache.get('h1', reload)?.meta).toEqual({});
    expect(reads).toBe(1);
    expect(cache.stats.refreshes).toBe(1);
    await vi.waitFor(() => expect(cache.get('h1')?.meta).toEqual({ read: 1 }));
    // The key nobody asked for again (h2) expires at its TTL; the refreshed one lives on.
    await sleep(0.3 * TTL);
    expect(cache.get('h2')).toBeUndefined();
    expect(cache.get('h1')?.meta).toEqual({ read: 1 });
  });

  it('drops a key the refresh finds gone or disabled', async () => {
    const [cache] = await twoNodes();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    cache.set('gone', key('k1'));
    cache.set('disabled', key('k2'));
    await sleep(0.8 * TTL);
    expect(cache.get('gone', async () => null)?.id).toBe('k1');
    expect(cache.get('disabled', async () => ({ ...key('k2'), enabled: false }))?.enabled).toBe(true);
    // Well within the entries' TTL: the old answers are gone because of the reads, not of age.
    await sleep(10);
    expect(cache.get('gone')).toBeNull();
    expect(cache.get('disabled')?.enabled).toBe(false);
  });

  it('keeps nothing a refresh read while another node invalidated the key', async () => {
    const [cache, other] = await twoNodes();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    cache.set('h1', key('k1'));
    cache.set('h2', key('k2'));
    await sleep(0.8 * TTL);
    let release!: () => void;
    expect(cache.get('h1', () => new Promise((resolve) => (release = () => resolve(key('k1')))))?.id).toBe('k1');
    other.invalidateKey('k1');
    await vi.waitFor(() => expect(cache.get('h1')).toBeUndefined());
    release();
    await sleep(10);
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')?.id).toBe('k2');
  });
});
