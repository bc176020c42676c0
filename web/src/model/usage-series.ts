import dayjs from 'dayjs';
import type { KeyUsage, UsageBucket, UsageGranularity, KeyUsageQuery } from '@keyward/sdk';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The periods the usage charts offer; the server keeps minutes a day and hours 90 days. */
export const USAGE_RANGES = [
  { value: '1h', label: 'Hour', granularity: 'minute', span: HOUR },
  { value: '24h', label: '24 hours', granularity: 'hour', span: DAY },
  { value: '7d', label: '7 days', granularity: 'hour', span: 7 * DAY },
  { value: '30d', label: '30 days', granularity: 'hour', span: 30 * DAY },
] as const satisfies readonly { value: string; label: string; granularity: UsageGranularity; span: number }[];

export type UsageRange = (typeof USAGE_RANGES)[number]['value'];

/**
 * The usage query for a period ending now. `from` is rounded down to the minute so the query
 * (and its cache key) stays the same between renders; the server takes `to` as its now.
 */
export function usageQuery(range: UsageRange, now: number): KeyUsageQuery {
  const { granularity, span } = USAGE_RANGES.find((candidate) => candidate.value === range) ?? USAGE_RANGES[1];
  return { granularity, from: new Date(Math.floor((now - span) / MINUTE) * MINUTE).toISOString() };
}

/** Verification codes in the order the charts stack them, each with its colour. */
export const OUTCOME_COLORS: Record<string, string> = {
  VALID: 'teal.6',
  RATE_LIMITED: 'orange.6',
  USAGE_EXCEEDED: 'yellow.6',
  INSUFFICIENT_PERMISSIONS: 'pink.6',
  IP_NOT_ALLOWED: 'red.6',
  EXPIRED: 'grape.6',
  DISABLED: 'gray.6',
  NOT_FOUND: 'dark.4',
};

/** The codes that occur in the buckets, VALID first, then in OUTCOME_COLORS order. */
export function outcomesOf(buckets: readonly UsageBucket[]): string[] {
  const seen = new Set(buckets.flatMap((bucket) => Object.keys(bucket.outcomes)));
  const known = Object.keys(OUTCOME_COLORS).filter((code) => seen.has(code));
  return [...known, ...[...seen].filter((code) => !(code in OUTCOME_COLORS)).sort()];
}

/**
 * One chart point per bucket from `from` to `to`, zeros where nothing was verified (the server
 * answers only buckets with counts), labelled in the browser's time zone.
 */
export function chartPoints(usage: Pick<KeyUsage, 'granularity' | 'from' | 'to' | 'buckets'>): Record<string, string | number>[] {
  const size = usage.granularity === 'minute' ? MINUTE : HOUR;
  const byStart = new Map(usage.buckets.map((bucket) => [Date.parse(bucket.start), bucket]));
  const codes = outcomesOf(usage.buckets);
  const points: Record<string, string | number>[] = [];
  const format = usage.granularity === 'minute' ? 'HH:mm' : 'MM-DD HH:00';
  for (let start = Date.parse(usage.from); start < Date.parse(usage.to); start += size) {
    const bucket = byStart.get(start);
    const point: Record<string, string | number> = { time: dayjs(start).format(format) };
    for (const code of codes) point[code] = bucket?.outcomes[code] ?? 0;
    points.push(point);
  }
  return points;
}

/** Totals per code over all buckets. */
export function outcomeTotals(buckets: readonly UsageBucket[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const bucket of buckets) for (const [code, count] of Object.entries(bucket.outcomes)) totals[code] = (totals[code] ?? 0) + count;
  return totals;
}

/** "1,234 verifications: 1,200 VALID, 34 RATE_LIMITED", for the text beside a chart. */
export function usageSummary(totals: Record<string, number>): string {
  const codes = Object.keys(totals);
  const all = codes.reduce((sum, code) => sum + (totals[code] ?? 0), 0);
  const word = all === 1 ? 'verification' : 'verifications';
  if (all === 0) return 'No verifications in this period.';
  const ordered = [...Object.keys(OUTCOME_COLORS).filter((code) => code in totals), ...codes.filter((code) => !(code in OUTCOME_COLORS))];
  return `${all.toLocaleString('en')} ${word}: ${ordered.map((code) => `${(totals[code] ?? 0).toLocaleString('en')} ${code}`).join(', ')}.`;
}
