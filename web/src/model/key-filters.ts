import type { KeyListQuery, KeyStatus } from '@keyward/sdk';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from './paging.ts';

/**
 * The keys list's filters; they live in the URL so a filtered view can be bookmarked and shared.
 * `expiring`: only keys that expire within EXPIRING_SOON_DAYS and have not yet.
 */
export type KeyFilters = { q: string; owner: string; status: KeyStatus | ''; projectId: string; expiring: boolean; limit: number };

/** What "expiring soon" means on the keys page. */
export const EXPIRING_SOON_DAYS = 7;

/**
 * The instant "expiring soon" ends: EXPIRING_SOON_DAYS from now, rounded up to the minute so
 * that the query (and its cache key) stays the same between renders.
 */
export function expiringSoonBefore(now: number): string {
  const minute = 60_000;
  return new Date(Math.ceil((now + EXPIRING_SOON_DAYS * 86_400_000) / minute) * minute).toISOString();
}

const STATUSES: readonly string[] = ['active', 'inactive', 'expired'];

/** Reads the filters from the URL's query string; anything unknown falls back to "no filter". */
export function filtersFromSearch(search: URLSearchParams): KeyFilters {
  const status = search.get('status') ?? '';
  const limit = Number(search.get('limit'));
  return {
    q: search.get('q') ?? '',
    owner: search.get('owner') ?? '',
    status: STATUSES.includes(status) ? (status as KeyStatus) : '',
    projectId: search.get('projectId') ?? '',
    expiring: search.get('expiring') === 'soon',
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE,
  };
}

/** The query string for the filters, leaving defaults out so URLs stay short. */
export function filtersToSearch(filters: KeyFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.q.trim()) search.set('q', filters.q.trim());
  if (filters.owner.trim()) search.set('owner', filters.owner.trim());
  if (filters.status) search.set('status', filters.status);
  if (filters.projectId) search.set('projectId', filters.projectId);
  if (filters.expiring) search.set('expiring', 'soon');
  if (filters.limit !== DEFAULT_PAGE_SIZE) search.set('limit', String(filters.limit));
  return search;
}

/** The filters as the API's query (without paging); `expiringBefore` is expiringSoonBefore's answer. */
export function filtersToQuery(filters: KeyFilters, expiringBefore: string): Omit<KeyListQuery, 'limit' | 'cursor'> {
  return {
    q: filters.q.trim() || undefined,
    owner: filters.owner.trim() || undefined,
    status: filters.status || undefined,
    projectId: filters.projectId || undefined,
    expiresBefore: filters.expiring ? expiringBefore : undefined,
  };
}

/** Whether any filter narrows the list (the empty state then says "no match" rather than "no keys"). */
export function isFiltered(filters: KeyFilters): boolean {
  return Boolean(filters.q.trim() || filters.owner.trim() || filters.status || filters.projectId || filters.expiring);
}

/** How many filters other than Search narrow the list (the phone's Filters button shows it). */
export function activeFilterCount(filters: KeyFilters): number {
  return [filters.owner.trim(), filters.status, filters.projectId, filters.expiring].filter(Boolean).length;
}

/**
 * Whether search text is a whole token pasted in rather than a name: one word of at least 20
 * characters (ours are 33 or more; imported ones vary, but are long). Such text is looked up by
 * the token's hash on the server and kept out of the URL, which browsers keep in their history.
 */
export function looksLikeToken(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= 20 && !/\s/.test(trimmed);
}
