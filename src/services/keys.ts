import { newId } from '../domain/ids.ts';
import { allowlistEntryError } from '../domain/ip-allowlist.ts';
import { actingPersonOf, keyScope, mayActInNameOf, seesKey, seesPeople, type KeyFacts, type Person } from '../domain/access-policy.ts';
import { wideningChanges } from '../domain/key-changes.ts';
import { intersectGrants, unionGrants } from '../domain/permissions.ts';
import { ProblemError, problems, type ProblemFieldError } from '../domain/problem-error.ts';
import { generateToken, hashToken, tokenDisplay } from '../domain/token.ts';
import type { Db, KeyTable } from '../store/database.ts';
import {
  findKeyRow,
  keyViewOf,
  listKeys,
  setKeyGroups,
  toKeyViews,
  type KeyFilters,
  type KeyRowWithPeople,
  type KeyView,
  type RateLimitSetting,
  type RefillSetting,
} from '../store/keys.ts';
import { findProject } from '../store/projects.ts';
import { lockKeyRow, readLockFor, type ReadLock } from '../store/row-locks.ts';
import { allGroupPermissions } from '../store/groups.ts';
import { findUser, findUserByUsername, grantsOfUser } from '../store/users.ts';
import { enforce, SYSTEM_ACTOR, type Actor } from './actor.ts';
import { resolveGrantableGroups } from './groups.ts';
import { recordAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { publishKeyEvents } from './webhook-outbox.ts';

/** The editable settings of a key. */
export type KeySettings = {
  name?: string;
  description?: string;
  groupIds?: string[];
  expiresAt?: string | null;
  ipAllowlist?: string[];
  enabled?: boolean;
  meta?: Record<string, unknown>;
  ratelimit?: RateLimitSetting | null;
  remaining?: number | null;
  refill?: RefillSetting | null;
};

export type CreateKeyInput = KeySettings & { projectId: string; ownerId?: string; owner?: string };

/** A new or regenerated key with the only copy of its token. */
export type IssuedKey = { key: KeyView; token: string };

// Meta travels on every verification answer; a cap keeps that answer small.
export const MAX_META_BYTES = 4096;

function checkSettings(settings: KeySettings): void {
  const errors: ProblemFieldError[] = [];
  settings.ipAllowlist?.forEach((entry, i) => {
    const error = allowlistEntryError(entry);
    if (error) errors.push({ path: `/ipAllowlist/${i}`, message: error });
  });
  if (settings.meta !== undefined && Buffer.byteLength(JSON.stringify(settings.meta)) > MAX_META_BYTES) {
    errors.push({ path: '/meta', message: `must serialise to at most ${MAX_META_BYTES} bytes of JSON` });
  }
  if (settings.expiresAt && Number.isNaN(Date.parse(settings.expiresAt))) {
    errors.push({ path: '/expiresAt', message: 'must be an ISO 8601 date-time' });
  }
  if (errors.length > 0) throw problems.validation('Some key settings are not valid.', errors);
}

function checkRefill(remaining: number | null | undefined, refill: RefillSetting | null | undefined): void {
  if (refill && (remaining === null || remaining === undefined)) {
    throw problems.validation('A refill needs a quota: set remaining too.', [
      { path: '/refill', message: 'requires remaining' },
    ]);
  }
}

/** A person as the access policy weighs them: their role and what they hold today. */
export async function personOf(db: Db, userId: string | null): Promise<Person | null> {
  const user = userId === null ? undefined : await findUser(db, userId);
  return user ? { id: user.id, role: user.role, grants: await grantsOfUser(db, user) } : null;
}

function ownerNotFound(input: { ownerId?: string; owner?: string }): ProblemError {
  const detail = input.ownerId !== undefined ? `No user with id ${input.ownerId}` : `No user named "${input.owner}"`;
  return new ProblemError(422, 'OWNER_NOT_FOUND', `${detail}; create the user first or pick an existing one.`);
}

/**
 * The owner a new key is to have (null: none), and the policy's view of them. Someone in whose
 * name the actor may not act is, to an actor who may not read people, exactly as unknown as a
 * person who does not exist: the answer tells nothing about who exists.
 */
async function resolveOwner(db: Db, actor: Actor, input: { ownerId?: string; owner?: string }, lock?: ReadLock): Promise<{ id: string; username: string; person: Person } | null> {
  if (input.ownerId !== undefined && input.owner !== undefined) {
    throw problems.validation('Give the owner either by ownerId or by owner (username), not both.', [
      { path: '/owner', message: 'conflicts with ownerId' },
    ]);
  }
  if (input.ownerId === undefined && input.owner === undefined) return null;
  const user = input.ownerId !== undefined ? await findUser(db, input.ownerId, lock) : await findUserByUsername(db, input.owner!, lock);
  if (!user) throw ownerNotFound(input);
  const person: Person = { id: user.id, role: user.role, grants: await grantsOfUser(db, user) };
  if (!mayActInNameOf(actor, person) && !seesPeople(actor)) throw ownerNotFound(input);
  return { id: user.id, username: user.username, person };
}

/** What the access policy needs of a key. */
function factsOf(view: Pick<KeyView, 'owner' | 'createdBy' | 'permissions'>): KeyFacts {
  return { ownerId: view.owner?.id ?? null, createdBy: view.createdBy?.id ?? null, permissions: view.permissions };
}

/**
 * The key (its row and its view) if the actor may see it, else 404 with the same words as for a
 * key that does not exist. Inside a write (`lock`), its row is locked first on PostgreSQL, so
 * writes of one key run one after the other (see row-locks.ts).
 */
async function visibleKey(db: Db, actor: Actor, id: string, now: number, lock?: ServiceContext['dialect']): Promise<{ row: KeyRowWithPeople; view: KeyView }> {
  if (lock) await lockKeyRow(db, lock, id);
  const row = await findKeyRow(db, id);
  const view = row && (await toKeyViews(db, [row], now))[0]!;
  if (!row || !view || !seesKey(actor, factsOf(view))) throw problems.notFound(`No key with id ${id}.`);
  return { row, view };
}

/**
 * Throws unless the actor may give this key's token more use (regenerate, re-enable, widen):
 * they must hold all it will carry and may act in its person's name (see access-policy.ts).
 */
async function requireUse(trx: Db, actor: Actor, key: KeyFacts, doing: string): Promise<void> {
  enforce(actor, { do: 'key.use', key, actingPerson: await personOf(trx, actingPersonOf(key)), doing });
}

/**
 * The actor as the transaction finds them: the grants read when the request was authenticated
 * may be gone by now (a deactivation or a role change that answered while this request waited),
 * and a new key must never hold more than its maker holds. On PostgreSQL the person's row is held
 * shared, so such a change waits for this write or this write sees it.
 */
export async function actorAsItStands(trx: Db, dialect: ServiceContext['dialect'], actor: Actor): Promise<Actor> {
  if (actor.userId === SYSTEM_ACTOR.userId) return actor;
  const user = await findUser(trx, actor.userId, readLockFor(dialect, 'share'));
  if (!user || user.active !== 1) throw problems.forbidden('Your account was deactivated or deleted.');
  return { ...actor, role: user.role, grants: intersectGrants(actor.grants, await grantsOfUser(trx, user)) };
}

async function viewOf(ctx: ServiceContext, id: string): Promise<KeyView> {
  const row = await findKeyRow(ctx.db, id);
  if (!row) throw problems.notFound(`No key with id ${id}.`);
  const [view] = await toKeyViews(ctx.db, [row], ctx.clock());
  return view!;
}

/** The audit-safe picture of a key: every setting, never a secret. */
export function auditable(view: KeyView) {
  const { id, name, description, enabled, expiresAt, ipAllowlist, meta, ratelimit, remaining, refill, groups } = view;
  return { id, name, description, enabled, expiresAt, ipAllowlist, meta, ratelimit, remaining, refill, groupIds: groups.map((g) => g.id) };
}

/** Which keys the actor's lists and usage reports may show (see `keyScope`). */
export async function keyScopeOf(ctx: ServiceContext, actor: Actor) {
  const groups = actor.role === 'admin' ? [] : await allGroupPermissions(ctx.db);
  return keyScope(actor, () => groups);
}

export async function listVisibleKeys(ctx: ServiceContext, actor: Actor, filters: KeyFilters) {
  return listKeys(ctx.db, ctx.dialect, filters, await keyScopeOf(ctx, actor), ctx.clock());
}

export async function getKey(ctx: ServiceContext, actor: Actor, id: string): Promise<KeyView> {
  return (await visibleKey(ctx.db, actor, id, ctx.clock())).view;
}

/**
 * Issues a key: checks every reference and the no-escalation rule, stores only the hash.
 * The answer is built from what the transaction already holds: no re-read (creation speed).
 */
export async function createKey(ctx: ServiceContext, actor: Actor, input: CreateKeyInput): Promise<IssuedKey> {
  checkSettings(input);
  checkRefill(input.remaining, input.refill);
  const now = ctx.clock();
  const nowIso = new Date(now).toISOString();
  const id = newId('key', now);
  const issued = await ctx.write(async (trx) => {
    // The project and the owner may not be deleted while the key is written (a forced deletion
    // waits, then deletes this key too; one that came first leaves nothing to find here).
    const project = await findProject(trx, input.projectId, readLockFor(ctx.dialect, 'share'));
    if (!project) {
      throw new ProblemError(422, 'PROJECT_NOT_FOUND', `No project with id ${input.projectId}.`, [
        { path: '/projectId', message: 'unknown project' },
      ]);
    }
    actor = await actorAsItStands(trx, ctx.dialect, actor);
    const owner = await resolveOwner(trx, actor, input, readLockFor(ctx.dialect, 'share'));
    const groups = input.groupIds?.length ? await resolveGrantableGroups(trx, actor, input.groupIds, [], 'Giving a key these groups') : [];
    // A key acts in its owner's name: only for yourself, or (admins) for someone you out-hold.
    enforce(actor, { do: 'key.issue', permissions: unionGrants(groups.map((group) => group.permissions)), owner: owner?.person ?? null });
    const token = generateToken(project.key_prefix);
    const hash = hashToken(ctx.secret, token);
    const display = tokenDisplay(token);
    const creator = actor.userId === 'system' ? null : { id: actor.userId, username: actor.username };
    const row: KeyTable = {
      id,
      project_id: project.id,
      name: input.name ?? '',
      description: input.description ?? '',
      token_start: display.start,
      token_end: display.end,
      enabled: input.enabled === false ? 0 : 1,
      owner_id: owner?.id ?? null,
      created_by: creator?.id ?? null,
      expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
      last_used_at: null,
      ip_allowlist: JSON.stringify(input.ipAllowlist ?? []),
      meta: JSON.stringify(input.meta ?? {}),
      ratelimit: input.ratelimit ? JSON.stringify(input.ratelimit) : null,
      remaining: input.remaining ?? null,
      refill: input.refill ? JSON.stringify(input.refill) : null,
      // The refill clock starts now: the first refill is at the next day or month boundary.
      last_refill_at: input.refill ? nowIso : null,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await trx.insertInto('keys').values(row).execute();
    await trx.insertInto('key_secrets').values({ hash, key_id: id, algorithm: 'hmac-sha256', expires_at: null, created_at: nowIso }).execute();
    if (groups.length > 0) await setKeyGroups(trx, id, groups.map((group) => group.id), { replace: false });
    const view = keyViewOf({ ...row, owner_username: owner?.username ?? null, creator_username: creator?.username ?? null }, groups, now);
    await recordAudit(trx, actor, { action: 'key.created', targetType: 'key', targetId: id, detail: { after: auditable(view) } }, now);
    await publishKeyEvents(trx, 'key.created', [view], now);
    return { key: view, token };
  });
  ctx.cache.invalidateHash(ctx.tokenDigest(issued.token));
  return { key: issued.key, token: issued.token };
}

/** Changes a key's settings; takes effect on the very next verification. */
export async function updateKey(ctx: ServiceContext, actor: Actor, id: string, settings: KeySettings): Promise<KeyView> {
  checkSettings(settings);
  // "More quota than it has" is judged against the count as it stands, spends not yet written
  // behind included.
  if (settings.remaining !== undefined) await ctx.limits.flush();
  const now = ctx.clock();
  const edited = await ctx.write(async (trx) => {
    const { row, view: before } = await visibleKey(trx, actor, id, now, ctx.dialect);
    const remaining = settings.remaining !== undefined ? settings.remaining : before.remaining;
    const refill = settings.refill !== undefined ? settings.refill : before.refill;
    checkRefill(remaining, refill);
    // Taking use away needs only sight of the key; giving its token more use needs holding all
    // it will carry, in the name it acts in (see access-policy.ts).
    const widened = wideningChanges({ ...before, groupIds: before.groups.map((group) => group.id) }, settings);
    if (widened.length > 0) actor = await actorAsItStands(trx, ctx.dialect, actor);
    let permissions = before.permissions;
    if (settings.groupIds !== undefined) {
      const held = before.groups.map((group) => group.id);
      const groups = await resolveGrantableGroups(trx, actor, settings.groupIds, held, 'Giving a key these groups');
      permissions = unionGrants(groups.map((group) => group.permissions));
    }
    if (widened.length > 0) await requireUse(trx, actor, { ...factsOf(before), permissions }, `Changing ${widened.join(', ')} of this key`);
    if (settings.groupIds !== undefined) await setKeyGroups(trx, id, [...new Set(settings.groupIds)]);
    const changes: Partial<KeyTable> = { updated_at: new Date(now).toISOString() };
    if (settings.name !== undefined) changes.name = settings.name;
    if (settings.description !== undefined) changes.description = settings.description;
    if (settings.enabled !== undefined) changes.enabled = settings.enabled ? 1 : 0;
    if (settings.expiresAt !== undefined) changes.expires_at = settings.expiresAt ? new Date(settings.expiresAt).toISOString() : null;
    if (settings.ipAllowlist !== undefined) changes.ip_allowlist = JSON.stringify(settings.ipAllowlist);
    if (settings.meta !== undefined) changes.meta = JSON.stringify(settings.meta);
    if (settings.ratelimit !== undefined) changes.ratelimit = settings.ratelimit ? JSON.stringify(settings.ratelimit) : null;
    if (settings.remaining !== undefined) changes.remaining = settings.remaining;
    if (settings.refill !== undefined) {
      changes.refill = settings.refill ? JSON.stringify(settings.refill) : null;
      changes.last_refill_at = settings.refill ? changes.updated_at : null;
    }
    await trx.updateTable('keys').set(changes).where('id', '=', id).execute();
    const after = (await toKeyViews(trx, [{ ...row, ...changes }], now))[0]!;
    const action = settings.enabled === false && before.enabled ? 'key.disabled' : settings.enabled === true && !before.enabled ? 'key.enabled' : 'key.updated';
    await recordAudit(trx, actor, { action, targetType: 'key', targetId: id, detail: { before: auditable(before), after: auditable(after) } }, now);
    await publishKeyEvents(trx, action === 'key.disabled' ? 'key.disabled' : 'key.updated', [after], now);
    return { view: after, lastRefillAt: changes.last_refill_at !== undefined ? changes.last_refill_at : row.last_refill_at };
  });
  // Counters held outside the database learn of the change; a new `remaining` wins over them.
  if (settings.remaining !== undefined || settings.refill !== undefined || settings.ratelimit !== undefined) {
    await ctx.limits.keyChanged(id, settings.remaining !== undefined
      ? { remainingSet: true, remaining: edited.view.remaining, lastRefillAt: edited.lastRefillAt }
      : { remainingSet: false, ...(settings.refill !== undefined ? { lastRefillAt: edited.lastRefillAt } : {}) });
  }
  ctx.cache.invalidateKey(id);
  // Read again for counts held outside the database; a key deleted since the commit is answered
  // as this edit left it (the edit did happen).
  return viewOf(ctx, id).catch(() => edited.view);
}

/**
 * Gives a key a new token. With a grace period the old token keeps working until it ends
 * (for rolling deploys); without one it stops at once.
 */
export async function regenerateKey(ctx: ServiceContext, actor: Actor, id: string, graceSeconds: number): Promise<IssuedKey> {
  const now = ctx.clock();
  const nowIso = new Date(now).toISOString();
  const { token, view } = await ctx.write(async (trx) => {
    const { row, view: before } = await visibleKey(trx, actor, id, now, ctx.dialect);
    // A new token is a new credential: only for someone who holds all the key carries.
    await requireUse(trx, await actorAsItStands(trx, ctx.dialect, actor), factsOf(before), 'Regenerating this key');
    const project = await findProject(trx, row.project_id);
    const token = generateToken(project!.key_prefix);
    const hash = hashToken(ctx.secret, token);
    const display = tokenDisplay(token);
    if (graceSeconds > 0) {
      const graceEnd = new Date(now + graceSeconds * 1000).toISOString();
      // A token already in a shorter grace keeps its own, earlier end.
      await trx.updateTable('key_secrets').set({ expires_at: graceEnd }).where('key_id', '=', id)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', graceEnd)])).execute();
      await trx.deleteFrom('key_secrets').where('key_id', '=', id).where('expires_at', '<=', nowIso).execute();
    } else {
      await trx.deleteFrom('key_secrets').where('key_id', '=', id).execute();
    }
    await trx.insertInto('key_secrets').values({ hash, key_id: id, algorithm: 'hmac-sha256', expires_at: null, created_at: nowIso }).execute();
    await trx.updateTable('keys').set({ token_start: display.start, token_end: display.end, updated_at: nowIso }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'key.regenerated', targetType: 'key', targetId: id, detail: { graceSeconds, before: { start: row.token_start, end: row.token_end }, after: display } }, now);
    const [view] = await toKeyViews(trx, [{ ...row, token_start: display.start, token_end: display.end, updated_at: nowIso }], now);
    await publishKeyEvents(trx, 'key.updated', [view!], now);
    return { token, view: view! };
  });
  ctx.cache.invalidateKey(id);
  ctx.cache.invalidateHash(ctx.tokenDigest(token));
  // As in updateKey: a key deleted since the commit is answered as the regeneration left it.
  return { key: await viewOf(ctx, id).catch(() => view), token };
}

export async function deleteKey(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock();
  await ctx.write(async (trx) => {
    const { view: before } = await visibleKey(trx, actor, id, now, ctx.dialect);
    await trx.deleteFrom('keys').where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'key.deleted', targetType: 'key', targetId: id, detail: { before: auditable(before) } }, now);
    await publishKeyEvents(trx, 'key.deleted', [before], now);
  });
  ctx.cache.invalidateKey(id);
}

/** Deletes keys in bulk inside the caller's transaction (a forced user or project deletion). */
export async function deleteKeysWhere(trx: Db, actor: Actor, column: 'owner_id' | 'project_id', value: string, now: number): Promise<string[]> {
  const rows = await trx.selectFrom('keys').select('id').where(column, '=', value).execute();
  // Each deleted key's event carries the key as it was: read before the rows go.
  await publishKeyEvents(trx, 'key.deleted', async () => {
    const found: KeyRowWithPeople[] = [];
    for (const { id } of rows) {
      const row = await findKeyRow(trx, id);
      if (row) found.push(row);
    }
    return toKeyViews(trx, found, now);
  }, now);
  for (const { id } of rows) {
    await trx.deleteFrom('keys').where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'key.deleted', targetType: 'key', targetId: id, detail: { reason: `${column === 'owner_id' ? 'owner' : 'project'} ${value} deleted with force` } }, now);
  }
  return rows.map((row) => row.id);
}

