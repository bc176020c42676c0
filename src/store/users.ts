import { sql } from 'kysely';
import { unionGrants } from '../domain/permissions.ts';
import type { Db, StoreDialect, UserTable } from './database.ts';
import { withReadLock, type ReadLock } from './row-locks.ts';
import { decodeCursor, likeContains, toPage, type Page } from './cursor.ts';

/** A user as the API returns it (never the password hash). */
export type UserView = {
  id: string;
  username: string;
  role: 'admin' | 'member';
  groups: { id: string; name: string }[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

/** A user; inside a write, `lock` also locks their row (see row-locks.ts). */
export async function findUser(db: Db, id: string, lock?: ReadLock): Promise<UserTable | undefined> {
  return withReadLock(db.selectFrom('users').selectAll().where('id', '=', id), lock).executeTakeFirst();
}

export async function findUserByUsername(db: Db, username: string, lock?: ReadLock): Promise<UserTable | undefined> {
  return withReadLock(db.selectFrom('users').selectAll().where('username', '=', username), lock).executeTakeFirst();
}

/** Replaces a user's password hash (the caller ends sessions as the change requires). */
export async function setPasswordHash(db: Db, id: string, passwordHash: string, at: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: at }).where('id', '=', id).execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select(sql<number>`count(*)`.as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The active admins' count inside a write, their rows locked on PostgreSQL: two demotions (or
 * deactivations, or deletions) of the last two admins at once would otherwise each see the other
 * still there and leave none. SQLite runs one write transaction at a time.
 */
export async function countActiveAdminsLocked(trx: Db, dialect: StoreDialect): Promise<number> {
  if (dialect !== 'postgres') return countActiveAdmins(trx);
  const { rows } = await sql`SELECT id FROM users WHERE role = 'admin' AND active = 1 FOR UPDATE`.execute(trx);
  return rows.length;
}

/** The groups of each user, by user id. */
async function groupsOfUsers(db: Db, userIds: readonly string[]) {
  const byUser = new Map<string, { id: string; name: string; permissions: string[] }[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('user_groups')
    .innerJoin('groups', 'groups.id', 'user_groups.group_id')
    .select(['user_groups.user_id', 'groups.id', 'groups.name', 'groups.permissions'])
    .where('user_groups.user_id', 'in', userIds)
    .orderBy('groups.name')
    .execute();
  for (const row of rows) {
    const list = byUser.get(row.user_id) ?? [];
    list.push({ id: row.id, name: row.name, permissions: JSON.parse(row.permissions) as string[] });
    byUser.set(row.user_id, list);
  }
  return byUser;
}

/** What a user holds today: everything for an admin, else the union of the user's groups. */
export async function grantsOfUser(db: Db, user: Pick<UserTable, 'id' | 'role'>): Promise<string[]> {
  if (user.role === 'admin') return ['*'];
  const groups = (await groupsOfUsers(db, [user.id])).get(user.id) ?? [];
  return unionGrants(groups.map((group) => group.permissions));
}

/**
 * Every permission the keys a user owns or created carry: whoever can sign in as the user can
 * list those keys and regenerate them, so their permissions are the user's to hand out too.
 */
export async function permissionsOfKeysOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('keys')
    .innerJoin('key_groups', 'key_groups.key_id', 'keys.id')
    .innerJoin('groups', 'groups.id', 'key_groups.group_id')
    .select('groups.permissions')
    .distinct()
    .where((eb) => eb.or([eb('keys.owner_id', '=', userId), eb('keys.created_by', '=', userId)]))
    .execute();
  return unionGrants(rows.map((row) => JSON.parse(row.permissions) as string[]));
}

export async function toUserViews(db: Db, rows: UserTable[]): Promise<UserView[]> {
  const groups = await groupsOfUsers(db, rows.map((row) => row.id));
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    role: row.role,
    groups: (groups.get(row.id) ?? []).map(({ id, name }) => ({ id, name })),
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

export async function listUsers(db: Db, query: { q?: string; limit: number; cursor?: string }): Promise<Page<UserView>> {
  let base = db.selectFrom('users');
  if (query.q) base = base.where(sql<boolean>`lower(username) like ${likeContains(query.q)} escape '\\'`);
  const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  let page = base.selectAll();
  if (query.cursor) page = page.where('id', '<', decodeCursor('usr', query.cursor));
  const rows = await page.orderBy('id', 'desc').limit(query.limit + 1).execute();
  const views = await toUserViews(db, rows.slice(0, query.limit));
  const byId = new Map(views.map((view) => [view.id, view]));
  return toPage(rows, query.limit, Number(total.n), (row) => byId.get(row.id)!);
}

export async function setUserGroups(db: Db, userId: string, groupIds: readonly string[]): Promise<void> {
  await db.deleteFrom('user_groups').where('user_id', '=', userId).execute();
  if (groupIds.length > 0) {
    await db.insertInto('user_groups').values(groupIds.map((group_id) => ({ user_id: userId, group_id }))).execute();
  }
}

export async function countKeysOwnedBy(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('keys')
    .select(sql<number>`count(*)`.as('n'))
    .where('owner_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
