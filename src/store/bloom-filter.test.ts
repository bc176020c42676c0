import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BloomFilter } from './bloom-filter.ts';

const keyedHash = () => randomBytes(32).toString('base64url');

describe('BloomFilter', () => {
  it('holds every hash added, in each spelling a stored hash has (base64url, hex) and any other string', () => {
    const filter = new BloomFilter(3000);
    const hashes = [
      ...Array.from({ length: 1000 }, keyedHash),
      ...Array.from({ length: 1000 }, () => randomBytes(32).toString('hex')),
      ...Array.from({ length: 1000 }, (_, i) => `other-${i}`),
      '',
    ];
    for (const hash of hashes) filter.add(hash);
    expect(hashes.filter((hash) => !filter.mayHold(hash))).toEqual([]);
    expect(filter.added).toBe(hashes.length);
  });

  it('answers "maybe" for about 1% of the hashes never added once full, and for almost none while far from full', () => {
    const full = new BloomFilter(20_000);
    for (let i = 0; i < full.capacity; i++) full.add(keyedHash());
    const tenth = new BloomFilter(20_000);
    for (let i = 0; i < tenth.capacity / 10; i++) tenth.add(keyedHash());
    const others = Array.from({ length: 50_000 }, keyedHash);
    const rate = (filter: BloomFilter) => others.filter((hash) => filter.mayHold(hash)).length / others.length;
    expect(rate(full)).toBeGreaterThan(0.002);
    expect(rate(full)).toBeLessThan(0.015);
    expect(rate(tenth)).toBeLessThan(0.001);
  });

  it('takes 10 bits per hash of capacity', () => {
    const filter = new BloomFilter(1_000_000);
    expect(filter.capacity).toBe(1_000_000);
    expect(filter.bytes).toBe(1_250_000);
  });
});
