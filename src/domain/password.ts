import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// OWASP's scrypt floor is N=2^17, r=8, p=1; this is that, with memory sized to fit it.
const PARAMS = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: typeof PARAMS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, params, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** The scrypt cost factor used unless a caller (the test suite, to stay quick) asks for less. */
export const DEFAULT_PASSWORD_COST = PARAMS.N;

/**
 * Hashes a password as `scrypt$N$r$p$salt$hash` (base64url parts). The parameters travel with
 * the hash, so raising the cost later still verifies old hashes.
 */
export async function hashPassword(password: string, cost: number = PARAMS.N): Promise<string> {
  const salt = randomBytes(16);
  const params = { ...PARAMS, N: cost };
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash, in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const params = { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem };
  const actual = await derive(password, Buffer.from(salt, 'base64url'), params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The scrypt parameters in force, for tests and the security notes. */
export const PASSWORD_HASH_PARAMS = { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p };
