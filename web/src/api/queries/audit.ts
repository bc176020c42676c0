import type { AuditListQuery } from '@keyward/sdk';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { keyward } from '../keyward.ts';
import { atCursor, queryKeys } from '../query-keys.ts';

export function useAuditPage(query: AuditListQuery) {
  return useQuery({
    queryKey: [...queryKeys.audit, 'page', query],
    queryFn: () => keyward.audit.list(query).then(atCursor(query.cursor)),
    placeholderData: keepPreviousData,
    meta: { failure: 'Could not load the audit log' },
  });
}
