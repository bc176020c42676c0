import { sql } from 'kysely';
import type { Db } from '../../src/store/database.ts';

/**
 * Runs `work` while `table` is renamed out of the way, so every statement on it fails as a lost
 * table would (on both engines), then puts it back whatever `work` did: for tests of what a
 * failed write keeps.
 */
export async function whileTableAway(db: Db, table: string, work: () => Promise<void>): Promise<void> {
  await sql`ALTER TABLE ${sql.table(table)} RENAME TO ${sql.table(`${table}_away`)}`.execute(db);
  try {
    await work();
  } finally {
    await sql`ALTER TABLE ${sql.table(`${table}_away`)} RENAME TO ${sql.table(table)}`.execute(db);
  }
}
