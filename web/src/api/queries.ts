import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { importBatches, type ImportBatchOutcome } from '../model/key-import.ts';
import { api, ApiError } from './client.ts';
import type {
  AuditQuery,
  Page,
  CreateKeyBody,
  CreateUserBody,
  GroupBody,
  ImportKeysBody,
  KeyListQuery,
  ProjectBody,
  UpdateKeyBody,
  UpdateUserBody,
  UsageQuery,
} from './types.ts';

declare module '@tanstack/react-query' {
  interface Register {
    /** `failure` titles the notification shown when the call is refused. */
    queryMeta: { failure?: string };
    mutationMeta: { failure?: string };
  }
}

/** The cache keys; a write invalidates the lists it changes. */
export const queryKeys = {
  me: ['me'] as const,
  setup: ['setup'] as const,
  projects: ['projects'] as const,
  users: ['users'] as const,
  groups: ['groups'] as const,
  keys: ['keys'] as const,
  audit: ['audit'] as const,
  usage: ['usage'] as const,
};

/**
 * Tags a page with the cursor it was fetched at: while the next page loads, the previous one
 * stays on screen (placeholder data), and its row numbers must stay those of that page.
 */
export type PageAt<T> = Page<T> & { cursor: string | undefined };
const atCursor = (cursor: string | undefined) => <T>(page: Page<T>): PageAt<T> => ({ ...page, cursor });

const invalidate = (client: QueryClient, ...keys: (readonly string[])[]) =>
  Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));

// ---- session

/**
 * Forgets the session and every cached answer. `me` turns null first, so the sign-in gate
 * replaces the console before any page renders without a session.
 */
export function forgetSession(client: QueryClient): void {
  client.setQueryData(queryKeys.me, null);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
}

export function useSetupStatus() {
  return useQuery({ queryKey: queryKeys.setup, queryFn: api.auth.setup, meta: { failure: 'Could not reach Keyward' } });
}

/** The signed-in person (null when nobody is). */
export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: api.auth.me, staleTime: 60_000, meta: { failure: 'Could not load your session' } });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.auth.login,
    meta: { failure: 'Sign-in failed' },
    onSuccess: async () => {
      client.setQueryData(queryKeys.me, await api.auth.me());
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.auth.logout,
    meta: { failure: 'Sign-out failed' },
    onSuccess: () => forgetSession(client),
  });
}

// ---- projects

export function useProjects(enabled = true) {
  return useQuery({ queryKey: [...queryKeys.projects, 'all'], queryFn: api.projects.all, enabled, meta: { failure: 'Could not load projects' } });
}

export function useProjectsPage(query: { limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...queryKeys.projects, 'page', query],
    queryFn: () => api.projects.list(query).then(atCursor(query.cursor)),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load projects' },
  });
}

export function useSaveProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ProjectBody }) => (id ? api.projects.update(id, body) : api.projects.create(body)),
    meta: { failure: 'Could not save the project' },
    onSuccess: () => invalidate(client, queryKeys.projects),
  });
}

export function useDeleteProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, force }: { id: string; force: boolean }) => api.projects.delete(id, { force }),
    meta: { failure: 'Could not delete the project' },
    onSuccess: () => invalidate(client, queryKeys.projects, queryKeys.keys),
  });
}

// ---- users

export function useUsersPage(query: { q?: string; limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...queryKeys.users, 'page', query],
    queryFn: () => api.users.list(query).then(atCursor(query.cursor)),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load users' },
  });
}

/** Every user (the audit log's actor filter). */
export function useAllUsers(enabled = true) {
  return useQuery({ queryKey: [...queryKeys.users, 'all'], queryFn: api.users.all, enabled, meta: { failure: 'Could not load users' } });
}

/** Usernames starting with or containing what was typed (the owner field's suggestions). */
export function useUserSuggestions(q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.users, 'suggest', q],
    queryFn: () => api.users.list({ q: q || undefined, limit: 10 }),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load user suggestions' },
  });
}

export function useSaveUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateUserBody | UpdateUserBody }) =>
      id ? api.users.update(id, body) : api.users.create(body as CreateUserBody),
    meta: { failure: 'Could not save the user' },
    onSuccess: () => invalidate(client, queryKeys.users, queryKeys.keys),
  });
}

export function useSetUserActive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => api.users.update(id, { active }),
    meta: { failure: 'Could not change the user' },
    onSuccess: () => invalidate(client, queryKeys.users),
  });
}

export function useDeleteUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, force }: { id: string; force: boolean }) => api.users.delete(id, { force }),
    meta: { failure: 'Could not delete the user' },
    onSuccess: () => invalidate(client, queryKeys.users, queryKeys.keys),
  });
}

// ---- groups

export function useGroups(enabled = true) {
  return useQuery({ queryKey: [...queryKeys.groups, 'all'], queryFn: api.groups.all, enabled, meta: { failure: 'Could not load permission groups' } });
}

export function useSaveGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: GroupBody }) => (id ? api.groups.update(id, body) : api.groups.create(body)),
    meta: { failure: 'Could not save the permission group' },
    onSuccess: () => invalidate(client, queryKeys.groups, queryKeys.users, queryKeys.keys),
  });
}

export function useDeleteGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.groups.delete(id),
    meta: { failure: 'Could not delete the permission group' },
    onSuccess: () => invalidate(client, queryKeys.groups, queryKeys.users, queryKeys.keys),
  });
}

// ---- keys

export function useKeysPage(query: KeyListQuery) {
  return useQuery({
    queryKey: [...queryKeys.keys, 'page', query],
    queryFn: () => api.keys.list(query).then(atCursor(query.cursor)),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load API keys' },
  });
}

export function useCreateKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateKeyBody) => api.keys.create(body),
    meta: { failure: 'Could not create the API key' },
    onSuccess: () => invalidate(client, queryKeys.keys),
  });
}

export function useUpdateKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateKeyBody }) => api.keys.update(id, body),
    meta: { failure: 'Could not change the API key' },
    onSuccess: () => invalidate(client, queryKeys.keys),
  });
}

export function useRegenerateKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, graceSeconds }: { id: string; graceSeconds: number }) => api.keys.regenerate(id, graceSeconds),
    meta: { failure: 'Could not regenerate the API key' },
    onSuccess: () => invalidate(client, queryKeys.keys),
  });
}

export function useDeleteKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.keys.delete(id),
    meta: { failure: 'Could not delete the API key' },
    onSuccess: () => invalidate(client, queryKeys.keys),
  });
}

/**
 * Imports keys from another system in calls of at most 1,000 (each all or nothing), and
 * answers every call's outcome: a refusal is a result to show row by row, not a failure.
 */
export function useImportKeys() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ projectId, keys }: ImportKeysBody): Promise<ImportBatchOutcome[]> => {
      const outcomes: ImportBatchOutcome[] = [];
      for (const batch of importBatches(keys)) {
        const where = { first: batch.first, count: batch.rows.length };
        try {
          outcomes.push({ ...where, result: await api.keys.import({ projectId, keys: batch.rows }) });
        } catch (error) {
          // An ended session, or a network failure, ends the import: that is not a row's problem.
          if (!(error instanceof ApiError) || error.endedSession) throw error;
          outcomes.push({ ...where, error });
        }
      }
      return outcomes;
    },
    meta: { failure: 'Could not import the keys' },
    onSuccess: () => invalidate(client, queryKeys.keys, queryKeys.usage),
  });
}

/** One key's verifications over time. */
export function useKeyUsage(id: string, query: UsageQuery) {
  return useQuery({
    queryKey: [...queryKeys.usage, 'key', id, query],
    queryFn: () => api.keys.usage(id, query),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load the key’s usage' },
  });
}

/** Verifications of every key the person sees, over time, with the busiest keys. */
export function useUsageOverview(query: UsageQuery & { top?: number }) {
  return useQuery({
    queryKey: [...queryKeys.usage, 'overview', query],
    queryFn: () => api.usage.overview(query),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load usage' },
  });
}

/** How many keys (that the person sees) expire before `expiresBefore` and have not yet. */
export function useExpiringKeyCount(expiresBefore: string) {
  return useQuery({
    queryKey: [...queryKeys.keys, 'expiring', expiresBefore],
    queryFn: () => api.keys.list({ expiresBefore, limit: 1 }).then((page) => page.total),
    meta: { failure: 'Could not count the keys that expire soon' },
  });
}

/** Every key matching the filters, fetched page by page, for the CSV report. */
export function useExportKeys() {
  return useMutation({
    mutationFn: (query: Omit<KeyListQuery, 'limit' | 'cursor'>) => api.keys.all(query),
    meta: { failure: 'Could not export the API keys' },
  });
}

// ---- audit

export function useAuditPage(query: AuditQuery) {
  return useQuery({
    queryKey: [...queryKeys.audit, 'page', query],
    queryFn: () => api.audit.list(query).then(atCursor(query.cursor)),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load the audit log' },
  });
}
