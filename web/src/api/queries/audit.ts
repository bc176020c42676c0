import type { AuditListQuery } from '@keyward/sdk';
import { keyward } from '../keyward.ts';
import { queryKeys } from '../query-keys.ts';
import { usePageQuery } from './resource-queries.ts';

export function useAuditPage(query: AuditListQuery) {
  return usePageQuery(queryKeys.audit, query, (q) => keyward.audit.list(q), 'Could not load the audit log');
}
