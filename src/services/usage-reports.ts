import { problems } from '../domain/problem-error.ts';
import type { UsageRange } from '../store/usage-counts.ts';
import type { Actor } from './actor.ts';
import type { ServiceContext } from './context.ts';
import { keyScopeOf } from './key-access.ts';
import { getKey } from './keys.ts';
import { bucket, DAY, HOUR, MINUTE, RETENTION } from '../runtime/usage/usage-analytics.ts';
import { TAGS_PER_KEY_HOUR } from '../runtime/usage/usage-tags.ts';

// Reports over the counts UsageAnalytics writes: one key's, or every key the actor sees.

export type UsageQuery = { from?: string; to?: string; granularity?: 'minute' | 'hour' };

function rangeOf(query: UsageQuery, now: number): UsageRange {
  const granularity = query.granularity ?? 'hour';
  const to = query.to ? Date.parse(query.to) : now;
  const from = query.from ? Date.parse(query.from) : to - DAY;
  if (from >= to) throw problems.validation('from must be before to.', [{ path: '/from', message: 'must be before to' }]);
  if (to - from > RETENTION[granularity]) {
    throw problems.validation(`A ${granularity} range can span at most ${RETENTION[granularity] / DAY} day(s); choose a coarser granularity or a shorter range.`, [
      { path: '/from', message: 'range too long for this granularity' },
    ]);
  }
  const size = granularity === 'minute' ? MINUTE : HOUR;
  return { granularity, from: bucket(from, size), to: new Date(to).toISOString() };
}

/** Buckets with a count per outcome, in order, each with its total. */
function toBuckets(rows: { start: string; outcome: string; count: number }[]) {
  const byStart = new Map<string, { start: string; total: number; outcomes: Record<string, number> }>();
  for (const row of rows) {
    const entry = byStart.get(row.start) ?? { start: row.start, total: 0, outcomes: {} };
    entry.outcomes[row.outcome] = (entry.outcomes[row.outcome] ?? 0) + row.count;
    entry.total += row.count;
    byStart.set(row.start, entry);
  }
  return [...byStart.values()];
}

/** One key's verifications over time (the key must be visible to the actor). */
export async function keyUsage(ctx: ServiceContext, actor: Actor, keyId: string, query: UsageQuery) {
  await getKey(ctx, actor, keyId);
  return keyUsageReport(ctx, keyId, query);
}

/** One key's verifications over time, for a caller that has already checked it may see them. */
export async function keyUsageReport(ctx: ServiceContext, keyId: string, query: UsageQuery) {
  await ctx.analytics.flushKey(keyId);
  const range = rangeOf(query, ctx.clock());
  const buckets = toBuckets(await ctx.store.usage.byBucket(range, { only: keyId }));
  return { keyId, ...range, buckets, tags: await ctx.store.usage.tagCounts(keyId, range.from, range.to, TAGS_PER_KEY_HOUR) };
}

/** Verifications of every key the actor sees, over time, and the busiest keys. */
export async function usageOverview(ctx: ServiceContext, actor: Actor, query: UsageQuery & { top?: number }) {
  await ctx.analytics.flush();
  const range = rangeOf(query, ctx.clock());
  const scope = await keyScopeOf(ctx.store, actor);
  const buckets = toBuckets(await ctx.store.usage.byBucket(range, { scope }));
  const totals: Record<string, number> = {};
  for (const entry of buckets) for (const [outcome, count] of Object.entries(entry.outcomes)) totals[outcome] = (totals[outcome] ?? 0) + count;
  return { ...range, totals, buckets, topKeys: await ctx.store.usage.topKeys(range, query.top ?? 10, scope) };
}
