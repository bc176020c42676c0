import { Badge, Group, Text } from '@mantine/core';
import type { KeyVerification } from '@keyward/sdk';
import { IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useKeyVerifications } from '../../api/queries/keys.ts';
import { useCursorPages } from '../../hooks/useCursorPages.ts';
import { DEFAULT_PAGE_SIZE } from '../../model/paging.ts';
import { DateText } from '../DateText.tsx';
import { DataTable, type Column } from '../table/DataTable.tsx';

// See theme.ts: shades that read at 4.5:1 on either theme.
const outcomeColor = (outcome: string) => (outcome === 'VALID' ? 'var(--keyward-status-active)' : 'var(--mantine-color-error)');

const COLUMNS: Column<KeyVerification>[] = [
  { header: 'Time', cell: (item) => <DateText iso={item.at} show="dateTime" />, nowrap: true },
  { header: 'Outcome', cell: (item) => <Text size="sm" fw={600} c={outcomeColor(item.outcome)}>{item.outcome}</Text> },
  { header: 'Client address', cell: (item) => (item.clientAddress ? <Text size="sm" ff="monospace">{item.clientAddress}</Text> : <Text size="sm" c="dimmed">Not given</Text>) },
  {
    header: 'Tags',
    cell: (item) => (item.tags.length === 0
      ? <Text size="sm" c="dimmed">None</Text>
      : <Group gap={4}>{item.tags.map((tag) => <Badge key={tag} variant="default" size="sm" tt="none">{tag}</Badge>)}</Group>),
  },
];

/** A key's recent verifications (the last 1,000, 7 days), newest first, paged; the first page keeps itself current. */
export function KeyVerificationsTable({ keyId }: { keyId: string }) {
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const pages = useCursorPages(String(limit));
  const verifications = useKeyVerifications(keyId, { limit, cursor: pages.cursor });
  return (
    <DataTable
      label="Recent verifications"
      columns={COLUMNS}
      rows={verifications.data?.items}
      rowKey={(item, index) => `${index}|${item.at}`}
      rowName={(item) => item.at}
      // Refetching every second is not "loading": only a first load or a page change is.
      loading={verifications.isPending || verifications.isPlaceholderData}
      minWidth={560}
      cardsOnPhone
      empty={{ icon: <IconHistory size={28} aria-hidden />, title: 'No verification yet', description: 'Each verification of this key shows here: its time, outcome, the client address it named, and its tags.' }}
      paging={pages.pagingOf(verifications, { limit, onLimitChange: setLimit, noun: { one: 'verification', other: 'verifications' } })}
    />
  );
}
