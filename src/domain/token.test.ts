import { describe, expect, it } from 'vitest';
import { generateToken, hashToken, isWellFormedToken, secretsEqual, tokenDisplay } from './token.ts';

describe('token', () => {
  it('has the prefix, 30 base62 characters and a checksum that validates', () => {
    const token = generateToken('fb');
    expect(token).toMatch(/^fb_[0-9A-Za-z]{30}$/);
    expect(isWellFormedToken(token)).toBe(true);
  });

  it('is different every time', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateToken('ab')));
    expect(tokens.size).toBe(1000);
  });

  it('rejects a token with one character changed (checksum)', () => {
    const token = generateToken('fb');
    const i = 10;
    const swapped = token[i] === 'a' ? 'b' : 'a';
    expect(isWellFormedToken(token.slice(0, i) + swapped + token.slice(i + 1))).toBe(false);
  });

  it('rejects other shapes', () => {
    for (const bad of ['', 'fb_', 'FB_abc', 'fb-' + 'a'.repeat(30), 'x'.repeat(500), 'fb_' + '!'.repeat(30)]) {
      expect(isWellFormedToken(bad)).toBe(false);
    }
  });

  it('shows only the start and the last four characters', () => {
    const token = generateToken('fb');
    const { start, end } = tokenDisplay(token);
    expect(start).toBe(token.slice(0, 7));
    expect(end).toBe(token.slice(-4));
  });

  it('hashes with the secret: another secret gives another hash', () => {
    const token = generateToken('fb');
    const a = hashToken(Buffer.from('a'.repeat(32)), token);
    expect(a).toBe(hashToken(Buffer.from('a'.repeat(32)), token));
    expect(a).not.toBe(hashToken(Buffer.from('b'.repeat(32)), token));
    expect(a).not.toContain(token.slice(3));
  });

  it('compares secrets exactly', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abd')).toBe(false);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
  });
});
