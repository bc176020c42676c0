import { newId } from '../domain/ids.ts';
import { namedLimitsError, withAutoApply, type NamedLimitSetting } from '../domain/named-limits.ts';
import { ProblemError, problems } from '../domain/problem-error.ts';
import type { IdentityTable } from '../store/database.ts';
import { toIdentityView, type IdentityView } from '../store/identities.ts';
import type { RefillSetting } from '../store/key-views.ts';
import type { Repositories } from '../store/repositories.ts';
import { whenUnique } from '../store/unique-violation.ts';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { checkRefill, MAX_META_BYTES } from './key-settings.ts';
import { deleteKeysWhere } from './keys.ts';
import { publishIdentityEvent } from './webhooks/webhook-outbox.ts';

/** The editable settings of an identity. */
export type IdentitySettings = {
  externalId?: string;
  meta?: Record<string, unknown>;
  ratelimits?: NamedLimitSetting[];
  remaining?: number | null;
  refill?: RefillSetting | null;
};

function checkIdentitySettings(settings: IdentitySettings): void {
  const errors = [];
  if (settings.meta !== undefined && Buffer.byteLength(JSON.stringify(settings.meta)) > MAX_META_BYTES) {
    errors.push({ path: '/meta', message: `must serialise to at most ${MAX_META_BYTES} bytes of JSON` });
  }
  const limitsError = settings.ratelimits && namedLimitsError(settings.ratelimits);
  if (limitsError) errors.push({ path: '/ratelimits', message: limitsError });
  if (errors.length > 0) throw problems.validation('Some identity settings are not valid.', errors);
}

function externalIdTaken(externalId: string) {
  return problems.conflict(`An identity with externalId "${externalId}" already exists.`);
}

async function existing(repos: Repositories, id: string, lock?: 'update'): Promise<IdentityTable> {
  const row = await repos.identities.find(id, lock);
  if (!row) throw problems.notFound(`No identity with id ${id}.`);
  return row;
}

async function viewOf(repos: Repositories, row: IdentityTable): Promise<IdentityView> {
  return toIdentityView(row, await repos.identities.countKeys(row.id));
}

export async function listIdentities(ctx: ServiceContext, query: { q?: string; limit: number; cursor?: string }) {
  return ctx.store.identities.list(query);
}

export async function getIdentity(ctx: ServiceContext, id: string): Promise<IdentityView> {
  return viewOf(ctx.store, await existing(ctx.store, id));
}

/** Creates an identity: one of your customers, whose keys will share its limits. */
export async function createIdentity(ctx: ServiceContext, actor: Actor, input: IdentitySettings & { externalId: string }): Promise<IdentityView> {
  checkIdentitySettings(input);
  checkRefill(input.remaining, input.refill);
  const now = ctx.clock();
  const at = new Date(now).toISOString();
  const row: IdentityTable = {
    id: newId('idt', now),
    external_id: input.externalId,
    meta: JSON.stringify(input.meta ?? {}),
    ratelimits: JSON.stringify(withAutoApply(input.ratelimits ?? [])),
    remaining: input.remaining ?? null,
    refill: input.refill ? JSON.stringify(input.refill) : null,
    // The refill clock starts now: the first refill is at the next day or month boundary.
    last_refill_at: input.refill ? at : null,
    created_at: at,
    updated_at: at,
  };
  const view = toIdentityView(row, 0);
  await ctx.write(async (tx) => {
    if (await tx.identities.findByExternalId(input.externalId)) throw externalIdTaken(input.externalId);
    await whenUnique(tx.identities.insert(row), () => externalIdTaken(input.externalId));
    await recordAudit(tx, actor, { action: 'identity.created', targetType: 'identity', targetId: row.id, detail: { after: view } }, now);
    await publishIdentityEvent(tx, 'identity.created', view, now);
  });
  return view;
}

/** Changes an identity; its keys see the change (limits, quota, meta) on their next verification. */
export async function updateIdentity(ctx: ServiceContext, actor: Actor, id: string, input: IdentitySettings): Promise<IdentityView> {
  checkIdentitySettings(input);
  if (input.remaining !== undefined) await ctx.limits.flush();
  const now = ctx.clock();
  const at = new Date(now).toISOString();
  const after = await ctx.write(async (tx) => {
    const before = await existing(tx, id, 'update');
    checkRefill(input.remaining !== undefined ? input.remaining : before.remaining, input.refill !== undefined ? input.refill : (before.refill && JSON.parse(before.refill)));
    if (input.externalId !== undefined && input.externalId !== before.external_id && (await tx.identities.findByExternalId(input.externalId))) {
      throw externalIdTaken(input.externalId);
    }
    const changes: Partial<IdentityTable> = { updated_at: at };
    if (input.externalId !== undefined) changes.external_id = input.externalId;
    if (input.meta !== undefined) changes.meta = JSON.stringify(input.meta);
    if (input.ratelimits !== undefined) changes.ratelimits = JSON.stringify(withAutoApply(input.ratelimits));
    if (input.remaining !== undefined) changes.remaining = input.remaining;
    if (input.refill !== undefined) {
      changes.refill = input.refill ? JSON.stringify(input.refill) : null;
      changes.last_refill_at = input.refill ? at : null;
    }
    await whenUnique(tx.identities.update(id, changes), () => externalIdTaken(input.externalId ?? before.external_id));
    const row = { ...before, ...changes };
    const view = await viewOf(tx, row);
    await recordAudit(tx, actor, { action: 'identity.updated', targetType: 'identity', targetId: id, detail: { before: toIdentityView(before, view.keyCount), after: view } }, now);
    await publishIdentityEvent(tx, 'identity.updated', view, now);
    return { view, lastRefillAt: row.last_refill_at };
  });
  if (input.remaining !== undefined || input.refill !== undefined) {
    await ctx.limits.identityChanged(id, input.remaining !== undefined
      ? { remainingSet: true, remaining: after.view.remaining, lastRefillAt: after.lastRefillAt }
      : { remainingSet: false, lastRefillAt: after.lastRefillAt });
  }
  // Every key of the identity carries it in its cached record.
  ctx.cache.clear();
  return after.view;
}

/** Deletes an identity; refused while it has keys unless `force`, which deletes them too. */
export async function deleteIdentity(ctx: ServiceContext, actor: Actor, id: string, force: boolean): Promise<void> {
  const now = ctx.clock();
  await ctx.write(async (tx) => {
    const before = await existing(tx, id, 'update');
    const keys = await tx.identities.countKeys(id);
    if (keys > 0 && !force) {
      throw new ProblemError(409, 'CONFLICT', `Identity "${before.external_id}" has ${keys} key(s). Delete them first, or repeat with ?force=true to delete the identity and its keys.`);
    }
    const view = toIdentityView(before, keys);
    await deleteKeysWhere(tx, actor, 'identity_id', id, now);
    await tx.identities.delete(id);
    await recordAudit(tx, actor, { action: 'identity.deleted', targetType: 'identity', targetId: id, detail: { before: view, keysDeleted: keys } }, now);
    await publishIdentityEvent(tx, 'identity.deleted', view, now);
  });
  ctx.cache.clear();
}
