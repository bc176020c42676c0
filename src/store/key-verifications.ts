import { sql } from 'kysely';
import { Repository } from './repository.ts';

/** A key's verifications of one flush: `entries` as stored (see KeyVerificationTable). */
export type VerificationBatch = { keyId: string; lastAt: string; count: number; entries: string };

/** One stored verification: `[ms since the epoch, outcome, client address or null, tags?]`. */
export type StoredVerification = [at: number, outcome: string, clientAddress: string | null, tags?: string[]];

/** Each key's recent verifications, a row per key and write-behind flush: what a key's page lists. */
export class KeyVerificationRepository extends Repository {
  /** Appends batches, one statement per call (see Dialect.jsonRows). */
  async addBatches(batches: readonly VerificationBatch[]): Promise<void> {
    if (batches.length === 0) return;
    const values = this.dialect.jsonRows(batches.map((batch) => [batch.keyId, batch.lastAt, batch.count, batch.entries]), [
      { name: 'key_id' }, { name: 'last_at' }, { name: 'count', integer: true }, { name: 'entries' },
    ]);
    await sql`INSERT INTO key_verifications (key_id, last_at, count, entries)
      SELECT v.key_id, v.last_at, v.count, v.entries FROM ${values} AS v`.execute(this.db);
  }

  /**
   * The rows (newest first) that together hold a key's newest `max` verifications since `since`:
   * their counts are read first, so a busy key's older rows are never parsed.
   */
  async recentBatches(keyId: string, since: string, max: number): Promise<{ seq: number; entries: StoredVerification[] }[]> {
    const counts = await this.db.selectFrom('key_verifications').select(['seq', 'count']).where('key_id', '=', keyId).where('last_at', '>=', since)
      .orderBy('seq', 'desc').limit(max).execute();
    let held = 0;
    let needed = 0;
    while (needed < counts.length && held < max) held += Number(counts[needed++]!.count);
    if (needed === 0) return [];
    const oldest = Number(counts[needed - 1]!.seq);
    const rows = await this.db.selectFrom('key_verifications').select(['seq', 'entries']).where('key_id', '=', keyId).where('seq', '>=', oldest)
      .orderBy('seq', 'desc').execute();
    return rows.map((row) => ({ seq: Number(row.seq), entries: JSON.parse(row.entries) as StoredVerification[] }));
  }

  /** Drops a key's rows that only hold verifications older than its newest `keep`. */
  async trim(keyId: string, keep: number): Promise<void> {
    const counts = await this.db.selectFrom('key_verifications').select(['seq', 'count']).where('key_id', '=', keyId).orderBy('seq', 'desc').execute();
    let held = 0;
    for (const row of counts) {
      held += Number(row.count);
      if (held >= keep) {
        await this.db.deleteFrom('key_verifications').where('key_id', '=', keyId).where('seq', '<', Number(row.seq)).execute();
        return;
      }
    }
  }

  /** Drops rows whose newest verification is older than `before` (an ISO time), every key's. */
  async deleteBefore(before: string): Promise<void> {
    await this.db.deleteFrom('key_verifications').where('last_at', '<', before).execute();
  }
}
