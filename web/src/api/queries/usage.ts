import type { KeyUsageQuery, UsageOverviewQuery } from '@keyward/sdk';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { keyward } from '../keyward.ts';
import { queryKeys } from '../query-keys.ts';

/** One key's verifications over time. */
export function useKeyUsage(id: string, query: KeyUsageQuery) {
  return useQuery({
    queryKey: [...queryKeys.usage, 'key', id, query],
    queryFn: () => keyward.keys.usage(id, query),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load the key’s usage' },
  });
}

/** Verifications of every key the person sees, over time, with the busiest keys. */
export function useUsageOverview(query: UsageOverviewQuery) {
  return useQuery({
    queryKey: [...queryKeys.usage, 'overview', query],
    queryFn: () => keyward.usage.overview(query),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load usage' },
  });
}
