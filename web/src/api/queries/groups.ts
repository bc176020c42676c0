import type { GroupCreate } from '@keyward/sdk';
import { keyward } from '../keyward.ts';
import { queryKeys } from '../query-keys.ts';
import { useChange, useEveryQuery } from './resource-queries.ts';

// A group's permissions reach its users and keys: their lists change with it.
const AFTER_GROUP_CHANGE = [queryKeys.groups, queryKeys.users, queryKeys.keys];

export function useGroups(enabled = true) {
  return useEveryQuery(queryKeys.groups, (query) => keyward.groups.all(query), 'Could not load permission groups', enabled);
}

export function useSaveGroup() {
  return useChange(
    ({ id, body }: { id?: string; body: GroupCreate }) => (id ? keyward.groups.update(id, body) : keyward.groups.create(body)),
    'Could not save the permission group',
    AFTER_GROUP_CHANGE,
  );
}

export function useDeleteGroup() {
  return useChange((id: string) => keyward.groups.delete(id), 'Could not delete the permission group', AFTER_GROUP_CHANGE);
}
