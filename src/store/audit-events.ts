import { sql } from 'kysely';
import type { AuditEventTable, NewRows } from './database.ts';
import { decodeCursor, toPage, type Page } from './cursor.ts';
import { Repository } from './repository.ts';

/** An audit event as the API returns it. */
export type AuditEventView = {
  id: string;
  at: string;
  actor: { type: string; id: string | null; name: string };
  action: string;
  target: { type: string; id: string | null };
  detail: Record<string, unknown>;
};

export type AuditQuery = { actorId?: string; keyId?: string; action?: string; limit: number; cursor?: string };

/** The audit log: appended inside the transaction of the change it records. */
export class AuditRepository extends Repository {
  /** Appends one event. */
  async insert(row: AuditEventTable): Promise<void> {
    await this.db.insertInto('audit_events').values(row).execute();
  }

  /** Many events, as rows to write together (a batch of writes sharing a transaction does). */
  newRowsOf(rows: readonly AuditEventTable[]): NewRows[] {
    return rows.length > 0 ? [{ table: 'audit_events', rows }] : [];
  }

  /** A page of audit events, newest first. */
  async list(query: AuditQuery): Promise<Page<AuditEventView>> {
    let base = this.db.selectFrom('audit_events');
    if (query.actorId) base = base.where('actor_id', '=', query.actorId);
    if (query.keyId) base = base.where('key_id', '=', query.keyId);
    if (query.action) base = base.where('action', '=', query.action);
    const totalRow = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    let page = base.selectAll();
    if (query.cursor) page = page.where('id', '<', decodeCursor('evt', query.cursor));
    const rows = await page.orderBy('id', 'desc').limit(query.limit + 1).execute();
    return toPage(rows, query.limit, Number(totalRow.n), (row) => ({
      id: row.id,
      at: row.at,
      actor: { type: row.actor_type, id: row.actor_id, name: row.actor_name },
      action: row.action,
      target: { type: row.target_type, id: row.target_id },
      detail: JSON.parse(row.detail) as Record<string, unknown>,
    }));
  }
}
