import { sql } from 'kysely';
import type { Db, WebhookAttemptTable, WebhookDeliveryStatus, WebhookDeliveryTable } from './database.ts';
import { Repository } from './repository.ts';

// Rows per INSERT: 15 columns each stays far inside SQLite's and PostgreSQL's parameter limits.
const INSERT_CHUNK = 500;
import { decodeCursor, toPage, type Page } from './cursor.ts';

/** One try at sending a delivery, as the API shows it. */
export type AttemptView = {
  attempt: number;
  at: string;
  durationMs: number;
  /** The receiver's HTTP status, or null when no answer came (refused, timed out, …). */
  responseStatus: number | null;
  error: string | null;
  /** The start of the receiver's answer, truncated. */
  responseExcerpt: string | null;
};

/** A delivery as the API returns it: the event, where it stands, and every attempt. */
export type DeliveryView = {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  payload: Record<string, unknown>;
  attempts: AttemptView[];
};

function toAttemptView(row: WebhookAttemptTable): AttemptView {
  return {
    attempt: row.attempt,
    at: row.started_at,
    durationMs: row.duration_ms,
    responseStatus: row.response_status,
    error: row.error,
    responseExcerpt: row.response_excerpt,
  };
}

function toDeliveryView(row: WebhookDeliveryTable, attempts: AttemptView[]): DeliveryView {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    createdAt: row.created_at,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    deliveredAt: row.delivered_at,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    attempts,
  };
}


export type DeliveryFilters = { status?: WebhookDeliveryStatus; limit: number; cursor?: string };



/** A due delivery with what sending it needs from its webhook. */
export type DueDelivery = {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  attempts: number;
  url: string;
  secret_salt: string;
  secret_check: string;
};



/** The outcome of one attempt, and what the delivery becomes. */
export type AttemptOutcome = {
  attempt: WebhookAttemptTable;
  status: WebhookDeliveryStatus;
  nextAttemptAt: string | null;
  nowIso: string;
};

/** The outbox: each event for each webhook, its retries, leases and attempts. */
export class DeliveryRepository extends Repository {
  /** Queues deliveries, in statements of a size both engines' parameter limits take. */
  async insert(rows: readonly WebhookDeliveryTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await this.db.insertInto('webhook_deliveries').values(rows.slice(i, i + INSERT_CHUNK)).execute();
  }

  /** A page of a webhook's deliveries, newest first, each with its attempts in order. */
  async list(webhookId: string, filters: DeliveryFilters): Promise<Page<DeliveryView>> {
    let base = this.db.selectFrom('webhook_deliveries').where('webhook_id', '=', webhookId);
    if (filters.status) base = base.where('status', '=', filters.status);
    const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    let query = base.selectAll();
    if (filters.cursor) query = query.where('id', '<', decodeCursor('dlv', filters.cursor));
    const rows = await query.orderBy('id', 'desc').limit(filters.limit + 1).execute();
    const shown = rows.slice(0, filters.limit);
    const attempts = new Map<string, AttemptView[]>();
    if (shown.length > 0) {
      const attemptRows = await this.db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', shown.map((row) => row.id)).orderBy('attempt').execute();
      for (const row of attemptRows) attempts.set(row.delivery_id, [...(attempts.get(row.delivery_id) ?? []), toAttemptView(row)]);
    }
    return toPage(rows, filters.limit, Number(total.n), (row) => toDeliveryView(row, attempts.get(row.id) ?? []));
  }

  async find(id: string): Promise<DeliveryView | undefined> {
    const row = await this.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const attempts = await this.db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', id).orderBy('attempt').execute();
    return toDeliveryView(row, attempts.map(toAttemptView));
  }

  /**
   * Pending deliveries whose time has come and whose lease (if any) has run out, oldest due
   * first. Deliveries of a disabled webhook wait: enabling it again sends them.
   */
  async due(nowIso: string, limit: number): Promise<DueDelivery[]> {
    return this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .select(['d.id', 'd.webhook_id', 'd.event_id', 'd.event_type', 'd.payload', 'd.attempts', 'w.url', 'w.secret_salt', 'w.secret_check'])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', nowIso)
      .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<=', nowIso)]))
      .where('w.enabled', '=', 1)
      .orderBy('d.next_attempt_at')
      .orderBy('d.id')
      .limit(limit)
      .execute();
  }

  /**
   * Takes the lease on one delivery. The condition is re-checked by the UPDATE itself, so when
   * two nodes race for the same row exactly one changes it (PostgreSQL re-evaluates the WHERE on
   * the row the other committed; SQLite has one writer): only that one sends.
   */
  async claim(id: string, lease: { token: string; nowIso: string; untilIso: string }): Promise<boolean> {
    const result = await this.db
      .updateTable('webhook_deliveries')
      .set({ lease_token: lease.token, lease_until: lease.untilIso })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', lease.nowIso)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Records an attempt and releases the lease, if this node still holds it (a node that took
   * longer than its lease has lost the delivery to another, whose record wins).
   */
  async finishAttempt(id: string, leaseToken: string, outcome: AttemptOutcome): Promise<boolean> {
    const { attempt } = outcome;
    const result = await this.db
      .updateTable('webhook_deliveries')
      .set({
        status: outcome.status,
        attempts: attempt.attempt,
        next_attempt_at: outcome.nextAttemptAt,
        lease_token: null,
        lease_until: null,
        last_status: attempt.response_status,
        last_error: attempt.error,
        updated_at: outcome.nowIso,
        delivered_at: outcome.status === 'delivered' ? outcome.nowIso : null,
      })
      .where('id', '=', id)
      .where('lease_token', '=', leaseToken)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await this.db.insertInto('webhook_attempts').values(attempt).onConflict((oc) => oc.columns(['delivery_id', 'attempt']).doNothing()).execute();
    return true;
  }

  /** Forgets finished deliveries created before `beforeIso` (pending ones are kept). */
  async prune(beforeIso: string): Promise<void> {
    await this.db.deleteFrom('webhook_deliveries').where('created_at', '<', beforeIso).where('status', '<>', 'pending').execute();
  }
}
