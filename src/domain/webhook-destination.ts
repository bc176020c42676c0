import ipaddr from 'ipaddr.js';

/**
 * Why a resolved address may not receive webhooks, or undefined when it may. Only globally
 * routable unicast addresses pass: a webhook URL is chosen by a user of the API, and without
 * this check it would let them make Keyward call its own admin ports, the cloud metadata
 * service (169.254.169.254) or anything else on the private network (SSRF). IPv4-mapped IPv6
 * addresses are judged as the IPv4 address they carry.
 *
 * @example destinationAddressError('10.0.0.7') // 'private'
 */
export function destinationAddressError(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const range = ipaddr.process(address).range();
  return range === 'unicast' ? undefined : range;
}

function isResolvableName(host: string): boolean {
  return host.length <= 253 && host.split('.').every((label) => label.length >= 1 && label.length <= 63);
}

// Names that resolve to this machine without asking DNS (RFC 6761).
const LOCAL_NAMES = /^(localhost|localhost\.localdomain)$|\.localhost$/i;

/**
 * Why a webhook URL is refused, or undefined when it is acceptable: it must be an absolute
 * http(s) URL without credentials (the URL is shown in lists and the audit log; receivers
 * authenticate deliveries by their signature), and unless private destinations are allowed
 * its host must not be a loopback, private, link-local or otherwise non-public address. Host
 * names are resolved only when sending, where every resolved address is checked again (DNS
 * can change after the URL was accepted).
 *
 * @example webhookUrlError('http://127.0.0.1:9000/hook', { allowPrivate: false }) // 'must not point to …'
 */
export function webhookUrlError(text: string, options: { allowPrivate: boolean }): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute URL such as https://example.com/keyward-events';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must use http or https, not ${url.protocol.slice(0, -1).slice(0, 20)}`;
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password; receivers check the Keyward-Signature header instead';
  // Accepted, these would fail every delivery: port 0 cannot be connected to, and a name with an
  // empty or over-long label cannot be resolved (RFC 1035: labels of 1-63, names up to 253).
  if (url.port === '0') return 'must not use port 0';
  if (!url.hostname.startsWith('[') && !isResolvableName(url.hostname.replace(/\.$/, ''))) return 'must name a host that can exist (labels of 1 to 63 characters, 253 in all)';
  if (options.allowPrivate) return undefined;
  // The WHATWG parser has already turned every IPv4 spelling (2130706433, 0x7f.1) into dotted
  // quads; IPv6 literals keep their brackets.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (LOCAL_NAMES.test(host)) return 'must not point to this machine (set KEYWARD_WEBHOOK_ALLOW_PRIVATE=true to allow it)';
  if (ipaddr.isValid(host)) {
    const range = destinationAddressError(host);
    if (range) return `must not point to a ${range} address (set KEYWARD_WEBHOOK_ALLOW_PRIVATE=true to allow it)`;
  }
  return undefined;
}
