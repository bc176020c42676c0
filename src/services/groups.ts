import { newId } from '../domain/ids.ts';
import { unionGrants } from '../domain/permissions.ts';
import { ProblemError, problems } from '../domain/problem-error.ts';
import { toGroupView, type GroupView } from '../store/groups.ts';
import type { Repositories } from '../store/repositories.ts';
import { whenUnique } from '../store/unique-violation.ts';
import { holds, seesGroups } from '../domain/access-policy.ts';
import { enforce, type Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';

export async function listGroups(ctx: ServiceContext, limit: number, cursor?: string) {
  return ctx.store.groups.list(limit, cursor);
}

export type GroupInput = { name: string; description?: string; permissions: string[] };

/** A group as keys and users carry it: its id, name and permissions. */
export type GroupGrant = { id: string; name: string; permissions: string[] };

/**
 * Resolves the group ids a user or key is to be given: 422 GROUP_NOT_FOUND for unknown ones,
 * and 403 unless the actor holds every permission of the groups it adds (`alreadyHeld` ones
 * were given before and may stay). Nobody hands out more than they hold. To an actor who may not
 * read groups, a group she could not hand out answers exactly as an unknown one: neither its
 * existence nor its permissions are told.
 */
export async function resolveGrantableGroups(repos: Repositories, actor: Actor, groupIds: readonly string[], alreadyHeld: readonly string[], doing: string): Promise<GroupGrant[]> {
  const unique = [...new Set(groupIds)];
  const grants = (await repos.groups.findMany(unique)).map((group) => ({ id: group.id, name: group.name, permissions: JSON.parse(group.permissions) as string[] }));
  const added = grants.filter((group) => !alreadyHeld.includes(group.id));
  const unreadable = seesGroups(actor) ? [] : added.filter((group) => !holds(actor, group.permissions)).map((group) => group.id);
  const found = new Set(grants.map((group) => group.id));
  const missing = unique.filter((id) => !found.has(id) || unreadable.includes(id));
  if (missing.length > 0) {
    throw new ProblemError(422, 'GROUP_NOT_FOUND', `No permission group with id ${missing.join(', ')}.`, [
      { path: '/groupIds', message: `unknown group ${missing[0]}` },
    ]);
  }
  enforce(actor, { do: 'permissions.grant', permissions: unionGrants(added.map((group) => group.permissions)), doing });
  return grants;
}

export async function getGroup(ctx: ServiceContext, id: string): Promise<GroupView> {
  const row = await ctx.store.groups.find(id);
  if (!row) throw problems.notFound(`No permission group with id ${id}.`);
  return toGroupView(row);
}

function nameTaken(name: string) {
  return problems.conflict(`A permission group named "${name}" already exists.`);
}

async function ensureNameFree(repos: Repositories, name: string, exceptId?: string) {
  const existing = await repos.groups.findByName(name);
  if (existing && existing.id !== exceptId) throw nameTaken(name);
}

/** Creates a group; nobody defines a group with permissions they do not hold. */
export async function createGroup(ctx: ServiceContext, actor: Actor, input: GroupInput): Promise<GroupView> {
  enforce(actor, { do: 'permissions.grant', permissions: input.permissions, doing: 'Creating this group' });
  await ensureNameFree(ctx.store, input.name);
  const now = ctx.clock();
  const at = new Date(now).toISOString();
  const row = {
    id: newId('grp', now),
    name: input.name,
    description: input.description ?? '',
    permissions: JSON.stringify([...new Set(input.permissions)].sort()),
    created_at: at,
    updated_at: at,
  };
  await ctx.write(async (tx) => {
    await whenUnique(tx.groups.insert(row), () => nameTaken(row.name));
    await recordAudit(tx, actor, { action: 'group.created', targetType: 'group', targetId: row.id, detail: { after: toGroupView(row) } }, now);
  });
  return toGroupView(row);
}

/** Edits a group. Its keys see the new permissions on their next verification. */
export async function updateGroup(ctx: ServiceContext, actor: Actor, id: string, input: Partial<GroupInput>): Promise<GroupView> {
  const now = ctx.clock();
  // Read and written in one transaction, the row locked on PostgreSQL: two edits at once (one
  // of the description, one removing a permission) must not write back each other's old values.
  const after = await ctx.write(async (tx) => {
    const before = await tx.groups.find(id, 'update');
    if (!before) throw problems.notFound(`No permission group with id ${id}.`);
    if (input.permissions) {
      const old = new Set(JSON.parse(before.permissions) as string[]);
      enforce(actor, { do: 'permissions.grant', permissions: input.permissions.filter((p) => !old.has(p)), doing: 'Adding these permissions' });
    }
    if (input.name !== undefined) await ensureNameFree(tx, input.name, id);
    const after = { ...before, updated_at: new Date(now).toISOString() };
    if (input.name !== undefined) after.name = input.name;
    if (input.description !== undefined) after.description = input.description;
    if (input.permissions !== undefined) after.permissions = JSON.stringify([...new Set(input.permissions)].sort());
    await whenUnique(
      tx.groups.update(id, { name: after.name, description: after.description, permissions: after.permissions, updated_at: after.updated_at }),
      () => nameTaken(after.name),
    );
    await recordAudit(tx, actor, { action: 'group.updated', targetType: 'group', targetId: id, detail: { before: toGroupView(before), after: toGroupView(after) } }, now);
    return after;
  });
  ctx.cache.clear();
  return toGroupView(after);
}

/** Deletes a group; its users and keys lose its permissions at once. */
export async function deleteGroup(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock();
  await ctx.write(async (tx) => {
    const before = await tx.groups.find(id, 'update');
    if (!before) throw problems.notFound(`No permission group with id ${id}.`);
    await tx.groups.delete(id);
    await recordAudit(tx, actor, { action: 'group.deleted', targetType: 'group', targetId: id, detail: { before: toGroupView(before) } }, now);
  });
  ctx.cache.clear();
}
