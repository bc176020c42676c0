import { newId } from '../domain/ids.ts';
import { generateToken, hashToken, tokenDisplay } from '../domain/token.ts';
import type { KeyTable, ProjectTable } from '../store/database.ts';
import { keyViewOf, type KeyGroupRef, type KeyRowWithPeople, type KeyView } from '../store/key-views.ts';
import type { Repositories } from '../store/repositories.ts';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { auditable, keyColumnsOf, newKeySettings, type KeySettings } from './key-settings.ts';
import { publishKeyEvents } from './webhooks/webhook-outbox.ts';

// The writes a key's life is made of, once whoever asks (the management API, the portal) has
// been allowed: each stores, audits and queues its event in the caller's transaction.

/** A new or regenerated key with the only copy of its token. */
export type IssuedKey = { key: KeyView; token: string };

type Person = { id: string; username: string };

/** Stores a new key (only its token's keyed hash) and answers it with its one token. */
export async function storeNewKey(ctx: ServiceContext, tx: Repositories, actor: Actor, key: {
  project: ProjectTable;
  settings: KeySettings;
  groups: readonly KeyGroupRef[];
  owner: Person | null;
  creator: Person | null;
  identity: { id: string; externalId: string } | null;
}, now: number): Promise<IssuedKey> {
  const nowIso = new Date(now).toISOString();
  const id = newId('key', now);
  const token = generateToken(key.project.key_prefix);
  const display = tokenDisplay(token);
  const row = {
    ...(keyColumnsOf(newKeySettings(key.settings), nowIso) as Omit<KeyTable, 'id'>),
    id,
    project_id: key.project.id,
    token_start: display.start,
    token_end: display.end,
    owner_id: key.owner?.id ?? null,
    created_by: key.creator?.id ?? null,
    identity_id: key.identity?.id ?? null,
    last_used_at: null,
    created_at: nowIso,
  };
  await tx.keys.insert(row);
  await tx.secrets.insert(id, hashToken(ctx.secret, token), nowIso);
  if (key.groups.length > 0) await tx.keys.setGroups(id, key.groups.map((group) => group.id), { replace: false });
  const view = keyViewOf({ ...row, owner_username: key.owner?.username ?? null, creator_username: key.creator?.username ?? null, identity_external_id: key.identity?.externalId ?? null }, key.groups, now);
  await recordAudit(tx, actor, { action: 'key.created', targetType: 'key', targetId: id, detail: { after: auditable(view) } }, now);
  await publishKeyEvents(tx, 'key.created', [view], now);
  return { key: view, token };
}

/**
 * Gives a key a new token. With a grace period the old token keeps working until it ends
 * (for rolling deploys); without one it stops at once.
 */
export async function replaceToken(ctx: ServiceContext, tx: Repositories, actor: Actor, row: KeyRowWithPeople, graceSeconds: number, now: number): Promise<IssuedKey> {
  const nowIso = new Date(now).toISOString();
  const project = await tx.projects.find(row.project_id);
  const token = generateToken(project!.key_prefix);
  const display = tokenDisplay(token);
  if (graceSeconds > 0) await tx.secrets.endAfterGrace(row.id, new Date(now + graceSeconds * 1000).toISOString(), nowIso);
  else await tx.secrets.deleteAllOf(row.id);
  await tx.secrets.insert(row.id, hashToken(ctx.secret, token), nowIso);
  await tx.keys.update(row.id, { token_start: display.start, token_end: display.end, updated_at: nowIso });
  await recordAudit(tx, actor, { action: 'key.regenerated', targetType: 'key', targetId: row.id, detail: { graceSeconds, before: { start: row.token_start, end: row.token_end }, after: display } }, now);
  const [view] = await tx.keys.toViews([{ ...row, token_start: display.start, token_end: display.end, updated_at: nowIso }], now);
  await publishKeyEvents(tx, 'key.updated', [view!], now);
  return { key: view!, token };
}

/** Deletes a key; its event carries it as it was. */
export async function removeKey(tx: Repositories, actor: Actor, before: KeyView, now: number): Promise<void> {
  await tx.keys.delete(before.id);
  await recordAudit(tx, actor, { action: 'key.deleted', targetType: 'key', targetId: before.id, detail: { before: auditable(before) } }, now);
  await publishKeyEvents(tx, 'key.deleted', [before], now);
}
