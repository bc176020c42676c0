import { describe, expect, it } from 'vitest';
import { allowlistEntryError, isAllowed, parseAllowlist } from './ip-allowlist.ts';

describe('ip allowlist', () => {
  const list = parseAllowlist(['203.0.113.0/24', '198.51.100.7', '2001:db8::/32']);

  it('allows addresses inside a range or equal to an entry', () => {
    expect(isAllowed(list, '203.0.113.200')).toBe(true);
    expect(isAllowed(list, '198.51.100.7')).toBe(true);
    expect(isAllowed(list, '2001:db8:1::5')).toBe(true);
    expect(isAllowed(list, '::ffff:203.0.113.9')).toBe(true);
  });

  it('refuses addresses outside, of the other family, or missing', () => {
    expect(isAllowed(list, '203.0.114.1')).toBe(false);
    expect(isAllowed(list, '198.51.100.8')).toBe(false);
    expect(isAllowed(list, '2001:db9::1')).toBe(false);
    expect(isAllowed(list, undefined)).toBe(false);
    expect(isAllowed(list, 'not-an-ip')).toBe(false);
  });

  it('allows everyone when empty', () => {
    expect(isAllowed([], '192.0.2.1')).toBe(true);
  });

  it('explains a bad entry', () => {
    expect(allowlistEntryError('10.0.0.0/8')).toBeUndefined();
    expect(allowlistEntryError('::1')).toBeUndefined();
    expect(allowlistEntryError('10.0.0.0/33')).toMatch(/not an IPv4\/IPv6 address or CIDR/);
    expect(allowlistEntryError('300.1.1.1')).toMatch(/not an IPv4/);
    expect(allowlistEntryError('example.com')).toMatch(/not an IPv4/);
  });
});
