import { describe, expect, it } from 'vitest';
import type { VerifyResult } from './types.ts';
import { VerifyCache } from './verify-cache.ts';

const valid: VerifyResult = { valid: true, code: 'VALID', keyId: 'key_1', projectId: 'prj_1', ownerId: null, permissions: ['a'], expiresAt: null, meta: {} };

describe('VerifyCache', () => {
  it('keeps an answer for ttlMs and no longer', () => {
    let now = 0;
    const cache = new VerifyCache({ ttlMs: 1000, now: () => now });
    cache.set({ key: 'tk_1' }, valid);
    now = 999;
    expect(cache.get({ key: 'tk_1' })).toBe(valid);
    now = 1000;
    expect(cache.get({ key: 'tk_1' })).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keys on everything the answer depends on, whatever the order of permissions', () => {
    const cache = new VerifyCache({ ttlMs: 1000 });
    cache.set({ key: 'tk_1', projectId: 'prj_1', permissions: ['a', 'b'], ip: '10.0.0.1' }, valid);
    expect(cache.get({ ip: '10.0.0.1', permissions: ['b', 'a'], projectId: 'prj_1', key: 'tk_1' })).toBe(valid);
    expect(cache.get({ key: 'tk_1', projectId: 'prj_1', permissions: ['a', 'b'] })).toBeUndefined();
    expect(cache.get({ key: 'tk_1', projectId: 'prj_2', permissions: ['a', 'b'], ip: '10.0.0.1' })).toBeUndefined();
    expect(cache.get({ key: 'tk_1', projectId: 'prj_1', permissions: ['a'], ip: '10.0.0.1' })).toBeUndefined();
    expect(cache.get({ key: 'tk_2', projectId: 'prj_1', permissions: ['a', 'b'], ip: '10.0.0.1' })).toBeUndefined();
  });

  it('never keeps limit answers, which change by themselves', () => {
    const cache = new VerifyCache({ ttlMs: 1000 });
    cache.set({ key: 'tk_1' }, { valid: false, code: 'RATE_LIMITED' });
    cache.set({ key: 'tk_2' }, { valid: false, code: 'USAGE_EXCEEDED' });
    cache.set({ key: 'tk_3' }, { valid: false, code: 'NOT_FOUND' });
    expect(cache.get({ key: 'tk_1' })).toBeUndefined();
    expect(cache.get({ key: 'tk_2' })).toBeUndefined();
    expect(cache.get({ key: 'tk_3' })?.code).toBe('NOT_FOUND');
  });

  it('drops the oldest answer beyond max, and forgets all on clear', () => {
    const cache = new VerifyCache({ ttlMs: 1000, max: 2 });
    cache.set({ key: 'tk_1' }, valid);
    cache.set({ key: 'tk_2' }, valid);
    cache.set({ key: 'tk_3' }, valid);
    expect(cache.get({ key: 'tk_1' })).toBeUndefined();
    expect(cache.get({ key: 'tk_3' })).toBe(valid);
    expect(cache.size).toBe(2);
    cache.clear();
    expect(cache.get({ key: 'tk_3' })).toBeUndefined();
  });
});
