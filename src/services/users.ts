import { newId } from '../domain/ids.ts';
import type { PersonWithKeys } from '../domain/access-policy.ts';
import { hashPassword } from '../domain/password.ts';
import { ProblemError, problems } from '../domain/problem-error.ts';
import type { UserTable } from '../store/database.ts';
import type { Repositories } from '../store/repositories.ts';
import { whenUnique } from '../store/unique-violation.ts';
import type { UserView } from '../store/users.ts';
import { enforce, type Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import { resolveGrantableGroups } from './groups.ts';
import type { ServiceContext } from './context.ts';
import { actorAsItStands } from './key-access.ts';
import { deleteKeysWhere } from './keys.ts';

export async function listUsers(ctx: ServiceContext, query: { q?: string; limit: number; cursor?: string }) {
  return ctx.store.users.list(query);
}

export type CreateUserInput = { username: string; password?: string; role: 'admin' | 'member'; groupIds?: string[] };
export type UpdateUserInput = { username?: string; password?: string; role?: 'admin' | 'member'; groupIds?: string[]; active?: boolean };

async function viewOf(repos: Repositories, row: UserTable): Promise<UserView> {
  return (await repos.users.toViews([row]))[0]!;
}

function usernameTaken(username: string) {
  return problems.conflict(`The username "${username}" is taken.`);
}

/** A user as the access policy weighs a target: what they hold and what their keys carry. */
async function holdingsOf(repos: Repositories, user: UserTable): Promise<PersonWithKeys> {
  return { id: user.id, role: user.role, grants: await repos.users.grantsOf(user), keyPermissions: await repos.users.permissionsOfKeysOf(user.id) };
}

/**
 * Your own password, signed in, is changed through POST /v1/auth/password, which asks for the
 * current one as a throttled password attempt: a session left open, or stolen, must not be
 * enough to lock its person out, and this route must not become a way round the throttle.
 */
function refuseOwnPasswordHere(actor: Actor, id: string, input: UpdateUserInput): void {
  if (input.password === undefined || actor.type !== 'user' || actor.userId !== id) return;
  throw new ProblemError(403, 'FORBIDDEN', 'Change your own password with POST /v1/auth/password, which asks for your current one.', [{ path: '/password', message: 'your own: use POST /v1/auth/password' }]);
}

export async function getUser(ctx: ServiceContext, id: string): Promise<UserView> {
  const row = await ctx.store.users.find(id);
  if (!row) throw problems.notFound(`No user with id ${id}.`);
  return viewOf(ctx.store, row);
}

export async function createUser(ctx: ServiceContext, actor: Actor, input: CreateUserInput): Promise<UserView> {
  if (input.role === 'admin') enforce(actor, { do: 'admin.change' });
  if (await ctx.store.users.findByUsername(input.username)) throw usernameTaken(input.username);
  const groupIds = (await resolveGrantableGroups(ctx.store, actor, input.groupIds ?? [], [], 'Giving these groups')).map((group) => group.id);
  const now = ctx.clock();
  const at = new Date(now).toISOString();
  const row: UserTable = {
    id: newId('usr', now),
    username: input.username,
    password_hash: input.password ? await hashPassword(input.password, ctx.passwordCost) : null,
    role: input.role,
    active: 1,
    created_at: at,
    updated_at: at,
  };
  await ctx.write(async (tx) => {
    await whenUnique(tx.users.insert(row), () => usernameTaken(row.username));
    await tx.users.setGroups(row.id, groupIds);
    await recordAudit(tx, actor, { action: 'user.created', targetType: 'user', targetId: row.id, detail: { after: { username: row.username, role: row.role, groupIds } } }, now);
  });
  return viewOf(ctx.store, row);
}

/**
 * Edits a user. Deactivation and a new password end the user's sessions. What the edit may
 * give (a session through a password, a comeback through re-activation, groups) is judged
 * inside the write, against the user and the actor as the transaction finds them.
 */
export async function updateUser(ctx: ServiceContext, actor: Actor, id: string, input: UpdateUserInput): Promise<UserView> {
  const found = await ctx.store.users.find(id);
  if (!found) throw problems.notFound(`No user with id ${id}.`);
  refuseOwnPasswordHere(actor, id, input);
  // Hashed before the write: scrypt must not hold the write queue.
  const passwordHash = input.password !== undefined ? await hashPassword(input.password, ctx.passwordCost) : undefined;
  const now = ctx.clock();
  const lastAdmin = () => problems.conflict('This is the last active admin; make another admin first.');
  const demotes = (user: UserTable) => user.role === 'admin' && user.active === 1 && (input.role === 'member' || input.active === false);
  await ctx.write(async (tx) => {
    // The admins' rows before this one (in one scan, so two demotions lock them in the same
    // order and cannot deadlock), then the last-admin count where no other write slips in.
    const activeAdmins = demotes(found) ? await tx.users.countActiveAdminsLocked() : undefined;
    const before = await tx.users.find(id, 'update');
    if (!before) throw problems.notFound(`No user with id ${id}.`);
    const beforeGroups = (await viewOf(tx, before)).groups.map((g) => g.id);
    const current = await actorAsItStands(tx, actor);
    // Changing an admin at all, or making one, is only for those who could make admins.
    if (input.role === 'admin' || before.role === 'admin') enforce(current, { do: 'admin.change' });
    if (input.password !== undefined) enforce(current, { do: 'user.set-password', target: await holdingsOf(tx, before) });
    if (input.active === true && before.active !== 1) enforce(current, { do: 'user.reactivate', target: await holdingsOf(tx, before) });
    if (demotes(before) && (activeAdmins ?? (await tx.users.countActiveAdminsLocked())) <= 1) throw lastAdmin();
    if (input.username !== undefined && input.username !== before.username && (await tx.users.findByUsername(input.username))) {
      throw usernameTaken(input.username);
    }
    const groupIds = input.groupIds === undefined ? undefined : (await resolveGrantableGroups(tx, current, input.groupIds, beforeGroups, 'Giving these groups')).map((group) => group.id);
    const changes: Partial<UserTable> = { updated_at: new Date(now).toISOString() };
    if (input.username !== undefined) changes.username = input.username;
    if (input.role !== undefined) changes.role = input.role;
    if (input.active !== undefined) changes.active = input.active ? 1 : 0;
    if (passwordHash !== undefined) changes.password_hash = passwordHash;
    await whenUnique(tx.users.update(id, changes), () => usernameTaken(input.username ?? before.username));
    if (groupIds !== undefined) await tx.users.setGroups(id, groupIds);
    if (input.active === false || input.password !== undefined) await tx.sessions.deleteAllOf(id);
    await recordAudit(tx, actor, {
      action: 'user.updated',
      targetType: 'user',
      targetId: id,
      detail: {
        before: { username: before.username, role: before.role, active: before.active === 1, groupIds: beforeGroups },
        after: { username: changes.username, role: changes.role, active: input.active, groupIds, passwordChanged: input.password !== undefined },
      },
    }, now);
  });
  return getUser(ctx, id);
}

/** Deletes a user; refused while the user owns keys unless `force`, which deletes them too. */
export async function deleteUser(ctx: ServiceContext, actor: Actor, id: string, force: boolean): Promise<void> {
  const before = await ctx.store.users.find(id);
  if (!before) throw problems.notFound(`No user with id ${id}.`);
  if (id === actor.userId) throw problems.conflict('You cannot delete yourself; ask another admin.');
  if (before.role === 'admin') {
    enforce(actor, { do: 'admin.change' });
    if (before.active === 1 && (await ctx.store.users.countActiveAdmins()) <= 1) throw problems.conflict('This is the last active admin.');
  }
  const ownsKeys = (owned: number) => problems.conflict(`User "${before.username}" owns ${owned} key(s). Give them to someone else or delete them first, or repeat with ?force=true to delete the user and those keys.`);
  const owned = await ctx.store.users.countKeysOwnedBy(id);
  if (owned > 0 && !force) throw ownsKeys(owned);
  const now = ctx.clock();
  await ctx.write(async (tx) => {
    // The admins' rows first (in one scan, so two deletions lock them in the same order), then
    // this one: key creations for this owner finish first (they hold the user shared), so the
    // keys counted and deleted below are all of them, and later creations find no owner.
    if (before.role === 'admin' && before.active === 1 && (await tx.users.countActiveAdminsLocked()) <= 1) throw problems.conflict('This is the last active admin.');
    if (!(await tx.users.find(id, 'update'))) throw problems.notFound(`No user with id ${id}.`);
    // Counted again: keys created since the check above must not be deleted without force.
    const ownedNow = await tx.users.countKeysOwnedBy(id);
    if (ownedNow > 0 && !force) throw ownsKeys(ownedNow);
    await deleteKeysWhere(tx, actor, 'owner_id', id, now);
    await tx.users.delete(id);
    await recordAudit(tx, actor, { action: 'user.deleted', targetType: 'user', targetId: id, detail: { before: { username: before.username, role: before.role }, keysDeleted: ownedNow } }, now);
  });
  ctx.cache.clear();
}
