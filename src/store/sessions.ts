import type { Db, SessionTable } from './database.ts';

/** Dashboard sessions, named by the SHA-256 of their cookie value (see SessionTable). */
export async function insertSession(db: Db, row: SessionTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Db, idHash: string): Promise<SessionTable | undefined> {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user but one; returns how many ended. */
export async function deleteOtherSessions(db: Db, userId: string, keepIdHash: string): Promise<number> {
  const [result] = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id_hash', '!=', keepIdHash).execute();
  return Number(result?.numDeletedRows ?? 0);
}
