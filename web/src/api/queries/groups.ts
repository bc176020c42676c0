import type { GroupCreate } from '@keyward/sdk';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { collect, keyward, MAX_LIMIT } from '../keyward.ts';
import { queryKeys } from '../query-keys.ts';

// A group's permissions reach its users and keys: their lists change with it.
const afterGroupChange = (client: QueryClient) =>
  Promise.all([queryKeys.groups, queryKeys.users, queryKeys.keys].map((queryKey) => client.invalidateQueries({ queryKey })));

export function useGroups(enabled = true) {
  return useQuery({
    queryKey: [...queryKeys.groups, 'all'],
    queryFn: () => collect(keyward.groups.all({ limit: MAX_LIMIT })),
    enabled,
    meta: { failure: 'Could not load permission groups' },
  });
}

export function useSaveGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: GroupCreate }) => (id ? keyward.groups.update(id, body) : keyward.groups.create(body)),
    meta: { failure: 'Could not save the permission group' },
    onSuccess: () => afterGroupChange(client),
  });
}

export function useDeleteGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => keyward.groups.delete(id),
    meta: { failure: 'Could not delete the permission group' },
    onSuccess: () => afterGroupChange(client),
  });
}
