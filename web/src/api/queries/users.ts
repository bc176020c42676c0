import type { UserCreate, UserUpdate } from '@keyward/sdk';
import { keyward } from '../keyward.ts';
import { queryKeys } from '../query-keys.ts';
import { useChange, useEveryQuery, usePageQuery, useSuggestionQuery } from './resource-queries.ts';

export function useUsersPage(query: { q?: string; limit: number; cursor?: string }) {
  return usePageQuery(queryKeys.users, query, (q) => keyward.users.list(q), 'Could not load users');
}

/** Every user (the audit log's actor filter). */
export function useAllUsers(enabled = true) {
  return useEveryQuery(queryKeys.users, (query) => keyward.users.all(query), 'Could not load users', enabled);
}

/** Usernames starting with or containing what was typed (the owner fields' suggestions). */
export function useUserSuggestions(q: string, enabled: boolean) {
  return useSuggestionQuery(queryKeys.users, q, (query) => keyward.users.list(query), 'Could not load user suggestions', enabled);
}

export function useSaveUser() {
  return useChange(
    ({ id, body }: { id?: string; body: UserCreate | UserUpdate }) => (id ? keyward.users.update(id, body) : keyward.users.create(body as UserCreate)),
    'Could not save the user',
    [queryKeys.users, queryKeys.keys],
  );
}

export function useSetUserActive() {
  return useChange(({ id, active }: { id: string; active: boolean }) => keyward.users.update(id, { active }), 'Could not change the user', [queryKeys.users]);
}

export function useDeleteUser() {
  return useChange(({ id, force }: { id: string; force: boolean }) => keyward.users.delete(id, { force: force || undefined }), 'Could not delete the user', [queryKeys.users, queryKeys.keys]);
}
