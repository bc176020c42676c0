import { IMPORTED_HMAC, IMPORTED_SHA256, OWN_HMAC } from '../domain/imported-token.ts';
import type { Db, KeyTable } from './database.ts';

/**
 * Whether any imported key's secret is stored (as SHA-256, or as our keyed hash after its first
 * use). Answered from the partial index `key_secrets_imported`, which holds only those rows.
 */
export async function anyImportedSecret(db: Db): Promise<boolean> {
  const row = await db.selectFrom('key_secrets').select('algorithm').where('algorithm', '<>', OWN_HMAC).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * The stored secret of an imported token, given the token's keyed hash and its SHA-256: the
 * keyed hash once the key has been used, else the SHA-256 it was imported with. Our own
 * tokens' hashes are never among the answers.
 */
export async function findImportedSecret(db: Db, hmac: string, sha256: string): Promise<{ hash: string; algorithm: string } | undefined> {
  const rows = await db.selectFrom('key_secrets').select(['hash', 'algorithm']).where('hash', 'in', [hmac, sha256]).where('algorithm', '<>', OWN_HMAC).execute();
  // The keyed hash wins: the same SHA-256 imported again after the first key's upgrade
  // (Keyward no longer holds that SHA-256 to refuse it) must not take the token over.
  return rows.find((row) => row.hash === hmac && row.algorithm === IMPORTED_HMAC)
    ?? rows.find((row) => row.hash === sha256 && row.algorithm === IMPORTED_SHA256);
}

// Rows per statement: keys rows have 18 columns, well within SQLite's and PostgreSQL's
// bound-parameter limits at this size.
const CHUNK = 100;

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK));
  return result;
}

/** Which of these hashes are already stored as some key's secret. */
export async function storedHashes(db: Db, hashes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunks(hashes)) {
    const rows = await db.selectFrom('key_secrets').select('hash').where('hash', 'in', chunk).execute();
    for (const row of rows) found.add(row.hash);
  }
  return found;
}

/** One imported key as stored: its row, the SHA-256 (hex) it verifies with, its groups. */
export type ImportedKeyRow = { key: KeyTable; sha256: string; groupIds: readonly string[] };

/** Inserts imported keys with their SHA-256 secrets and groups, in the caller's transaction. */
export async function insertImportedKeys(db: Db, rows: readonly ImportedKeyRow[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    await db.insertInto('keys').values(chunk.map((row) => row.key)).execute();
    await db.insertInto('key_secrets')
      .values(chunk.map((row) => ({ hash: row.sha256, key_id: row.key.id, algorithm: IMPORTED_SHA256, expires_at: null, created_at: row.key.created_at })))
      .execute();
  }
  const memberships = rows.flatMap((row) => row.groupIds.map((group_id) => ({ key_id: row.key.id, group_id })));
  for (const chunk of chunks(memberships)) await db.insertInto('key_groups').values(chunk).execute();
}

/**
 * Replaces an imported key's SHA-256 by the keyed hash of its token, and fills in the key's
 * display from the token while it still shows the import placeholder. Returns false when
 * there was nothing to replace (another request did it first, or the key changed meanwhile).
 */
export async function upgradeImportedSecret(
  db: Db,
  change: { keyId: string; sha256: string; hmac: string; display?: { start: string; end: string }; placeholderStart: string; nowIso: string },
): Promise<boolean> {
  const result = await db.updateTable('key_secrets')
    .set({ hash: change.hmac, algorithm: IMPORTED_HMAC })
    .where('hash', '=', change.sha256)
    .where('algorithm', '=', IMPORTED_SHA256)
    .where('key_id', '=', change.keyId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  if (change.display) {
    await db.updateTable('keys')
      .set({ token_start: change.display.start, token_end: change.display.end, updated_at: change.nowIso })
      .where('id', '=', change.keyId)
      .where('token_start', '=', change.placeholderStart)
      .execute();
  }
  return true;
}
