import { sql } from 'kysely';
import type { NamedLimit } from '../domain/named-limits.ts';
import type { IdentityTable } from './database.ts';
import type { ReadLock } from './dialect.ts';
import { decodeCursor, likeContains, toPage, type Page } from './cursor.ts';
import { decodedQuota, type RefillSetting } from './key-views.ts';
import { Repository } from './repository.ts';

/** An identity as the API returns it. */
export type IdentityView = {
  id: string;
  externalId: string;
  meta: Record<string, unknown>;
  ratelimits: NamedLimit[];
  remaining: number | null;
  refill: RefillSetting | null;
  keyCount: number;
  createdAt: string;
  updatedAt: string;
};

export function toIdentityView(row: IdentityTable, keyCount: number): IdentityView {
  return {
    id: row.id,
    externalId: row.external_id,
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    ratelimits: JSON.parse(row.ratelimits) as NamedLimit[],
    ...decodedQuota(row),
    keyCount,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Identities: the customers of the teams that run Keyward, whose keys share their limits. */
export class IdentityRepository extends Repository {
  /** An identity; inside a write, `lock` also locks its row (see Dialect.withReadLock). */
  async find(id: string, lock?: ReadLock): Promise<IdentityTable | undefined> {
    return this.dialect.withReadLock(this.db.selectFrom('identities').selectAll().where('id', '=', id), lock).executeTakeFirst();
  }

  async findByExternalId(externalId: string, lock?: ReadLock): Promise<IdentityTable | undefined> {
    return this.dialect.withReadLock(this.db.selectFrom('identities').selectAll().where('external_id', '=', externalId), lock).executeTakeFirst();
  }

  /** The identities with these ids or external ids, locked in id order (see Dialect.withReadLock). */
  async findMany(ids: readonly string[], externalIds: readonly string[], lock?: ReadLock): Promise<IdentityTable[]> {
    if (ids.length === 0 && externalIds.length === 0) return [];
    const query = this.db.selectFrom('identities').selectAll().where((eb) => eb.or([
      ...(ids.length > 0 ? [eb('id', 'in', ids)] : []),
      ...(externalIds.length > 0 ? [eb('external_id', 'in', externalIds)] : []),
    ])).orderBy('id');
    return this.dialect.withReadLock(query, lock).execute();
  }

  async countKeys(id: string): Promise<number> {
    const row = await this.db.selectFrom('keys').select(sql<number>`count(*)`.as('n')).where('identity_id', '=', id).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A page of identities, newest first; `q` searches external ids. */
  async list(query: { q?: string; limit: number; cursor?: string }): Promise<Page<IdentityView>> {
    let base = this.db.selectFrom('identities');
    if (query.q) base = base.where(sql<boolean>`lower(external_id) like ${likeContains(query.q)} escape '\\'`);
    const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    let page = base.selectAll('identities').select((eb) =>
      eb.selectFrom('keys').select(sql<number>`count(*)`.as('n')).whereRef('keys.identity_id', '=', 'identities.id').as('key_count'));
    if (query.cursor) page = page.where('identities.id', '<', decodeCursor('idt', query.cursor));
    const rows = await page.orderBy('identities.id', 'desc').limit(query.limit + 1).execute();
    return toPage(rows, query.limit, Number(total.n), (row) => toIdentityView(row, Number(row.key_count ?? 0)));
  }

  async insert(row: IdentityTable): Promise<void> {
    await this.db.insertInto('identities').values(row).execute();
  }

  async update(id: string, changes: Partial<IdentityTable>): Promise<void> {
    await this.db.updateTable('identities').set(changes).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('identities').where('id', '=', id).execute();
  }
}
