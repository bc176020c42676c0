import type { IdentityCreate, IdentityListQuery, IdentityUpdate } from '@keyward/sdk';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keyward } from '../keyward.ts';
import { atCursor, queryKeys } from '../query-keys.ts';

/** A page of identities; `q` searches their external ids. */
export function useIdentitiesPage(query: IdentityListQuery & { limit: number }) {
  return useQuery({
    queryKey: [...queryKeys.identities, 'page', query],
    queryFn: () => keyward.identities.list(query).then(atCursor(query.cursor)),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load identities' },
  });
}

/** One identity (its own page). */
export function useIdentity(id: string) {
  return useQuery({ queryKey: [...queryKeys.identities, 'one', id], queryFn: () => keyward.identities.get(id), meta: { failure: 'Could not load the identity' } });
}

/** External ids containing what was typed (the key dialogs' identity field). */
export function useIdentitySuggestions(q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.identities, 'suggest', q],
    queryFn: () => keyward.identities.list({ q: q || undefined, limit: 10 }),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load identity suggestions' },
  });
}

// Keys show their identity's external id: a renamed or deleted identity changes them too.
const invalidateBoth = (client: ReturnType<typeof useQueryClient>) =>
  Promise.all([client.invalidateQueries({ queryKey: queryKeys.identities }), client.invalidateQueries({ queryKey: queryKeys.keys })]);

export function useSaveIdentity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: IdentityCreate | IdentityUpdate }) =>
      id ? keyward.identities.update(id, body) : keyward.identities.create(body as IdentityCreate),
    meta: { failure: 'Could not save the identity' },
    onSuccess: () => invalidateBoth(client),
  });
}

/**
 * Deletes an identity; without `force` the server refuses (409) while keys point at it. The
 * caller says why (and offers the forced delete), so no notification is shown for a refusal.
 */
export function useDeleteIdentity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, force }: { id: string; force: boolean }) => keyward.identities.delete(id, { force: force || undefined }),
    meta: { failure: 'Could not delete the identity', shownInForm: true },
    onSuccess: () => invalidateBoth(client),
  });
}
