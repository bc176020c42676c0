import { Badge, Text } from '@mantine/core';
import type { Key } from '@keyward/sdk';
import { IconKey } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useKeyProjectNames, useKeysPage } from '../../api/queries/keys.ts';
import { useProjects } from '../../api/queries/projects.ts';
import { useCursorPages } from '../../hooks/useCursorPages.ts';
import { useSession } from '../../hooks/useSession.ts';
import { STATUS_LABELS } from '../../model/format.ts';
import { DEFAULT_PAGE_SIZE } from '../../model/paging.ts';
import { DateText } from '../DateText.tsx';
import { KeyNameCell } from '../keys/KeyNameCell.tsx';
import { DataTable, type Column } from '../table/DataTable.tsx';

const STATUS_COLORS = { active: 'teal', inactive: 'gray', expired: 'orange' } as const;

function columns(projectName: (key: Key) => string): Column<Key>[] {
  return [
    { header: 'Name', cell: (key) => <KeyNameCell apiKey={key} />, minWidth: 160 },
    { header: 'Project', cell: (key) => projectName(key) },
    { header: 'Owner', cell: (key) => key.owner?.username ?? <Text span size="sm" c="dimmed">None</Text> },
    { header: 'Status', cell: (key) => <Badge variant="dot" color={STATUS_COLORS[key.status]} tt="none">{STATUS_LABELS[key.status]}</Badge>, nowrap: true },
    { header: 'Last used', cell: (key) => <DateText iso={key.lastUsedAt} show="ago" />, nowrap: true },
    { header: 'Expires', cell: (key) => <DateText iso={key.expiresAt} show="date" />, nowrap: true },
  ];
}

/** The keys that point at an identity (GET /v1/keys?identityId=), each linking to its page. */
export function IdentityKeysTable({ identityId }: { identityId: string }) {
  const session = useSession();
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const pages = useCursorPages(String(limit));
  const keys = useKeysPage({ identityId, limit, cursor: pages.cursor });
  const projects = useProjects(session.can('projects.read'));
  const projectNames = useKeyProjectNames(!session.can('projects.read'));
  const named = useMemo(() => new Map((projects.data ?? projectNames.data ?? []).map((project) => [project.id, project.name])), [projects.data, projectNames.data]);
  return (
    <DataTable
      label="Keys of this identity"
      columns={columns((key) => named.get(key.projectId) ?? key.projectId)}
      rows={keys.data?.items}
      rowKey={(key) => key.id}
      rowName={(key) => key.name || 'Unnamed key'}
      rowAttributes={(key) => ({ 'data-key-id': key.id })}
      loading={keys.isFetching}
      minWidth={640}
      cardsOnPhone
      empty={{ icon: <IconKey size={28} aria-hidden />, title: 'No key points at this identity', description: 'Choose this identity in a key’s create or edit dialog; its keys are listed here.' }}
      paging={pages.pagingOf(keys, { limit, onLimitChange: setLimit, noun: { one: 'key', other: 'keys' } })}
    />
  );
}
