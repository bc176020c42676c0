import { sql } from 'kysely';
import type { WebhookEventType } from '../domain/webhook-events.ts';
import type { Db, WebhookTable } from './database.ts';
import { Repository } from './repository.ts';
import { decodeCursor, toPage, type Page } from './cursor.ts';

/** A webhook as the API returns it: never its secret, nor what derives it. */
export type WebhookView = {
  id: string;
  url: string;
  projectId: string | null;
  events: string[];
  enabled: boolean;
  description: string;
  createdAt: string;
  updatedAt: string;
  createdBy: { id: string; username: string } | null;
};

/** An enabled webhook as `WebhookRepository.enabledQuery` reads it. */
export type EnabledWebhookRow = Pick<WebhookTable, 'id' | 'project_id' | 'events'>;

/** Those of the enabled webhooks that subscribe to `type`. */
export function subscribersAmong(rows: readonly EnabledWebhookRow[], type: WebhookEventType): Subscriber[] {
  return rows
    .filter((row) => (JSON.parse(row.events) as string[]).includes(type))
    .map((row) => ({ id: row.id, projectId: row.project_id }));
}

export type WebhookRowWithCreator = WebhookTable & { creator_username: string | null };

/** The API shape of a webhook row. */
export function toWebhookView(row: WebhookRowWithCreator): WebhookView {
  return {
    id: row.id,
    url: row.url,
    projectId: row.project_id,
    events: JSON.parse(row.events) as string[],
    enabled: row.enabled === 1,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by && row.creator_username ? { id: row.created_by, username: row.creator_username } : null,
  };
}

function webhooksWithCreator(db: Db) {
  return db.selectFrom('webhooks').leftJoin('users as creator', 'creator.id', 'webhooks.created_by').selectAll('webhooks').select('creator.username as creator_username');
}

export type WebhookFilters = { projectId?: string; limit: number; cursor?: string };

/** An enabled webhook that wants an event: where to queue it. */
export type Subscriber = { id: string; projectId: string | null };

/** Webhooks: where key events are sent. */
export class WebhookRepository extends Repository {
  async find(id: string): Promise<WebhookRowWithCreator | undefined> {
    return webhooksWithCreator(this.db).where('webhooks.id', '=', id).executeTakeFirst();
  }

  /** A page of webhooks, newest first; `projectId` keeps those of that project and the global ones. */
  async list(filters: WebhookFilters): Promise<Page<WebhookView>> {
    let base = this.db.selectFrom('webhooks');
    if (filters.projectId) {
      const projectId = filters.projectId;
      base = base.where((eb) => eb.or([eb('project_id', '=', projectId), eb('project_id', 'is', null)]));
    }
    const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    let query = webhooksWithCreator(this.db);
    if (filters.projectId) {
      const projectId = filters.projectId;
      query = query.where((eb) => eb.or([eb('webhooks.project_id', '=', projectId), eb('webhooks.project_id', 'is', null)]));
    }
    if (filters.cursor) query = query.where('webhooks.id', '<', decodeCursor('whk', filters.cursor));
    const rows = await query.orderBy('webhooks.id', 'desc').limit(filters.limit + 1).execute();
    return toPage(rows, filters.limit, Number(total.n), toWebhookView);
  }

  /**
   * The enabled webhooks subscribed to `type`. Read inside the transaction that makes the event,
   * so a webhook created or disabled at the same moment is either wholly in or wholly out.
   */
  async subscribersOf(type: WebhookEventType): Promise<Subscriber[]> {
    return subscribersAmong(await this.enabledQuery().execute(), type);
  }

  /** The enabled webhooks, as `subscribersAmong` reads them (for a caller that sends it with others). */
  enabledQuery() {
    return this.db.selectFrom('webhooks').select(['id', 'project_id', 'events']).where('enabled', '=', 1);
  }

  async insert(row: WebhookTable): Promise<void> {
    await this.db.insertInto('webhooks').values(row).execute();
  }

  async update(id: string, changes: Partial<WebhookTable>): Promise<void> {
    await this.db.updateTable('webhooks').set(changes).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('webhooks').where('id', '=', id).execute();
  }
}
