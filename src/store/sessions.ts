import type { SessionTable } from './database.ts';
import { Repository } from './repository.ts';

/** Dashboard sessions, named by the SHA-256 of their cookie value (see SessionTable). */
export class SessionRepository extends Repository {
  async insert(row: SessionTable): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  async find(idHash: string): Promise<SessionTable | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  }

  async touch(idHash: string, at: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  /** Ends every session of a user. */
  async deleteAllOf(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  /** Ends every session of a user but one; returns how many ended. */
  async deleteOthersOf(userId: string, keepIdHash: string): Promise<number> {
    const [result] = await this.db.deleteFrom('sessions').where('user_id', '=', userId).where('id_hash', '!=', keepIdHash).execute();
    return Number(result?.numDeletedRows ?? 0);
  }
}
