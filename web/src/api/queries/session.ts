import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { currentSession, keyward, signIn, signOut } from '../keyward.ts';
import { queryKeys } from '../query-keys.ts';

/**
 * Forgets the session and every cached answer. `me` turns null first, so the sign-in gate
 * replaces the console before any page renders without a session.
 */
export function forgetSession(client: QueryClient): void {
  client.setQueryData(queryKeys.me, null);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
}

export function useSetupStatus() {
  return useQuery({ queryKey: queryKeys.setup, queryFn: keyward.auth.setup, meta: { failure: 'Could not reach Keyward' } });
}

/** The signed-in person (null when nobody is). */
export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: currentSession, staleTime: 60_000, meta: { failure: 'Could not load your session' } });
}

/** Signs in; a refusal is shown by the form itself (see isUnauthenticated), not notified. */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: async () => {
      client.setQueryData(queryKeys.me, await currentSession());
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    meta: { failure: 'Sign-out failed' },
    onSuccess: () => forgetSession(client),
  });
}
