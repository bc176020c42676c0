import { createHash, randomBytes } from 'node:crypto';
import type { TestServer } from './test-server.ts';

/**
 * A token as another key service issued it (`<prefix>_<32 hex>`: never shaped like ours), with
 * its SHA-256 in the spellings imports take: hex, base64 (Unkey) and base64url (better-auth).
 */
export function foreignToken(prefix = 'uk') {
  const token = `${prefix}_${randomBytes(16).toString('hex')}`;
  const digest = createHash('sha256').update(token).digest();
  return { token, hex: digest.toString('hex'), base64: digest.toString('base64'), base64url: digest.toString('base64url') };
}

/** The stored secrets of a key, read straight from the server's database. */
export async function secretsOf(server: TestServer, keyId: string) {
  return server.app.store.db.selectFrom('key_secrets').select(['hash', 'algorithm']).where('key_id', '=', keyId).execute();
}
