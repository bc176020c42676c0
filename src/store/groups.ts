import { sql } from 'kysely';
import type { Db, GroupTable } from './database.ts';
import type { ReadLock } from './dialect.ts';
import { decodeCursor, toPage, type Page } from './cursor.ts';
import { Repository } from './repository.ts';

/** A permission group as the API returns it. */
export type GroupView = {
  id: string;
  name: string;
  description: string;
  permissions: string[];
  createdAt: string;
  updatedAt: string;
};

export function toGroupView(row: GroupTable): GroupView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    permissions: JSON.parse(row.permissions) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A group as those who hold it carry it: its id, name and permissions. */
export type GroupRef = { id: string; name: string; permissions: string[] };

/**
 * The groups each key (`key_groups`) or user (`user_groups`) holds, by its id, in name order:
 * one statement for any number of holders.
 */
export async function groupsOfHolders(db: Db, membership: 'key_groups' | 'user_groups', holderIds: readonly string[]): Promise<Map<string, GroupRef[]>> {
  const byHolder = new Map<string, GroupRef[]>();
  if (holderIds.length === 0) return byHolder;
  const holder = sql.ref(`m.${membership === 'key_groups' ? 'key_id' : 'user_id'}`);
  const { rows } = await sql<{ holder: string; id: string; name: string; permissions: string }>`
    SELECT ${holder} AS holder, g.id, g.name, g.permissions FROM ${sql.table(membership)} AS m
    INNER JOIN groups AS g ON g.id = m.group_id WHERE ${holder} IN (${sql.join(holderIds)}) ORDER BY g.name`.execute(db);
  for (const row of rows) {
    const list = byHolder.get(row.holder) ?? [];
    list.push({ id: row.id, name: row.name, permissions: JSON.parse(row.permissions) as string[] });
    byHolder.set(row.holder, list);
  }
  return byHolder;
}

/** Permission groups: named sets of permissions that users and keys are given. */
export class GroupRepository extends Repository {
  /** A group; inside a write, `lock` also locks its row (see Dialect.withReadLock). */
  async find(id: string, lock?: ReadLock): Promise<GroupTable | undefined> {
    return this.dialect.withReadLock(this.db.selectFrom('groups').selectAll().where('id', '=', id), lock).executeTakeFirst();
  }

  async findByName(name: string): Promise<GroupTable | undefined> {
    return this.db.selectFrom('groups').selectAll().where('name', '=', name).executeTakeFirst();
  }

  /** The groups with these ids; the caller compares lengths to find unknown ids. */
  async findMany(ids: readonly string[]): Promise<GroupTable[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('groups').selectAll().where('id', 'in', ids).execute();
  }

  async list(limit: number, cursor?: string): Promise<Page<GroupView>> {
    const total = await this.db.selectFrom('groups').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    let query = this.db.selectFrom('groups').selectAll();
    if (cursor) query = query.where('id', '<', decodeCursor('grp', cursor));
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, Number(total.n), toGroupView);
  }

  /** Every group's id and permissions (a small table: what a member's key scope is computed from). */
  async allPermissions(): Promise<{ id: string; permissions: string[] }[]> {
    const rows = await this.db.selectFrom('groups').select(['id', 'permissions']).execute();
    return rows.map((row) => ({ id: row.id, permissions: JSON.parse(row.permissions) as string[] }));
  }

  async insert(row: GroupTable): Promise<void> {
    await this.db.insertInto('groups').values(row).execute();
  }

  async update(id: string, changes: Pick<GroupTable, 'name' | 'description' | 'permissions' | 'updated_at'>): Promise<void> {
    await this.db.updateTable('groups').set(changes).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('groups').where('id', '=', id).execute();
  }
}
