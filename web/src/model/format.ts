import dayjs from 'dayjs';
import type { Key } from '@keyward/sdk';

/** `YYYY-MM-DD HH:mm` in the browser's time zone, as the tables show times. */
export function formatDateTime(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm');
}

/** `YYYY-MM-DD` in the browser's time zone: a date where a table has no room for the time. */
export function formatDate(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD');
}

/** The exact time for a tooltip: local with seconds and offset, then UTC. */
export function exactTime(iso: string): string {
  return `${dayjs(iso).format('YYYY-MM-DD HH:mm:ss Z')} (${iso})`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago, as people say it ("just now", "5 min ago", "3 h ago", "2 days ago"); a date past a month. */
export function timeAgo(iso: string, now: number): string {
  const elapsed = now - Date.parse(iso);
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  if (elapsed < 30 * DAY) return `${Math.floor(elapsed / DAY)} ${elapsed < 2 * DAY ? 'day' : 'days'} ago`;
  return formatDate(iso);
}

/** The browser's time zone and its offset now, e.g. "Europe/Paris (UTC+01:00)": the zone the forms' times are in. */
export function timeZoneLabel(now: number): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `${zone} (UTC${dayjs(now).format('Z')})`;
}

// What the server shows of an imported key until its first use (the token is not known).
const IMPORTED_START = '(imported)';

/** Whether the key was imported and has not been used since (so nothing of its token is known). */
export function isUnusedImport(key: Pick<Key, 'start'>): boolean {
  return key.start === IMPORTED_START;
}

/** A key as people tell keys apart: its start and end, never the whole token (dots for an unused import). */
export function keyDisplay(key: Pick<Key, 'start' | 'end'>): string {
  return isUnusedImport(key) ? '••••…••••' : `${key.start}…${key.end}`;
}

/** A time or "Never" (last used, expires). */
export function timeOrNever(iso: string | null): string {
  return iso ? formatDateTime(iso) : 'Never';
}

export const STATUS_LABELS = { active: 'Active', inactive: 'Inactive', expired: 'Expired' } as const;
