import dayjs from 'dayjs';
import type { Key } from '@keyward/sdk';

/** `YYYY-MM-DD HH:mm` in the browser's time zone, as the tables show times. */
export function formatDateTime(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm');
}

/** The exact time for a tooltip: local with seconds and offset, then UTC. */
export function exactTime(iso: string): string {
  return `${dayjs(iso).format('YYYY-MM-DD HH:mm:ss Z')} (${iso})`;
}

/** A key as people tell keys apart: its start and end, never the whole token. */
export function keyDisplay(key: Pick<Key, 'start' | 'end'>): string {
  return `${key.start}…${key.end}`;
}

/** A time or "Never" (last used, expires). */
export function timeOrNever(iso: string | null): string {
  return iso ? formatDateTime(iso) : 'Never';
}

export const STATUS_LABELS = { active: 'Active', inactive: 'Inactive', expired: 'Expired' } as const;
