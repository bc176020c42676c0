import { sql } from 'kysely';
import { unionGrants } from '../domain/permissions.ts';
import type { UserTable } from './database.ts';
import type { ReadLock } from './dialect.ts';
import { decodeCursor, likeContains, toPage, type Page } from './cursor.ts';
import { groupsOfHolders } from './groups.ts';
import { Repository } from './repository.ts';

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

/** People who sign in to the console, their groups, and what they hold. */
export class UserRepository extends Repository {
  /** A user; inside a write, `lock` also locks their row (see Dialect.withReadLock). */
  async find(id: string, lock?: ReadLock): Promise<UserTable | undefined> {
    return this.dialect.withReadLock(this.db.selectFrom('users').selectAll().where('id', '=', id), lock).executeTakeFirst();
  }

  async findByUsername(username: string, lock?: ReadLock): Promise<UserTable | undefined> {
    return this.dialect.withReadLock(this.db.selectFrom('users').selectAll().where('username', '=', username), lock).executeTakeFirst();
  }

  /** The users with these ids or usernames, locked in id order (see Dialect.withReadLock). */
  async findMany(ids: readonly string[], usernames: readonly string[], lock?: ReadLock): Promise<UserTable[]> {
    if (ids.length === 0 && usernames.length === 0) return [];
    return this.findManyQuery(ids, usernames, lock).execute();
  }

  /** The statement of `findMany` (some ids or usernames), for a caller that sends it with others. */
  findManyQuery(ids: readonly string[], usernames: readonly string[], lock?: ReadLock) {
    const query = this.db.selectFrom('users').selectAll().where((eb) => eb.or([
      ...(ids.length > 0 ? [eb('id', 'in', ids)] : []),
      ...(usernames.length > 0 ? [eb('username', 'in', usernames)] : []),
    ])).orderBy('id');
    return this.dialect.withReadLock(query, lock);
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countActiveAdmins(): Promise<number> {
    const row = await this.db.selectFrom('users').select(sql<number>`count(*)`.as('n')).where('role', '=', 'admin').where('active', '=', 1).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The active admins' count inside a write, their rows locked where writes run side by side:
   * two demotions (or deactivations, or deletions) of the last two admins at once would
   * otherwise each see the other still there and leave none. One scan locks them all in the
   * same order, so two such writes cannot deadlock.
   */
  async countActiveAdminsLocked(): Promise<number> {
    const rows = await this.dialect.withReadLock(this.db.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', 1), 'update').execute();
    return rows.length;
  }

  /** What a user holds today: everything for an admin, else the union of the user's groups. */
  async grantsOf(user: Pick<UserTable, 'id' | 'role'>): Promise<string[]> {
    if (user.role === 'admin') return ['*'];
    const groups = (await groupsOfHolders(this.db, 'user_groups', [user.id])).get(user.id) ?? [];
    return unionGrants(groups.map((group) => group.permissions));
  }

  /** What each of these users holds today (see grantsOf), by id: one statement for any number. */
  async grantsOfMany(users: readonly Pick<UserTable, 'id' | 'role'>[]): Promise<Map<string, string[]>> {
    const members = users.filter((user) => user.role !== 'admin').map((user) => user.id);
    const groups = await groupsOfHolders(this.db, 'user_groups', members);
    return new Map(users.map((user) => [user.id, user.role === 'admin' ? ['*'] : unionGrants((groups.get(user.id) ?? []).map((group) => group.permissions))]));
  }

  /**
   * Every permission the keys a user owns or created carry: whoever can sign in as the user can
   * list those keys, so their permissions count as the user's when someone would act as them.
   */
  async permissionsOfKeysOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('keys')
      .innerJoin('key_groups', 'key_groups.key_id', 'keys.id')
      .innerJoin('groups', 'groups.id', 'key_groups.group_id')
      .select('groups.permissions')
      .distinct()
      .where((eb) => eb.or([eb('keys.owner_id', '=', userId), eb('keys.created_by', '=', userId)]))
      .execute();
    return unionGrants(rows.map((row) => JSON.parse(row.permissions) as string[]));
  }

  async toViews(rows: UserTable[]): Promise<UserView[]> {
    const groups = await groupsOfHolders(this.db, 'user_groups', rows.map((row) => row.id));
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

  async list(query: { q?: string; limit: number; cursor?: string }): Promise<Page<UserView>> {
    let base = this.db.selectFrom('users');
    if (query.q) base = base.where(sql<boolean>`lower(username) like ${likeContains(query.q)} escape '\\'`);
    const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    let page = base.selectAll();
    if (query.cursor) page = page.where('id', '<', decodeCursor('usr', query.cursor));
    const rows = await page.orderBy('id', 'desc').limit(query.limit + 1).execute();
    const views = await this.toViews(rows.slice(0, query.limit));
    const byId = new Map(views.map((view) => [view.id, view]));
    return toPage(rows, query.limit, Number(total.n), (row) => byId.get(row.id)!);
  }

  async insert(row: UserTable): Promise<void> {
    await this.db.insertInto('users').values(row).execute();
  }

  async update(id: string, changes: Partial<UserTable>): Promise<void> {
    await this.db.updateTable('users').set(changes).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('users').where('id', '=', id).execute();
  }

  async setGroups(userId: string, groupIds: readonly string[]): Promise<void> {
    await this.db.deleteFrom('user_groups').where('user_id', '=', userId).execute();
    if (groupIds.length > 0) {
      await this.db.insertInto('user_groups').values(groupIds.map((group_id) => ({ user_id: userId, group_id }))).execute();
    }
  }

  async countKeysOwnedBy(userId: string): Promise<number> {
    const row = await this.db.selectFrom('keys').select(sql<number>`count(*)`.as('n')).where('owner_id', '=', userId).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
