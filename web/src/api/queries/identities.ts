import type { IdentityCreate, IdentityListQuery, IdentityUpdate } from '@keyward/sdk';
import { useQuery } from '@tanstack/react-query';
import { keyward } from '../keyward.ts';
import { queryKeys } from '../query-keys.ts';
import { useChange, usePageQuery, useSuggestionQuery } from './resource-queries.ts';

/** A page of identities; `q` searches their external ids. */
export function useIdentitiesPage(query: IdentityListQuery & { limit: number }) {
  return usePageQuery(queryKeys.identities, query, (q) => keyward.identities.list(q), 'Could not load identities');
}

/** One identity (its own page). */
export function useIdentity(id: string) {
  return useQuery({ queryKey: [...queryKeys.identities, 'one', id], queryFn: () => keyward.identities.get(id), meta: { failure: 'Could not load the identity' } });
}

/** External ids containing what was typed (the key dialogs' identity field). */
export function useIdentitySuggestions(q: string, enabled: boolean) {
  return useSuggestionQuery(queryKeys.identities, q, (query) => keyward.identities.list(query), 'Could not load identity suggestions', enabled);
}

// Keys show their identity's external id: a renamed or deleted identity changes them too.
const AFTER_IDENTITY_CHANGE = [queryKeys.identities, queryKeys.keys];

export function useSaveIdentity() {
  return useChange(
    ({ id, body }: { id?: string; body: IdentityCreate | IdentityUpdate }) => (id ? keyward.identities.update(id, body) : keyward.identities.create(body as IdentityCreate)),
    'Could not save the identity',
    AFTER_IDENTITY_CHANGE,
  );
}

/**
 * Deletes an identity; without `force` the server refuses (409) while keys point at it. The
 * caller says why (and offers the forced delete), so no notification is shown for a refusal.
 */
export function useDeleteIdentity() {
  return useChange(({ id, force }: { id: string; force: boolean }) => keyward.identities.delete(id, { force: force || undefined }), 'Could not delete the identity', AFTER_IDENTITY_CHANGE, {
    shownInForm: true,
  });
}
