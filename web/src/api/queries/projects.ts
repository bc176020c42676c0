import type { ProjectCreate } from '@keyward/sdk';
import { keyward } from '../keyward.ts';
import { queryKeys } from '../query-keys.ts';
import { useChange, useEveryQuery, usePageQuery } from './resource-queries.ts';

export function useProjects(enabled = true) {
  return useEveryQuery(queryKeys.projects, (query) => keyward.projects.all(query), 'Could not load projects', enabled);
}

export function useProjectsPage(query: { limit: number; cursor?: string }) {
  return usePageQuery(queryKeys.projects, query, (q) => keyward.projects.list(q), 'Could not load projects');
}

export function useSaveProject() {
  return useChange(
    ({ id, body }: { id?: string; body: ProjectCreate }) => (id ? keyward.projects.update(id, body) : keyward.projects.create(body)),
    'Could not save the project',
    [queryKeys.projects],
  );
}

export function useDeleteProject() {
  return useChange(({ id, force }: { id: string; force: boolean }) => keyward.projects.delete(id, { force: force || undefined }), 'Could not delete the project', [queryKeys.projects, queryKeys.keys]);
}
