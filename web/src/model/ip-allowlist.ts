import ipaddr from 'ipaddr.js';

/** The entries of the allowlist text box: one per line or separated by commas or spaces. */
export function allowlistEntries(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function isValidEntry(entry: string): boolean {
  if (entry.includes('/')) {
    try {
      ipaddr.parseCIDR(entry);
      return true;
    } catch {
      return false;
    }
  }
  return ipaddr.isValid(entry);
}

/**
 * What is wrong with the allowlist text, for the field's error as the person types, or
 * undefined when every entry is an IPv4/IPv6 address or CIDR range. The server checks again.
 */
export function allowlistError(text: string): string | undefined {
  const invalid = allowlistEntries(text).filter((entry) => !isValidEntry(entry));
  if (invalid.length === 0) return undefined;
  const listed = invalid.slice(0, 3).map((entry) => `"${entry}"`).join(', ');
  return `${listed} ${invalid.length === 1 ? 'is not an IPv4/IPv6 address or CIDR range' : 'are not IPv4/IPv6 addresses or CIDR ranges'} (e.g. 203.0.113.7 or 10.0.0.0/8)`;
}
