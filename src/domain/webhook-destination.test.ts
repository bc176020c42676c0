import { describe, expect, it } from 'vitest';
import { destinationAddressError, webhookUrlError } from './webhook-destination.ts';

describe('destinationAddressError', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['10.1.2.3', 'private'], ['172.31.255.255', 'private'], ['192.168.0.1', 'private'],
    ['169.254.169.254', 'linkLocal'], ['100.64.0.1', 'carrierGradeNat'], ['0.0.0.0', 'unspecified'], ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'], ['::1', 'loopback'], ['::', 'unspecified'], ['fe80::1', 'linkLocal'], ['fd12:3456::1', 'uniqueLocal'],
    ['::ffff:10.0.0.1', 'private'], ['::ffff:127.0.0.1', 'loopback'],
  ])('refuses %s (%s)', (address, range) => {
    expect(destinationAddressError(address)).toBe(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:8.8.8.8'])('accepts the public address %s', (address) => {
    expect(destinationAddressError(address)).toBeUndefined();
  });
});

describe('webhookUrlError', () => {
  const strict = { allowPrivate: false };
  it('accepts http(s) URLs of public hosts', () => {
    expect(webhookUrlError('https://hooks.example.com/in?x=1', strict)).toBeUndefined();
    expect(webhookUrlError('http://93.184.215.14:8080/', strict)).toBeUndefined();
  });
  it('refuses other schemes, credentials and text that is not a URL, whatever the setting', () => {
    for (const allowPrivate of [false, true]) {
      expect(webhookUrlError('ftp://example.com/', { allowPrivate })).toMatch(/http or https/);
      expect(webhookUrlError('https://a:b@example.com/', { allowPrivate })).toMatch(/user name or password/);
      expect(webhookUrlError('/relative', { allowPrivate })).toMatch(/absolute URL/);
    }
  });
  it('refuses what no delivery could reach: port 0, empty or over-long labels', () => {
    for (const allowPrivate of [false, true]) {
      expect(webhookUrlError('https://example.com:0/', { allowPrivate })).toMatch(/port 0/);
      for (const url of ['https://a..b/', `https://${'a'.repeat(64)}.example.com/`, `https://${'abcdefghi.'.repeat(26)}com/`]) {
        expect(webhookUrlError(url, { allowPrivate }), url).toMatch(/host that can exist/);
      }
    }
    // A fully qualified name's trailing dot and the longest allowed label are fine.
    expect(webhookUrlError(`https://${'a'.repeat(63)}.example.com./hook`, strict)).toBeUndefined();
    expect(webhookUrlError('https://[2606:2800:220:1:248:1893:25c8:1946]:8443/', strict)).toBeUndefined();
  });
  it('refuses local names and non-public literal addresses unless private destinations are allowed', () => {
    for (const url of ['http://localhost/', 'http://LOCALHOST./', 'http://x.localhost/', 'http://127.0.0.1/', 'http://[::1]/', 'http://2130706433/', 'http://[::ffff:a00:1]/']) {
      expect(webhookUrlError(url, strict), url).toMatch(/KEYWARD_WEBHOOK_ALLOW_PRIVATE/);
      expect(webhookUrlError(url, { allowPrivate: true }), url).toBeUndefined();
    }
  });
});
