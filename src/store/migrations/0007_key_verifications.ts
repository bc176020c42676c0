import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * Each key's recent verifications (time, outcome, client address, tags), for its page: the last
 * 1,000 per key for 7 days. A row holds the verifications of one key that one write-behind
 * flush carried, as JSON: a row per verification made every verification an insert into a
 * per-key index, which measured as half again the CPU of a verification. No foreign key: a key
 * deleted before its batch is written must not fail the write (its rows are never shown, and
 * age out). `seq` orders the rows.
 */
export function keyVerifications(dialect: Dialect['name']) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const seq = dialect === 'postgres' ? sql`BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY` : sql`INTEGER PRIMARY KEY AUTOINCREMENT`;
      await sql`CREATE TABLE key_verifications (
        seq ${seq},
        key_id VARCHAR(40) NOT NULL,
        last_at VARCHAR(30) NOT NULL,
        count INTEGER NOT NULL,
        entries TEXT NOT NULL
      )`.execute(db);
      await db.schema.createIndex('key_verifications_key').on('key_verifications').columns(['key_id', 'seq']).execute();
      await db.schema.createIndex('key_verifications_last_at').on('key_verifications').column('last_at').execute();
    },
  };
}
