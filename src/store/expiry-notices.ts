import type { ExpiryNotice } from '../domain/webhook-events.ts';
import type { Db } from './database.ts';
import { Repository } from './repository.ts';

/** A key whose expiry falls in a notice's window: its id and the expiry the notice is for. */
export type NoticeCandidate = { id: string; expires_at: string };

/** Which expiry notices have been sent (or are due), once per key, notice and expiry. */
export class ExpiryNoticeRepository extends Repository {
  /**
   * Keys expiring in `(afterIso, untilIso]` that have not had `notice` for their current
   * `expiresAt`, soonest first (through the partial index on `keys.expires_at`).
   */
  async keysDue(notice: ExpiryNotice, window: { afterIso: string; untilIso: string }, limit: number): Promise<NoticeCandidate[]> {
    const rows = await this.db
      .selectFrom('keys')
      .select(['keys.id', 'keys.expires_at'])
      .where('keys.expires_at', 'is not', null)
      .where('keys.expires_at', '>', window.afterIso)
      .where('keys.expires_at', '<=', window.untilIso)
      .where(({ not, exists, selectFrom }) =>
        not(exists(
          selectFrom('key_expiry_notices as n')
            .select('n.key_id')
            .whereRef('n.key_id', '=', 'keys.id')
            .where('n.notice', '=', notice)
            .whereRef('n.expires_at', '=', 'keys.expires_at'),
        )),
      )
      .orderBy('keys.expires_at')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ id: row.id, expires_at: row.expires_at! }));
  }

  /**
   * Claims a notice: true for the one caller that inserted the row, false for every other (the
   * primary key (key, notice, expiresAt) refuses the rest; on PostgreSQL a concurrent insert
   * waits for the first to commit and then inserts nothing). The caller queues the event in the
   * same transaction, so the notice and its event land together or not at all.
   */
  async claim(keyId: string, notice: ExpiryNotice, expiresAt: string, nowIso: string): Promise<boolean> {
    const inserted = await this.db
      .insertInto('key_expiry_notices')
      .values({ key_id: keyId, notice, expires_at: expiresAt, created_at: nowIso })
      .onConflict((oc) => oc.columns(['key_id', 'notice', 'expires_at']).doNothing())
      .returning('key_id')
      .execute();
    return inserted.length === 1;
  }
}
