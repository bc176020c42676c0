import { describe, expect, it } from 'vitest';
import { expiryWindows, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './webhook-events.ts';

const MINUTE = 60_000;

describe('retryDelayMs', () => {
  it('is 30 s, then four times longer after each failure', () => {
    expect(Array.from({ length: MAX_DELIVERY_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1))).toEqual([
      30_000, 2 * MINUTE, 8 * MINUTE, 32 * MINUTE, 128 * MINUTE, 512 * MINUTE, 2048 * MINUTE,
    ]);
  });
  it('spreads the 8 attempts over about 45 hours', () => {
    const total = Array.from({ length: MAX_DELIVERY_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(total / 3600_000).toBeCloseTo(45.5, 0);
  });
});

describe('expiryWindows', () => {
  const now = Date.parse('2026-03-15T12:00:00.000Z');
  const day = 24 * 3600_000;
  const windowOf = (expiresAt: number) => expiryWindows(now).find((window) => expiresAt > window.after && expiresAt <= window.until)?.notice;

  it('puts every expiry in at most one window', () => {
    expect(windowOf(now + 8 * day)).toBeUndefined();
    expect(windowOf(now + 7 * day)).toBe('7d');
    expect(windowOf(now + day + 1)).toBe('7d');
    expect(windowOf(now + day)).toBe('1d');
    expect(windowOf(now + 1)).toBe('1d');
    expect(windowOf(now)).toBe('expired');
    expect(windowOf(now - 6 * day)).toBe('expired');
    expect(windowOf(now - 7 * day)).toBeUndefined();
  });
});
