import type { UserCreate, UserUpdate } from '@keyward/sdk';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { collect, keyward, MAX_LIMIT } from '../keyward.ts';
import { atCursor, queryKeys } from '../query-keys.ts';

export function useUsersPage(query: { q?: string; limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...queryKeys.users, 'page', query],
    queryFn: () => keyward.users.list(query).then(atCursor(query.cursor)),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load users' },
  });
}

/** Every user (the audit log's actor filter). */
export function useAllUsers(enabled = true) {
  return useQuery({
    queryKey: [...queryKeys.users, 'all'],
    queryFn: () => collect(keyward.users.all({ limit: MAX_LIMIT })),
    enabled,
    meta: { failure: 'Could not load users' },
  });
}

/** Usernames starting with or containing what was typed (the owner fields' suggestions). */
export function useUserSuggestions(q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.users, 'suggest', q],
    queryFn: () => keyward.users.list({ q: q || undefined, limit: 10 }),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load user suggestions' },
  });
}

export function useSaveUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: UserCreate | UserUpdate }) =>
      id ? keyward.users.update(id, body) : keyward.users.create(body as UserCreate),
    meta: { failure: 'Could not save the user' },
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: queryKeys.users }), client.invalidateQueries({ queryKey: queryKeys.keys })]),
  });
}

export function useSetUserActive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => keyward.users.update(id, { active }),
    meta: { failure: 'Could not change the user' },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useDeleteUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, force }: { id: string; force: boolean }) => keyward.users.delete(id, { force: force || undefined }),
    meta: { failure: 'Could not delete the user' },
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: queryKeys.users }), client.invalidateQueries({ queryKey: queryKeys.keys })]),
  });
}
