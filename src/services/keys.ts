import { wideningChanges } from '../domain/key-changes.ts';
import { unionGrants } from '../domain/permissions.ts';
import type { KeyView } from '../store/key-views.ts';
import type { KeyFilters } from '../store/keys.ts';
import type { Repositories } from '../store/repositories.ts';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { resolveGrantableGroups } from './groups.ts';
import { actorAsItStands, factsOf, keyScopeOf, requireUse, resolveIdentity, visibleKey } from './key-access.ts';
import { auditable, checkRefill, checkSettings, keyColumnsOf, limitsAfter, type KeySettings } from './key-settings.ts';
import { publishKeyEvents } from './webhooks/webhook-outbox.ts';
import { removeKey, replaceToken, type IssuedKey } from './key-writes.ts';

export type { IssuedKey };

// Creation is batched (see key-creation.ts); it is part of this module's surface all the same.
export { createKey, type CreateKeyInput } from './key-creation.ts';


/**
 * The key as it is now, for answers that should show counts held outside the database; a key
 * deleted since the change committed is answered as the change left it (the change did happen).
 */
async function keyAfter(ctx: ServiceContext, id: string, asLeft: KeyView): Promise<KeyView> {
  const row = await ctx.store.keys.find(id);
  return row ? (await ctx.store.keys.toViews([row], ctx.clock()))[0]! : asLeft;
}

export async function listVisibleKeys(ctx: ServiceContext, actor: Actor, filters: KeyFilters) {
  return ctx.store.keys.list(filters, await keyScopeOf(ctx.store, actor), ctx.clock());
}

export async function getKey(ctx: ServiceContext, actor: Actor, id: string): Promise<KeyView> {
  return (await visibleKey(ctx.store, actor, id, ctx.clock())).view;
}

/** Changes a key's settings; takes effect on the very next verification. */
export async function updateKey(ctx: ServiceContext, actor: Actor, id: string, settings: KeySettings): Promise<KeyView> {
  checkSettings(settings);
  // "More quota than it has" is judged against the count as it stands, spends not yet written
  // behind included.
  if (settings.remaining !== undefined) await ctx.limits.flush();
  const now = ctx.clock();
  const edited = await ctx.write(async (tx) => {
    const { row, view: before } = await visibleKey(tx, actor, id, now, { lock: true });
    checkRefill(settings.remaining !== undefined ? settings.remaining : before.remaining, settings.refill !== undefined ? settings.refill : before.refill);
    // Taking use away needs only sight of the key; giving its token more use needs holding all
    // it will carry, in the name it acts in (see access-policy.ts).
    const identity = await resolveIdentity(tx, actor, settings, 'share');
    const widened = wideningChanges(
      { ...before, groupIds: before.groups.map((group) => group.id), identityId: before.identity?.id ?? null },
      { ...settings, ratelimits: limitsAfter(settings, before.ratelimits), identityId: identity === undefined ? undefined : identity?.id ?? null },
    );
    if (widened.length > 0) actor = await actorAsItStands(tx, actor);
    let permissions = before.permissions;
    if (settings.groupIds !== undefined) {
      const groups = await resolveGrantableGroups(tx, actor, settings.groupIds, before.groups.map((group) => group.id), 'Giving a key these groups');
      permissions = unionGrants(groups.map((group) => group.permissions));
    }
    if (widened.length > 0) await requireUse(tx, actor, { ...factsOf(before), permissions }, `Changing ${widened.join(', ')} of this key`);
    if (settings.groupIds !== undefined) await tx.keys.setGroups(id, [...new Set(settings.groupIds)]);
    const changes = keyColumnsOf(settings, new Date(now).toISOString(), before.ratelimits);
    if (identity !== undefined) changes.identity_id = identity?.id ?? null;
    await tx.keys.update(id, changes);
    const after = (await tx.keys.toViews([{ ...row, ...changes, ...(identity !== undefined ? { identity_external_id: identity?.externalId ?? null } : {}) }], now))[0]!;
    const action = settings.enabled === false && before.enabled ? 'key.disabled' : settings.enabled === true && !before.enabled ? 'key.enabled' : 'key.updated';
    await recordAudit(tx, actor, { action, targetType: 'key', targetId: id, detail: { before: auditable(before), after: auditable(after) } }, now);
    await publishKeyEvents(tx, action === 'key.disabled' ? 'key.disabled' : 'key.updated', [after], now);
    return { view: after, lastRefillAt: changes.last_refill_at !== undefined ? changes.last_refill_at : row.last_refill_at };
  });
  // Counters held outside the database learn of the change (a new `remaining` wins over them),
  // and are written, so the answer below shows them.
  if (settings.remaining !== undefined || settings.refill !== undefined || settings.ratelimit !== undefined || settings.ratelimits !== undefined) {
    await ctx.limits.keyChanged(id, settings.remaining !== undefined
      ? { remainingSet: true, remaining: edited.view.remaining, lastRefillAt: edited.lastRefillAt }
      : { remainingSet: false, ...(settings.refill !== undefined ? { lastRefillAt: edited.lastRefillAt } : {}) });
  }
  ctx.cache.invalidateKey(id);
  return keyAfter(ctx, id, edited.view);
}

/**
 * Gives a key a new token. With a grace period the old token keeps working until it ends
 * (for rolling deploys); without one it stops at once.
 */
export async function regenerateKey(ctx: ServiceContext, actor: Actor, id: string, graceSeconds: number): Promise<IssuedKey> {
  const now = ctx.clock();
  const { token, view } = await ctx.write(async (tx) => {
    const { row, view: before } = await visibleKey(tx, actor, id, now, { lock: true });
    // A new token is a new credential: only for someone who holds all the key carries.
    await requireUse(tx, await actorAsItStands(tx, actor), factsOf(before), 'Regenerating this key');
    const issued = await replaceToken(ctx, tx, actor, row, graceSeconds, now);
    return { token: issued.token, view: issued.key };
  });
  ctx.cache.invalidateKey(id);
  ctx.cache.invalidateHash(ctx.tokenDigest(token));
  return { key: await keyAfter(ctx, id, view), token };
}

export async function deleteKey(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock();
  await ctx.write(async (tx) => {
    const { view: before } = await visibleKey(tx, actor, id, now, { lock: true });
    await removeKey(tx, actor, before, now);
  });
  ctx.cache.invalidateKey(id);
}

/** Deletes keys in bulk inside the caller's transaction (a forced user, project or identity deletion). */
export async function deleteKeysWhere(tx: Repositories, actor: Actor, column: 'owner_id' | 'project_id' | 'identity_id', value: string, now: number): Promise<string[]> {
  const ids = await tx.keys.idsWhere(column, value);
  // Each deleted key's event carries the key as it was: read before the rows go.
  await publishKeyEvents(tx, 'key.deleted', async () => {
    const rows = [];
    for (const id of ids) {
      const row = await tx.keys.find(id);
      if (row) rows.push(row);
    }
    return tx.keys.toViews(rows, now);
  }, now);
  for (const id of ids) {
    await tx.keys.delete(id);
    await recordAudit(tx, actor, { action: 'key.deleted', targetType: 'key', targetId: id, detail: { reason: `${{ owner_id: 'owner', project_id: 'project', identity_id: 'identity' }[column]} ${value} deleted with force` } }, now);
  }
  return ids;
}

export type { KeySettings };
