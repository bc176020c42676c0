import { createHmac, hash, randomInt, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';

// Base62 keeps tokens URL-safe and double-click selectable, and leaves `_` free to separate
// the project prefix from the secret part.
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 24 base62 characters = 142.9 bits from the CSPRNG (the contract asks for at least 128). */
export const RANDOM_LENGTH = 24;
/** CRC-32 of `prefix_random`, as 6 base62 characters. */
export const CHECKSUM_LENGTH = 6;
const START_RANDOM_CHARS = 4;

/** The pattern of a key prefix (`fb`, `acme2`). */
export const KEY_PREFIX_PATTERN = '^[a-z][a-z0-9]{1,11}$';
/**
 * The pattern of a whole token, for secret scanners. Its checksum lets a scanner (or we)
 * tell a real token from a look-alike without asking the database.
 */
export const TOKEN_PATTERN = `[a-z][a-z0-9]{1,11}_[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}`;
const TOKEN_REGEX = new RegExp(`^${TOKEN_PATTERN}$`);

function encodeChecksum(body: string): string {
  let n = crc32(body);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** What is kept of a token for display: the prefix with a few characters, and the last four. */
export type TokenDisplay = { start: string; end: string };

/**
 * A new token for a project: `<prefix>_<24 random base62><6 checksum>`.
 *
 * @example generateToken('fb') // 'fb_3kP9…x7Qa'
 */
export function generateToken(prefix: string): string {
  let random = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) random += BASE62[randomInt(62)];
  const body = `${prefix}_${random}`;
  return body + encodeChecksum(body);
}

/**
 * Whether a string has our token shape and a correct checksum. Called before any look-up,
 * so a flood of malformed or mistyped tokens never reaches the cache or the database.
 */
export function isWellFormedToken(token: string): boolean {
  if (token.length > 64 || !TOKEN_REGEX.test(token)) return false;
  const cut = token.length - CHECKSUM_LENGTH;
  return encodeChecksum(token.slice(0, cut)) === token.slice(cut);
}

/**
 * Whether a string is shaped like one of our tokens, whatever its checksum says. Such a string
 * with a wrong checksum is a mistyped or made-up token of ours, never one imported from
 * another system, so it is refused without any look-up.
 */
export function hasTokenShape(token: string): boolean {
  return token.length <= 64 && TOKEN_REGEX.test(token);
}

/** The displayable parts of a token: `fb_3kP9` and `x7Qa`. */
export function tokenDisplay(token: string): TokenDisplay {
  const underscore = token.indexOf('_');
  return {
    start: token.slice(0, underscore + 1 + START_RANDOM_CHARS),
    end: token.slice(-4),
  };
}

/**
 * The keyed hash under which a token is stored and looked up (HMAC-SHA-256 with the server
 * secret, base64url). Without the secret, a stolen database does not allow offline guessing.
 */
export function hashToken(secret: Buffer, token: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}

/**
 * How the in-process key cache (and the invalidations sent between nodes) names a token: a
 * SHA-256 of the token behind a prefix derived from the server secret. Still keyed, so the
 * names say nothing without the secret, but a one-shot hash (about 0.3 µs) where an HMAC costs
 * several, on every verification. The database keeps the HMAC of `hashToken`; a look-up that
 * misses the cache computes it then.
 */
export function tokenDigester(secret: Buffer): (token: string) => string {
  const prefix = createHmac('sha256', secret).update('keyward:token-digest').digest('base64url');
  return (token) => hash('sha256', prefix + token, 'base64url');
}

/** Compares two secrets in time that does not depend on where they differ. */
export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
