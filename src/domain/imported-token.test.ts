import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importedTokenDisplay, importedTokenHash, normaliseImportedHash } from './imported-token.ts';
import { generateToken, hasTokenShape, isWellFormedToken } from './token.ts';

const token = 'uk_3ZxTqLbW8yN5vR2mK7pD9sF4';
const digest = createHash('sha256').update(token).digest();
const hex = digest.toString('hex');

describe('imported hashes', () => {
  it('normalises hex and base64 (standard or URL-safe, padded or not) to lowercase hex', () => {
    const spellings = [
      { encoding: 'hex' as const, value: hex },
      { encoding: 'hex' as const, value: hex.toUpperCase() },
      { encoding: 'base64' as const, value: digest.toString('base64') }, // Unkey: base64(sha256(key))
      { encoding: 'base64' as const, value: digest.toString('base64').replace(/=$/, '') },
      { encoding: 'base64' as const, value: digest.toString('base64url') }, // better-auth: base64url, no padding
    ];
    for (const hash of spellings) expect(normaliseImportedHash({ algorithm: 'sha256', ...hash }), hash.value).toEqual({ hex });
    expect(importedTokenHash(token)).toBe(hex);
  });

  it('refuses anything that is not exactly a SHA-256', () => {
    const wrong = [
      { encoding: 'hex' as const, value: hex.slice(1) },
      { encoding: 'hex' as const, value: `${hex.slice(1)}g` },
      { encoding: 'hex' as const, value: digest.toString('base64') },
      { encoding: 'base64' as const, value: hex },
      { encoding: 'base64' as const, value: digest.subarray(1).toString('base64') },
      { encoding: 'base64' as const, value: `${digest.toString('base64').slice(0, 42)}B=` }, // non-zero padding bits
      { encoding: 'base64' as const, value: `${digest.toString('base64')}=` },
    ];
    for (const hash of wrong) expect(normaliseImportedHash({ algorithm: 'sha256', ...hash }), hash.value).toHaveProperty('error');
  });

  it('shows an imported token like ours once seen, unless too short to show any of it', () => {
    expect(importedTokenDisplay(token)).toEqual({ start: 'uk_3ZxT', end: '9sF4' });
    expect(importedTokenDisplay('sk_live_9f8e7d6c5b4a39281706f5e4d3c2')).toEqual({ start: 'sk_live_9f8e', end: 'd3c2' });
    expect(importedTokenDisplay('0123456789abcdef0123456789')).toEqual({ start: '0123', end: '6789' });
    expect(importedTokenDisplay('short_1234567890')).toBeUndefined();
    for (const shown of [importedTokenDisplay('a_'.repeat(40))!]) expect(shown.start.length).toBeLessThanOrEqual(20);
  });

  it('tells our own shape from foreign tokens, checksum aside', () => {
    const ours = generateToken('fb');
    const mistyped = ours.slice(0, -1) + (ours.endsWith('a') ? 'b' : 'a');
    expect(hasTokenShape(ours) && isWellFormedToken(ours)).toBe(true);
    expect(hasTokenShape(mistyped) && !isWellFormedToken(mistyped)).toBe(true);
    for (const foreign of [token, 'sk_live_abc', 'a'.repeat(64), `${ours}x`]) expect(hasTokenShape(foreign), foreign).toBe(false);
  });
});
