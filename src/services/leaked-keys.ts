import { problems } from '../domain/problem-error.ts';
import type { KeyRowWithPeople } from '../store/key-views.ts';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { findKeyByToken } from './verification.ts';
import { publishKeyEvents } from './webhooks/webhook-outbox.ts';

export type LeakReport = { disabled: { keyId: string; projectId: string }[]; alreadyDisabled: number; unknown: number };

/**
 * Deactivates every key whose token was reported leaked (by a secret-scanning program, or a
 * person who found one in a log). Holding the token is the proof, so no ownership is checked;
 * each key is disabled at once, audited as `key.leaked`, and its cache entries dropped.
 */
export async function reportLeakedTokens(ctx: ServiceContext, actor: Actor, tokens: readonly string[], source: string | undefined): Promise<LeakReport> {
  const keys = new Map<string, { keyId: string; projectId: string; enabled: boolean }>();
  let unknown = 0;
  for (const token of new Set(tokens)) {
    const key = await findKeyByToken(ctx, token);
    if (key) keys.set(key.id, { keyId: key.id, projectId: key.projectId, enabled: key.enabled });
    else unknown++;
  }
  if (keys.size === 0 && unknown === 0) throw problems.validation('Send at least one token.');
  const now = ctx.clock();
  const at = new Date(now).toISOString();
  const disabled = [...keys.values()].filter((key) => key.enabled);
  await ctx.write(async (tx) => {
    for (const key of keys.values()) {
      if (key.enabled) await tx.keys.update(key.keyId, { enabled: 0, updated_at: at });
      await recordAudit(tx, actor, { action: 'key.leaked', targetType: 'key', targetId: key.keyId, detail: { source: source ?? null, wasEnabled: key.enabled } }, now);
    }
    // The events carry each key as it is now: disabled.
    await publishKeyEvents(tx, 'key.leaked', async () => {
      const rows: KeyRowWithPeople[] = [];
      for (const key of keys.values()) {
        const row = await tx.keys.find(key.keyId);
        if (row) rows.push(row);
      }
      return tx.keys.toViews(rows, now);
    }, now, { source: source ?? null });
  });
  for (const key of keys.values()) ctx.cache.invalidateKey(key.keyId);
  return { disabled: disabled.map(({ keyId, projectId }) => ({ keyId, projectId })), alreadyDisabled: keys.size - disabled.length, unknown };
}
