import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { notifyFailure } from '../notify.ts';
import { KeywardError } from '@keyward/sdk';
import { isUnauthenticated } from './keyward.ts';
import { queryKeys } from './query-keys.ts';

function shouldNotify(error: unknown): boolean {
  // No session: the sign-in page says so (an ended session's notice, or a refused password
  // beside the form), never a notification as well.
  return !isUnauthenticated(error);
}

/**
 * The one query client: every failed call, read or write, becomes a notification with the
 * server's message; every successful write refreshes the audit log.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (shouldNotify(error)) notifyFailure(query.meta?.failure ?? 'Could not load data', error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (shouldNotify(error) && !mutation.meta?.shownInForm) notifyFailure(mutation.meta?.failure ?? 'The change failed', error);
      },
      onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.audit }),
    }),
    defaultOptions: {
      // A refusal from the server will not change on retry; a network blip may.
      queries: { retry: (count, error) => !(error instanceof KeywardError) && count < 2 },
    },
  });
  return client;
}
