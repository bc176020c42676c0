import { sql } from 'kysely';
import { withReadLock, type ReadLock } from './row-locks.ts';
import type { Db, ProjectTable } from './database.ts';
import { decodeCursor, toPage, type Page } from './cursor.ts';

/** A project as the API returns it. */
export type ProjectView = { id: string; name: string; keyPrefix: string; createdAt: string; updatedAt: string };

export function toProjectView(row: ProjectTable): ProjectView {
  return { id: row.id, name: row.name, keyPrefix: row.key_prefix, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** A project; inside a write, `lock` also locks its row (see row-locks.ts). */
export async function findProject(db: Db, id: string, lock?: ReadLock): Promise<ProjectTable | undefined> {
  return withReadLock(db.selectFrom('projects').selectAll().where('id', '=', id), lock).executeTakeFirst();
}

export async function listProjects(db: Db, limit: number, cursor?: string): Promise<Page<ProjectView>> {
  const total = await db.selectFrom('projects').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  let query = db.selectFrom('projects').selectAll();
  if (cursor) query = query.where('id', '<', decodeCursor('prj', cursor));
  const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
  return toPage(rows, limit, Number(total.n), toProjectView);
}

export async function countKeysOfProject(db: Db, projectId: string): Promise<number> {
  const row = await db
    .selectFrom('keys')
    .select(sql<number>`count(*)`.as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
