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

/**
 * Whether a string is an address as a person reads it: dotted-quad IPv4 or IPv6. ipaddr.js
 * also takes legacy IPv4 spellings ("127.1", "2130706433", "0x7f.0.0.1") and reads a leading
 * zero as octal ("010.0.0.1" is 8.0.0.1), so an allowlist could hold other addresses than the
 * ones its author wrote; those spellings are refused.
 */
function isPlainAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

function parseEntry(entry: string): Range {
  const slash = entry.indexOf('/');
  if (!isPlainAddress(slash === -1 ? entry : entry.slice(0, slash))) throw new Error('invalid address');
  if (slash !== -1) {
    const [address, bits] = ipaddr.parseCIDR(entry);
    return [address, bits];
  }
  const address = ipaddr.parse(entry);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

/** Parses entries that were validated before they were stored. */
export function parseAllowlist(entries: readonly string[]): IpAllowlist {
  return entries.map(parseEntry);
}

/** Whether a string is a single IPv4 or IPv6 address. */
export function isIpAddress(value: string): boolean {
  return isPlainAddress(value);
}

/**
 * Whether an address is inside the allowlist. An empty list allows every address.
 * IPv4-mapped IPv6 addresses (`::ffff:203.0.113.9`, how a dual-stack socket reports IPv4
 * peers) are compared as the IPv4 address they carry.
 */
export function isAllowed(allowlist: IpAllowlist, address: string | undefined): boolean {
  if (allowlist.length === 0) return true;
  if (!address || !isPlainAddress(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  for (const [range, bits] of allowlist) {
    if (range.kind() === parsed.kind() && parsed.match(range, bits)) return true;
  }
  return false;
}

/**
 * Whether every address `inner` allows is one `outer` allows too (so replacing `outer` with
 * `inner` takes access away, never gives it). An empty list allows everything.
 *
 * @example allowlistWithin(['10.1.0.0/16'], ['10.0.0.0/8']) // true
 */
export function allowlistWithin(inner: readonly string[], outer: readonly string[]): boolean {
  if (outer.length === 0) return true;
  if (inner.length === 0) return false;
  const ranges = parseAllowlist(outer);
  return parseAllowlist(inner).every(([address, bits]) =>
    ranges.some(([range, rangeBits]) => range.kind() === address.kind() && bits >= rangeBits && address.match(range, rangeBits)));
}
