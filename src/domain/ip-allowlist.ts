import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** A parsed allowlist: addresses and CIDR ranges of either family. */
export type IpAllowlist = readonly Range[];

/** Why an allowlist entry is refused, or undefined when it is a valid address or CIDR. */
export function allowlistEntryError(entry: string): string | undefined {
  try {
    parseEntry(entry);
    return undefined;
  } catch {
    return `"${entry.slice(0, 64)}" is not an IPv4/IPv6 address or CIDR range (e.g. 203.0.113.0/24 or 2001:db8::/32)`;
  }
}

function parseEntry(entry: string): Range {
  if (entry.includes('/')) {
    const [address, bits] = ipaddr.parseCIDR(entry);
    return [address, bits];
  }
  if (!ipaddr.isValid(entry)) throw new Error('invalid address');
  const address = ipaddr.parse(entry);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

/** Parses entries that were validated before they were stored. */
export function parseAllowlist(entries: readonly string[]): IpAllowlist {
  return entries.map(parseEntry);
}

/** Whether a string is a single IPv4 or IPv6 address. */
export function isIpAddress(value: string): boolean {
  return ipaddr.isValid(value);
}

/**
 * Whether an address is inside the allowlist. An empty list allows every address.
 * IPv4-mapped IPv6 addresses (`::ffff:203.0.113.9`, how a dual-stack socket reports IPv4
 * peers) are compared as the IPv4 address they carry.
 */
export function isAllowed(allowlist: IpAllowlist, address: string | undefined): boolean {
  if (allowlist.length === 0) return true;
  if (!address || !ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  for (const [range, bits] of allowlist) {
    if (range.kind() === parsed.kind() && parsed.match(range, bits)) return true;
  }
  return false;
}
