import type { PortalSessionTable } from './database.ts';
import { Repository } from './repository.ts';

/** Portal links and the sessions they become. */
export class PortalSessionRepository extends Repository {
  async insert(row: PortalSessionTable): Promise<void> {
    await this.db.insertInto('portal_sessions').values(row).execute();
  }

  async findByLink(linkHash: string): Promise<PortalSessionTable | undefined> {
    return this.db.selectFrom('portal_sessions').selectAll().where('link_hash', '=', linkHash).executeTakeFirst();
  }

  async findBySession(sessionHash: string): Promise<PortalSessionTable | undefined> {
    return this.db.selectFrom('portal_sessions').selectAll().where('session_hash', '=', sessionHash).executeTakeFirst();
  }

  /**
   * Turns an unused, unexpired link into a session, in one conditional UPDATE: of two requests
   * for the same link at once, exactly one gets the session.
   */
  async open(id: string, change: { sessionHash: string; usedAt: string; sessionExpiresAt: string }): Promise<boolean> {
    const result = await this.db
      .updateTable('portal_sessions')
      .set({ session_hash: change.sessionHash, used_at: change.usedAt, session_expires_at: change.sessionExpiresAt })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('link_expires_at', '>', change.usedAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Ends a session (signing out, or found expired). */
  async end(id: string, at: string): Promise<void> {
    await this.db.updateTable('portal_sessions').set({ session_hash: null, session_expires_at: at }).where('id', '=', id).execute();
  }

  /** Forgets links and sessions that ended before `beforeIso`. */
  async prune(beforeIso: string): Promise<void> {
    await this.db.deleteFrom('portal_sessions').where('link_expires_at', '<', beforeIso)
      .where((eb) => eb.or([eb('session_expires_at', 'is', null), eb('session_expires_at', '<', beforeIso)])).execute();
  }
}
