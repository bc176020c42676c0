import { newId } from '../domain/ids.ts';
import { problems } from '../domain/problem-error.ts';
import { toProjectView, type ProjectView } from '../store/projects.ts';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { deleteKeysWhere } from './keys.ts';

export async function listProjects(ctx: ServiceContext, limit: number, cursor?: string) {
  return ctx.store.projects.list(limit, cursor);
}

/** A project's key prefix when none is given: its name's letters and digits, lower-cased. */
function defaultPrefix(name: string): string {
  const letters = name.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/^[0-9]+/, '');
  return letters.length >= 2 ? letters.slice(0, 12) : 'key';
}

export async function getProject(ctx: ServiceContext, id: string): Promise<ProjectView> {
  const row = await ctx.store.projects.find(id);
  if (!row) throw problems.notFound(`No project with id ${id}.`);
  return toProjectView(row);
}

export async function createProject(ctx: ServiceContext, actor: Actor, input: { name: string; keyPrefix?: string }): Promise<ProjectView> {
  const now = ctx.clock();
  const at = new Date(now).toISOString();
  const row = { id: newId('prj', now), name: input.name, key_prefix: input.keyPrefix ?? defaultPrefix(input.name), created_at: at, updated_at: at };
  await ctx.write(async (tx) => {
    await tx.projects.insert(row);
    await recordAudit(tx, actor, { action: 'project.created', targetType: 'project', targetId: row.id, detail: { after: toProjectView(row) } }, now);
  });
  return toProjectView(row);
}

/**
 * Renames a project or changes its prefix. A new prefix applies to tokens issued from now on;
 * existing tokens keep working, since they are found by hash, not by prefix.
 */
export async function updateProject(ctx: ServiceContext, actor: Actor, id: string, input: { name?: string; keyPrefix?: string }): Promise<ProjectView> {
  const now = ctx.clock();
  return ctx.write(async (tx) => {
    const before = await tx.projects.find(id);
    if (!before) throw problems.notFound(`No project with id ${id}.`);
    const after = { ...before, updated_at: new Date(now).toISOString() };
    if (input.name !== undefined) after.name = input.name;
    if (input.keyPrefix !== undefined) after.key_prefix = input.keyPrefix;
    await tx.projects.update(id, { name: after.name, key_prefix: after.key_prefix, updated_at: after.updated_at });
    await recordAudit(tx, actor, { action: 'project.updated', targetType: 'project', targetId: id, detail: { before: toProjectView(before), after: toProjectView(after) } }, now);
    return toProjectView(after);
  });
}

/** Deletes a project; refused while it has keys unless `force`, which deletes them too. */
export async function deleteProject(ctx: ServiceContext, actor: Actor, id: string, force: boolean): Promise<void> {
  const now = ctx.clock();
  await ctx.write(async (tx) => {
    // Key creations in this project finish first (they hold it shared), so the keys deleted
    // below are all of them; later ones find no project.
    const before = await tx.projects.find(id, 'update');
    if (!before) throw problems.notFound(`No project with id ${id}.`);
    const keys = await tx.projects.countKeys(id);
    if (keys > 0 && !force) {
      throw problems.conflict(`Project "${before.name}" still has ${keys} key(s). Delete them first, or repeat with ?force=true to delete the project and its keys.`);
    }
    await deleteKeysWhere(tx, actor, 'project_id', id, now);
    await tx.projects.delete(id);
    await recordAudit(tx, actor, { action: 'project.deleted', targetType: 'project', targetId: id, detail: { before: toProjectView(before), keysDeleted: keys } }, now);
  });
  ctx.cache.clear();
}
