import { KeywardError, type KeyCreate, type KeyImport, type KeyListQuery, type KeyUpdate } from '@keyward/sdk';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { importBatches, type ImportBatchOutcome } from '../../model/key-import.ts';
import { collect, isUnauthenticated, keyward, MAX_LIMIT } from '../keyward.ts';
import { atCursor, queryKeys } from '../query-keys.ts';
import { useChange, usePageQuery } from './resource-queries.ts';

export function useKeysPage(query: KeyListQuery) {
  return usePageQuery(queryKeys.keys, query, (q) => keyward.keys.list(q), 'Could not load API keys');
}

export function useCreateKey() {
  return useChange((body: KeyCreate) => keyward.keys.create(body), 'Could not create the API key', [queryKeys.keys]);
}

export function useUpdateKey() {
  return useChange(({ id, body }: { id: string; body: KeyUpdate }) => keyward.keys.update(id, body), 'Could not change the API key', [queryKeys.keys]);
}

export function useRegenerateKey() {
  return useChange(({ id, graceSeconds }: { id: string; graceSeconds: number }) => keyward.keys.regenerate(id, { graceSeconds }), 'Could not regenerate the API key', [queryKeys.keys]);
}

export function useDeleteKey() {
  return useChange((id: string) => keyward.keys.delete(id), 'Could not delete the API key', [queryKeys.keys]);
}

/**
 * Imports keys from another system in calls of at most 1,000 (each all or nothing), and
 * answers every call's outcome: a refusal is a result to show row by row, not a failure.
 */
export function useImportKeys() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ projectId, keys }: KeyImport): Promise<ImportBatchOutcome[]> => {
      const outcomes: ImportBatchOutcome[] = [];
      for (const batch of importBatches(keys)) {
        const where = { first: batch.first, count: batch.rows.length };
        try {
          outcomes.push({ ...where, result: await keyward.keys.import({ projectId, keys: batch.rows }) });
        } catch (error) {
          // An ended session, or a network failure, ends the import: that is not a row's problem.
          if (!(error instanceof KeywardError) || isUnauthenticated(error)) throw error;
          outcomes.push({ ...where, error });
        }
      }
      return outcomes;
    },
    meta: { failure: 'Could not import the keys' },
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: queryKeys.keys }), client.invalidateQueries({ queryKey: queryKeys.usage })]),
  });
}

/** How many keys (that the person sees) expire before `expiresBefore` and have not yet. */
export function useExpiringKeyCount(expiresBefore: string) {
  return useQuery({
    queryKey: [...queryKeys.keys, 'expiring', expiresBefore],
    queryFn: () => keyward.keys.list({ expiresBefore, limit: 1 }).then((page) => page.total),
    meta: { failure: 'Could not count the keys that expire soon' },
  });
}

/** Every key matching the filters, fetched page by page, for the CSV report. */
export function useExportKeys() {
  return useMutation({
    mutationFn: (query: Omit<KeyListQuery, 'limit' | 'cursor'>) => collect(keyward.keys.all({ ...query, limit: MAX_LIMIT })),
    meta: { failure: 'Could not export the API keys' },
  });
}

/** One key (its own page). */
export function useKey(id: string) {
  return useQuery({ queryKey: [...queryKeys.keys, 'one', id], queryFn: () => keyward.keys.get(id), meta: { failure: 'Could not load the API key' } });
}

/**
 * A key's recent verifications, a page at a time; asked again every second while shown, so a
 * verification made a moment ago appears (the server writes pending ones before answering).
 */
export function useKeyVerifications(id: string, query: { limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...queryKeys.usage, 'verifications', id, query],
    queryFn: () => keyward.keys.verifications(id, query).then(atCursor(query.cursor)),
    placeholderData: keepPreviousData,
    refetchInterval: query.cursor ? false : 1000,
    meta: { failure: 'Could not load the key’s verifications' },
  });
}

/**
 * The key a pasted token belongs to (null: none the person may see). The token goes in a POST
 * body, never in a URL; the answer is not kept once the search changes (gcTime 0).
 */
export function useKeyByToken(token: string | undefined) {
  return useQuery({
    queryKey: [...queryKeys.keys, 'by-token', token],
    queryFn: () => keyward.keys.findByToken(token!),
    enabled: Boolean(token),
    gcTime: 0,
    meta: { failure: 'Could not look the token up' },
  });
}

/**
 * The names of the projects the person's keys are in, for someone who may not list projects
 * (a member): GET /v1/keys/projects needs keys.read only.
 */
export function useKeyProjectNames(enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.keys, 'projects'],
    queryFn: async () => {
      const names: { id: string; name: string }[] = [];
      let cursor: string | undefined;
      do {
        const page = await keyward.keys.projects({ limit: MAX_LIMIT, cursor });
        names.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return names;
    },
    enabled,
    meta: { failure: 'Could not load the names of your keys’ projects' },
  });
}
