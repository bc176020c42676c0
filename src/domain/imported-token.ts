import { createHash } from 'node:crypto';

/**
 * Tokens issued by another system and brought in with `POST /v1/keys/import`. We never see
 * such a token until its first use: the import carries only its SHA-256, which is stored
 * under `algorithm: 'sha256'` (as lowercase hex) until the first successful verification
 * replaces it with our keyed hash (`algorithm: 'hmac-sha256-imported'`).
 */

/** `key_secrets.algorithm` of an imported SHA-256 that has not been used yet. */
export const IMPORTED_SHA256 = 'sha256';
/** `key_secrets.algorithm` of an imported token's keyed hash, once it has been used. */
export const IMPORTED_HMAC = 'hmac-sha256-imported';
/** `key_secrets.algorithm` of our own tokens. */
export const OWN_HMAC = 'hmac-sha256';

/** How an imported hash is written: SHA-256 as hex or as base64 (standard or URL-safe). */
export type ImportedHash = { algorithm: 'sha256'; encoding: 'hex' | 'base64'; value: string };

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
// 32 bytes are 43 base64 characters and one "=" of padding; both alphabets are accepted,
// since Unkey writes standard base64 and better-auth base64url without padding.
const BASE64_SHA256 = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * An imported SHA-256 as we store it (64 lowercase hex characters), or an error message.
 *
 * @example normaliseImportedHash({ algorithm: 'sha256', encoding: 'base64', value: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=' })
 * // { hex: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }
 */
export function normaliseImportedHash(hash: ImportedHash): { hex: string } | { error: string } {
  if (hash.encoding === 'hex') {
    if (!HEX_SHA256.test(hash.value)) return { error: 'must be a SHA-256 in hex: 64 hexadecimal characters' };
    return { hex: hash.value.toLowerCase() };
  }
  if (!BASE64_SHA256.test(hash.value)) return { error: 'must be a SHA-256 in base64: 43 characters (and one "=" of padding, optional)' };
  const standard = hash.value.replaceAll('-', '+').replaceAll('_', '/').replace(/=$/, '');
  const bytes = Buffer.from(standard, 'base64');
  // The last character carries 2 unused bits; refusing non-zero ones keeps one spelling per hash.
  if (bytes.length !== 32 || bytes.toString('base64').slice(0, 43) !== standard) {
    return { error: 'is not a canonical base64 encoding of 32 bytes' };
  }
  return { hex: bytes.toString('hex') };
}

/** The SHA-256 (hex) of a presented token, to find it among imported hashes. */
export function importedTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What an imported key shows as `start` until its token has been seen. */
export const IMPORTED_START = '(imported)';

// A token's display shows at most its prefix and a few characters of each end; a short token
// keeps "(imported)" instead, so that what is shown never gives away a guessable part of it.
const MIN_HIDDEN = 16;
const SHOWN_RANDOM = 4;
const MAX_PREFIX = 12;

/**
 * The `start` and `end` of an imported key once its token is known (at its first successful
 * verification): the token's prefix through its last `_` within the first 13 characters
 * plus 4 characters, and its last 4; undefined when the token is too short to show any of it
 * while keeping 16 characters hidden.
 *
 * @example importedTokenDisplay('sk_live_9f8e7d6c5b4a39281706f5e4d3c2') // { start: 'sk_live_9f8e', end: 'd3c2' }
 */
export function importedTokenDisplay(token: string): { start: string; end: string } | undefined {
  const prefixEnd = token.slice(0, MAX_PREFIX + 1).lastIndexOf('_') + 1;
  const start = token.slice(0, prefixEnd + SHOWN_RANDOM);
  const end = token.slice(-SHOWN_RANDOM);
  if (token.length - start.length - end.length < MIN_HIDDEN) return undefined;
  return { start, end };
}
