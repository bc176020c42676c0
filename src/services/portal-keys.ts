import { problems } from '../domain/problem-error.ts';
import type { KeyView } from '../store/key-views.ts';
import type { Page } from '../store/cursor.ts';
import type { ServiceContext } from './context.ts';
import { auditable } from './key-settings.ts';
import { removeKey, replaceToken, storeNewKey, type IssuedKey } from './key-writes.ts';
import { portalActor, portalKey, requirePortalGroups, type PortalScope } from './portal.ts';
import { recordAudit } from './audit.ts';
import { keyUsageReport, type UsageQuery } from './usage-reports.ts';
import { publishKeyEvents } from './webhooks/webhook-outbox.ts';

// What a customer may do in the self-service portal: the keys of their identity in the
// portal's project, and nothing else. Keys made here have no owner and no creator, so they
// can never act as management keys; they carry only groups the portal offers.

const actorOf = (scope: PortalScope) => portalActor(scope.sessionId, scope.identity.id, scope.identity.externalId);

export async function listPortalKeys(ctx: ServiceContext, scope: PortalScope, query: { limit: number; cursor?: string }): Promise<Page<KeyView>> {
  return ctx.store.keys.list({ projectId: scope.project.id, identityId: scope.identity.id, ...query }, { kind: 'all' }, ctx.clock());
}

/** A new key of the portal's identity, with groups the portal offers; its token shown once. */
export async function createPortalKey(ctx: ServiceContext, scope: PortalScope, input: { name?: string; groupIds?: string[]; expiresAt?: string | null }): Promise<IssuedKey> {
  requirePortalGroups(scope, input.groupIds ?? [], 'A group');
  if (input.expiresAt && Number.isNaN(Date.parse(input.expiresAt))) throw problems.validation('expiresAt must be an ISO 8601 date-time.', [{ path: '/expiresAt', message: 'not a date-time' }]);
  const now = ctx.clock();
  const groups = scope.groups.filter((group) => (input.groupIds ?? []).includes(group.id));
  const issued = await ctx.write(async (tx) => {
    // Project and identity held shared: a deletion of either waits, then deletes this key too.
    const project = await tx.projects.find(scope.project.id, 'share');
    const identity = await tx.identities.find(scope.identity.id, 'share');
    if (!project || !identity) throw problems.notFound('This portal no longer has a project or identity to make keys for.');
    return storeNewKey(ctx, tx, actorOf(scope), {
      project,
      settings: { name: input.name, expiresAt: input.expiresAt },
      groups,
      owner: null,
      creator: null,
      identity: { id: identity.id, externalId: identity.external_id },
    }, now);
  });
  ctx.cache.invalidateHash(ctx.tokenDigest(issued.token));
  return issued;
}

/** A new token for one of the identity's keys; the old one stops at once. */
export async function regeneratePortalKey(ctx: ServiceContext, scope: PortalScope, id: string): Promise<IssuedKey> {
  const now = ctx.clock();
  const issued = await ctx.write(async (tx) => {
    const { view, row } = await portalKey(tx, scope, id, now, { lock: true });
    requirePortalGroups(scope, view.groups.map((group) => group.id), 'Regenerating this key');
    return replaceToken(ctx, tx, actorOf(scope), row, 0, now);
  });
  ctx.cache.invalidateKey(id);
  ctx.cache.invalidateHash(ctx.tokenDigest(issued.token));
  return issued;
}

/** Renames, deactivates or re-activates one of the identity's keys. */
export async function updatePortalKey(ctx: ServiceContext, scope: PortalScope, id: string, input: { name?: string; enabled?: boolean }): Promise<KeyView> {
  const now = ctx.clock();
  const after = await ctx.write(async (tx) => {
    const { view: before, row } = await portalKey(tx, scope, id, now, { lock: true });
    if (input.enabled === true && !before.enabled) requirePortalGroups(scope, before.groups.map((group) => group.id), 'Re-activating this key');
    const changes = { updated_at: new Date(now).toISOString(), ...(input.name !== undefined ? { name: input.name } : {}), ...(input.enabled !== undefined ? { enabled: input.enabled ? 1 : 0 } : {}) };
    await tx.keys.update(id, changes);
    const [view] = await tx.keys.toViews([{ ...row, ...changes }], now);
    const action = input.enabled === false && before.enabled ? 'key.disabled' : input.enabled === true && !before.enabled ? 'key.enabled' : 'key.updated';
    await recordAudit(tx, actorOf(scope), { action, targetType: 'key', targetId: id, detail: { before: auditable(before), after: auditable(view!) } }, now);
    await publishKeyEvents(tx, action === 'key.disabled' ? 'key.disabled' : 'key.updated', [view!], now);
    return view!;
  });
  ctx.cache.invalidateKey(id);
  return after;
}

export async function deletePortalKey(ctx: ServiceContext, scope: PortalScope, id: string): Promise<void> {
  const now = ctx.clock();
  await ctx.write(async (tx) => removeKey(tx, actorOf(scope), (await portalKey(tx, scope, id, now, { lock: true })).view, now));
  ctx.cache.invalidateKey(id);
}

export async function portalKeyUsage(ctx: ServiceContext, scope: PortalScope, id: string, query: UsageQuery) {
  await portalKey(ctx.store, scope, id, ctx.clock());
  return keyUsageReport(ctx, id, query);
}
