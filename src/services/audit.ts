import { newId } from '../domain/ids.ts';
import type { AuditQuery } from '../store/audit-events.ts';
import type { Repositories } from '../store/repositories.ts';
import type { Actor } from './actor.ts';
import type { ServiceContext } from './context.ts';

export type AuditEntry = {
  action: string;
  targetType: 'project' | 'user' | 'group' | 'key' | 'session' | 'webhook' | 'identity';
  targetId: string | null;
  /** Before/after values; callers pass only non-secret fields. */
  detail?: Record<string, unknown>;
};

/** Records one change, inside the caller's transaction so it lands with the change or not at all. */
export async function recordAudit(tx: Repositories, actor: Actor, entry: AuditEntry, now: number): Promise<void> {
  const system = actor.userId === 'system';
  await tx.audit.insert({
    id: newId('evt', now),
    at: new Date(now).toISOString(),
    actor_type: system ? 'system' : actor.type,
    // A portal customer is no console user: named by its identity's external id.
    actor_id: system || actor.type === 'portal' ? null : actor.userId,
    // A key acts for a person: the event is filed under that person, naming the key.
    actor_name: actor.type === 'key' ? `${actor.username} via ${actor.keyId}` : actor.username,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId,
    key_id: entry.targetType === 'key' ? entry.targetId : null,
    detail: JSON.stringify(entry.detail ?? {}),
  });
}

/** A page of the audit log, newest first, filtered by actor, key or action. */
export async function listAudit(ctx: ServiceContext, query: AuditQuery) {
  return ctx.store.audit.list(query);
}
