import type { Page } from '@keyward/sdk';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { collect, MAX_LIMIT } from '../keyward.ts';
import { atCursor } from '../query-keys.ts';

/**
 * One page of a resource's list under `key`, the cursor it was asked at kept on the answer, and
 * the previous page shown while the next one loads.
 *
 * @example usePageQuery(queryKeys.users, query, (q) => keyward.users.list(q), 'Could not load users')
 */
export function usePageQuery<Query extends { cursor?: string }, Item>(key: QueryKey, query: Query, list: (query: Query) => Promise<Page<Item>>, failure: string) {
  return useQuery({
    queryKey: [...key, 'page', query],
    queryFn: () => list(query).then(atCursor(query.cursor)),
    placeholderData: keepPreviousData,
    meta: { failure },
  });
}

/** Every item of a resource's list, walking its pages (for the selects and filters that offer them all). */
export function useEveryQuery<Item>(key: QueryKey, all: (query: { limit: number }) => AsyncIterable<Item>, failure: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'all'],
    queryFn: () => collect(all({ limit: MAX_LIMIT })),
    enabled,
    meta: { failure },
  });
}

/** The first ten items matching what was typed (a field's suggestions), kept while the next ones load. */
export function useSuggestionQuery<Item>(key: QueryKey, q: string, list: (query: { q?: string; limit: number }) => Promise<Page<Item>>, failure: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'suggest', q],
    queryFn: () => list({ q: q || undefined, limit: 10 }),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
    meta: { failure },
  });
}

/**
 * A change made through the API; once it succeeds, the queries under each of `stale` are read
 * again. `shownInForm`: the caller says what a refusal means, so no notification is shown.
 */
export function useChange<Variables, Answer>(change: (variables: Variables) => Promise<Answer>, failure: string, stale: QueryKey[], options: { shownInForm?: boolean } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    meta: { failure, ...(options.shownInForm ? { shownInForm: true } : {}) },
    onSuccess: () => Promise.all(stale.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}
