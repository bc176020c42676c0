import { sql } from 'kysely';
import type { KeyScope } from '../domain/access-policy.ts';
import type { ProjectTable } from './database.ts';
import type { ReadLock } from './dialect.ts';
import { decodeCursor, toPage, type Page } from './cursor.ts';
import { keysInScope } from './keys.ts';
import { Repository } from './repository.ts';

/** A project as the API returns it. */
export type ProjectView = { id: string; name: string; keyPrefix: string; createdAt: string; updatedAt: string };

export function toProjectView(row: ProjectTable): ProjectView {
  return { id: row.id, name: row.name, keyPrefix: row.key_prefix, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** A project named without its settings: what a member may learn of the projects her keys are in. */
export type ProjectName = { id: string; name: string };

/** Projects: each names a key prefix, and its keys. */
export class ProjectRepository extends Repository {
  /** A project; inside a write, `lock` also locks its row (see Dialect.withReadLock). */
  async find(id: string, lock?: ReadLock): Promise<ProjectTable | undefined> {
    return this.dialect.withReadLock(this.db.selectFrom('projects').selectAll().where('id', '=', id), lock).executeTakeFirst();
  }

  /** The projects with these ids, locked in id order (see Dialect.withReadLock). */
  async findMany(ids: readonly string[], lock?: ReadLock): Promise<ProjectTable[]> {
    if (ids.length === 0) return [];
    return this.findManyQuery(ids, lock).execute();
  }

  /** The statement of `findMany` (some ids), for a caller that sends it with others. */
  findManyQuery(ids: readonly string[], lock?: ReadLock) {
    return this.dialect.withReadLock(this.db.selectFrom('projects').selectAll().where('id', 'in', ids).orderBy('id'), lock);
  }

  async list(limit: number, cursor?: string): Promise<Page<ProjectView>> {
    const total = await this.db.selectFrom('projects').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    let query = this.db.selectFrom('projects').selectAll();
    if (cursor) query = query.where('id', '<', decodeCursor('prj', cursor));
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, Number(total.n), toProjectView);
  }

  /**
   * The projects that hold at least one key of `scope` (every project with a key, for `all`),
   * newest first, by id and name only. A project holding none of the scope's keys is never
   * read, so a member learns no other project's name.
   */
  async listOfKeys(scope: KeyScope, limit: number, cursor?: string): Promise<Page<ProjectName>> {
    let query = this.db
      .selectFrom('projects')
      .select(['projects.id', 'projects.name'])
      .where(({ exists, selectFrom }) =>
        exists(selectFrom('keys').select(sql`1`.as('one')).whereRef('keys.project_id', '=', 'projects.id')
          .$if(scope.kind === 'own', (keys) => keys.where(keysInScope(scope as Extract<KeyScope, { kind: 'own' }>)))),
      );
    const total = await query.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    if (cursor) query = query.where('projects.id', '<', decodeCursor('prj', cursor));
    const rows = await query.orderBy('projects.id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, Number(total.n), (row) => ({ id: row.id, name: row.name }));
  }

  async countKeys(projectId: string): Promise<number> {
    const row = await this.db.selectFrom('keys').select(sql<number>`count(*)`.as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(row: ProjectTable): Promise<void> {
    await this.db.insertInto('projects').values(row).execute();
  }

  async update(id: string, changes: Pick<ProjectTable, 'name' | 'key_prefix' | 'updated_at'>): Promise<void> {
    await this.db.updateTable('projects').set(changes).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('projects').where('id', '=', id).execute();
  }
}
