import type { ProjectCreate } from '@keyward/sdk';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { collect, keyward, MAX_LIMIT } from '../keyward.ts';
import { atCursor, queryKeys } from '../query-keys.ts';

export function useProjects(enabled = true) {
  return useQuery({
    queryKey: [...queryKeys.projects, 'all'],
    queryFn: () => collect(keyward.projects.all({ limit: MAX_LIMIT })),
    enabled,
    meta: { failure: 'Could not load projects' },
  });
}

export function useProjectsPage(query: { limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...queryKeys.projects, 'page', query],
    queryFn: () => keyward.projects.list(query).then(atCursor(query.cursor)),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load projects' },
  });
}

export function useSaveProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ProjectCreate }) => (id ? keyward.projects.update(id, body) : keyward.projects.create(body)),
    meta: { failure: 'Could not save the project' },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.projects }),
  });
}

export function useDeleteProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, force }: { id: string; force: boolean }) => keyward.projects.delete(id, { force: force || undefined }),
    meta: { failure: 'Could not delete the project' },
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: queryKeys.projects }), client.invalidateQueries({ queryKey: queryKeys.keys })]),
  });
}
