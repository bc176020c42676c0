import type { KeyUsageQuery, PortalKeyCreate, PortalKeyListQuery, PortalKeyUpdate, PortalScope } from '@keyward/sdk';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { currentPortalScope, endPortalSession, portalClient, portalLinkRefusal } from '../portal.ts';
import { atCursor, queryKeys } from '../query-keys.ts';

const portalKeys = {
  session: [...queryKeys.portal, 'session'] as const,
  keys: [...queryKeys.portal, 'keys'] as const,
  usage: [...queryKeys.portal, 'usage'] as const,
};

/** The portal session of this browser: null when there is none (the page then says the link expired). */
export function usePortalScope() {
  return useQuery({ queryKey: portalKeys.session, queryFn: currentPortalScope, meta: { failure: 'Could not open your keys' } });
}

/** The session ended (a 401 to a call, or a sign-out): the page shows why, and asks nothing more. */
export function forgetPortalScope(client: QueryClient): void {
  client.setQueryData<PortalScope | null>(portalKeys.session, null);
  client.removeQueries({ queryKey: portalKeys.keys });
  client.removeQueries({ queryKey: portalKeys.usage });
}

export function usePortalKeysPage(query: PortalKeyListQuery) {
  return useQuery({
    queryKey: [...portalKeys.keys, 'page', query],
    queryFn: () => portalClient.portal.keys.list(query).then(atCursor(query.cursor)),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load your API keys' },
  });
}

export function useCreatePortalKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalKeyCreate) => portalClient.portal.keys.create(body),
    meta: { failure: 'Could not create the API key' },
    onSuccess: () => client.invalidateQueries({ queryKey: portalKeys.keys }),
  });
}

export function useUpdatePortalKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PortalKeyUpdate }) => portalClient.portal.keys.update(id, body),
    meta: { failure: 'Could not change the API key' },
    onSuccess: () => client.invalidateQueries({ queryKey: portalKeys.keys }),
  });
}

export function useRegeneratePortalKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => portalClient.portal.keys.regenerate(id),
    meta: { failure: 'Could not regenerate the API key' },
    onSuccess: () => client.invalidateQueries({ queryKey: portalKeys.keys }),
  });
}

export function useDeletePortalKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => portalClient.portal.keys.delete(id),
    meta: { failure: 'Could not delete the API key' },
    onSuccess: () => client.invalidateQueries({ queryKey: portalKeys.keys }),
  });
}

/** One of the identity's keys: its verifications over time. */
export function usePortalKeyUsage(id: string, query: KeyUsageQuery) {
  return useQuery({
    queryKey: [...portalKeys.usage, id, query],
    queryFn: () => portalClient.portal.keys.usage(id, query),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load the key’s usage' },
  });
}

/** Signs out of the portal: the cookie then opens nothing. */
export function usePortalSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: endPortalSession,
    meta: { failure: 'Could not sign out' },
    onSuccess: () => forgetPortalScope(client),
  });
}

/** Why the server refused the portal link this page was opened at. */
export function usePortalLinkRefusal(link: string) {
  return useQuery({ queryKey: [...queryKeys.portal, 'link', link], queryFn: () => portalLinkRefusal(link), staleTime: Infinity, meta: { failure: 'Could not check the link' } });
}
