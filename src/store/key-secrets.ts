import { IMPORTED_HMAC, IMPORTED_SHA256, OWN_HMAC } from '../domain/imported-token.ts';
import type { KeySecretTable, KeyTable, NewRows } from './database.ts';
import { Repository } from './repository.ts';

/** One imported key as stored: its row, the SHA-256 (hex) it verifies with, its groups. */
export type ImportedKeyRow = { key: KeyTable; sha256: string; groupIds: readonly string[] };

// Rows per statement: keys rows have 18 columns, well within SQLite's and PostgreSQL's
// bound-parameter limits at this size.
const CHUNK = 100;

function secretRow(keyId: string, hash: string, createdAt: string): KeySecretTable {
  return { hash, key_id: keyId, algorithm: OWN_HMAC, expires_at: null, created_at: createdAt };
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK));
  return result;
}

/**
 * The hashes a key can be found under: its current token's, any still in a grace period after
 * a regeneration, and the SHA-256 of an imported token until its first use.
 */
export class KeySecretRepository extends Repository {
  /** Stores the keyed hash of a key's new token. */
  async insert(keyId: string, hash: string, createdAt: string): Promise<void> {
    await this.db.insertInto('key_secrets').values(secretRow(keyId, hash, createdAt)).execute();
  }

  /** The keyed hashes of many new tokens, as rows to write together (none for none). */
  newRowsOf(rows: readonly { keyId: string; hash: string; createdAt: string }[]): NewRows[] {
    return rows.length > 0 ? [{ table: 'key_secrets', rows: rows.map((row) => secretRow(row.keyId, row.hash, row.createdAt)) }] : [];
  }

  /** Ends every hash of a key at once. */
  async deleteAllOf(keyId: string): Promise<void> {
    await this.db.deleteFrom('key_secrets').where('key_id', '=', keyId).execute();
  }

  /**
   * Lets a key's hashes run until `graceEnd` (one already in a shorter grace keeps its own,
   * earlier end) and drops those whose grace has passed.
   */
  async endAfterGrace(keyId: string, graceEnd: string, nowIso: string): Promise<void> {
    await this.db.updateTable('key_secrets').set({ expires_at: graceEnd }).where('key_id', '=', keyId)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', graceEnd)])).execute();
    await this.db.deleteFrom('key_secrets').where('key_id', '=', keyId).where('expires_at', '<=', nowIso).execute();
  }

  /**
   * Whether any imported key's secret is stored (as SHA-256, or as our keyed hash after its
   * first use). Answered from the partial index `key_secrets_imported`, which holds only those.
   */
  async anyImported(): Promise<boolean> {
    const row = await this.db.selectFrom('key_secrets').select('algorithm').where('algorithm', '<>', OWN_HMAC).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /**
   * The stored secret of an imported token, given the token's keyed hash and its SHA-256: the
   * keyed hash once the key has been used, else the SHA-256 it was imported with. Our own
   * tokens' hashes are never among the answers.
   */
  async findImported(hmac: string, sha256: string): Promise<{ hash: string; algorithm: string } | undefined> {
    const rows = await this.db.selectFrom('key_secrets').select(['hash', 'algorithm']).where('hash', 'in', [hmac, sha256]).where('algorithm', '<>', OWN_HMAC).execute();
    // The keyed hash wins: the same SHA-256 imported again after the first key's upgrade
    // (Keyward no longer holds that SHA-256 to refuse it) must not take the token over.
    return rows.find((row) => row.hash === hmac && row.algorithm === IMPORTED_HMAC)
      ?? rows.find((row) => row.hash === sha256 && row.algorithm === IMPORTED_SHA256);
  }

  /** Which of these hashes are already stored as some key's secret. */
  async stored(hashes: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const chunk of chunks(hashes)) {
      const rows = await this.db.selectFrom('key_secrets').select('hash').where('hash', 'in', chunk).execute();
      for (const row of rows) found.add(row.hash);
    }
    return found;
  }

  /** Inserts imported keys with their SHA-256 secrets and groups, in the caller's transaction. */
  async insertImported(rows: readonly ImportedKeyRow[]): Promise<void> {
    for (const chunk of chunks(rows)) {
      await this.db.insertInto('keys').values(chunk.map((row) => row.key)).execute();
      await this.db.insertInto('key_secrets')
        .values(chunk.map((row) => ({ hash: row.sha256, key_id: row.key.id, algorithm: IMPORTED_SHA256, expires_at: null, created_at: row.key.created_at })))
        .execute();
    }
    const memberships = rows.flatMap((row) => row.groupIds.map((group_id) => ({ key_id: row.key.id, group_id })));
    for (const chunk of chunks(memberships)) await this.db.insertInto('key_groups').values(chunk).execute();
  }

  /**
   * Replaces an imported key's SHA-256 by the keyed hash of its token, and fills in the key's
   * display from the token while it still shows the import placeholder. Returns false when
   * there was nothing to replace (another request did it first, or the key changed meanwhile).
   */
  async upgradeImported(change: { keyId: string; sha256: string; hmac: string; display?: { start: string; end: string }; placeholderStart: string; nowIso: string }): Promise<boolean> {
    const result = await this.db.updateTable('key_secrets')
      .set({ hash: change.hmac, algorithm: IMPORTED_HMAC })
      .where('hash', '=', change.sha256)
      .where('algorithm', '=', IMPORTED_SHA256)
      .where('key_id', '=', change.keyId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    if (change.display) {
      await this.db.updateTable('keys')
        .set({ token_start: change.display.start, token_end: change.display.end, updated_at: change.nowIso })
        .where('id', '=', change.keyId)
        .where('token_start', '=', change.placeholderStart)
        .execute();
    }
    return true;
  }
}
