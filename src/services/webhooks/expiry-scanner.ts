import { expiryWindows, type ExpiryNotice } from '../../domain/webhook-events.ts';
import type { KeyRowWithPeople } from '../../store/key-views.ts';
import type { ServiceContext } from '../context.ts';
import { publishKeyEvents } from './webhook-outbox.ts';

// Keys handled per transaction; a scan goes round until a window has no more.
const SCAN_BATCH = 200;
// A bound on one scan, so a backlog (a first scan over a big store) is worked off over a few
// ticks instead of holding one.
const MAX_BATCHES_PER_WINDOW = 20;

/** Claims the notice for each key whose expiry has not moved since it was read, and queues its event. */
async function noticeBatch(ctx: ServiceContext, notice: ExpiryNotice, candidates: { id: string; expires_at: string }[], now: number): Promise<number> {
  const nowIso = new Date(now).toISOString();
  return ctx.write(async (tx) => {
    const noticed: KeyRowWithPeople[] = [];
    for (const candidate of candidates) {
      const row = await tx.keys.find(candidate.id);
      // Deleted or given a new expiry meanwhile: the next scan sees it as it is now.
      if (!row || row.expires_at !== candidate.expires_at) continue;
      if (await tx.notices.claim(row.id, notice, candidate.expires_at, nowIso)) noticed.push(row);
    }
    if (noticed.length > 0) {
      const type = notice === 'expired' ? 'key.expired' : 'key.expiring';
      const extra = notice === 'expired' ? {} : { expiresIn: notice };
      await publishKeyEvents(tx, type, () => tx.keys.toViews(noticed, now), now, extra);
    }
    return noticed.length;
  });
}

/**
 * Queues `key.expiring` (7 days and 1 day ahead) and `key.expired` for keys whose time has
 * come by `ctx.clock()`, each once per key and expiry time, however many nodes scan at once
 * (see `ExpiryNoticeRepository.claim`). Nothing is scanned while no enabled webhook wants these events; a
 * webhook added later hears of keys from the windows they are then in. Answers how many
 * notices were queued.
 */
export async function scanExpiries(ctx: ServiceContext): Promise<number> {
  const wanted = (await ctx.store.webhooks.subscribersOf('key.expiring')).length + (await ctx.store.webhooks.subscribersOf('key.expired')).length;
  if (wanted === 0) return 0;
  const now = ctx.clock();
  let total = 0;
  for (const window of expiryWindows(now)) {
    const range = { afterIso: new Date(window.after).toISOString(), untilIso: new Date(window.until).toISOString() };
    for (let batch = 0; batch < MAX_BATCHES_PER_WINDOW; batch++) {
      const candidates = await ctx.store.notices.keysDue(window.notice, range, SCAN_BATCH);
      if (candidates.length === 0) break;
      total += await noticeBatch(ctx, window.notice, candidates, now);
      if (candidates.length < SCAN_BATCH) break;
    }
  }
  return total;
}
