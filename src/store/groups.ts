import { sql } from 'kysely';
import type { Db, GroupTable } from './database.ts';
import { withReadLock, type ReadLock } from './row-locks.ts';
import { decodeCursor, toPage, type Page } from './cursor.ts';

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

/** A group; inside a write, `lock` also locks its row (see row-locks.ts). */
export async function findGroup(db: Db, id: string, lock?: ReadLock): Promise<GroupTable | undefined> {
  return withReadLock(db.selectFrom('groups').selectAll().where('id', '=', id), lock).executeTakeFirst();
}

export async function findGroupByName(db: Db, name: string): Promise<GroupTable | undefined> {
  return db.selectFrom('groups').selectAll().where('name', '=', name).executeTakeFirst();
}

/** The groups with these ids; the caller compares lengths to find unknown ids. */
export async function findGroups(db: Db, ids: readonly string[]): Promise<GroupTable[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('groups').selectAll().where('id', 'in', ids).execute();
}

export async function listGroups(db: Db, limit: number, cursor?: string): Promise<Page<GroupView>> {
  const total = await db.selectFrom('groups').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  let query = db.selectFrom('groups').selectAll();
  if (cursor) query = query.where('id', '<', decodeCursor('grp', cursor));
  const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
  return toPage(rows, limit, Number(total.n), toGroupView);
}

/** Every group's id and permissions (a small table: what a member's key scope is computed from). */
export async function allGroupPermissions(db: Db): Promise<{ id: string; permissions: string[] }[]> {
  const rows = await db.selectFrom('groups').select(['id', 'permissions']).execute();
  return rows.map((row) => ({ id: row.id, permissions: JSON.parse(row.permissions) as string[] }));
}
