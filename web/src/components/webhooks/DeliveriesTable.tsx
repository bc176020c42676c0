import { Badge, Code } from '@mantine/core';
import type { WebhookDelivery } from '@keyward/sdk';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useWebhookDeliveries } from '../../api/queries/webhooks.ts';
import { useCursorPages } from '../../hooks/useCursorPages.ts';
import { DEFAULT_PAGE_SIZE } from '../../model/paging.ts';
import { DateText } from '../DateText.tsx';
import { DataTable, type Column } from '../table/DataTable.tsx';
import { DeliveryAttempts } from './DeliveryAttempts.tsx';

const STATUS_COLORS = { delivered: 'teal', pending: 'yellow', failed: 'red' } as const;

const COLUMNS: Column<WebhookDelivery>[] = [
  { header: 'Event', cell: (delivery) => <Code>{delivery.eventType}</Code>, nowrap: true },
  { header: 'Status', cell: (delivery) => <Badge variant="dot" color={STATUS_COLORS[delivery.status]} tt="none">{delivery.status}</Badge> },
  { header: 'Created', cell: (delivery) => <DateText iso={delivery.createdAt} show="dateTime" />, nowrap: true },
  { header: 'Attempts', cell: (delivery) => <DeliveryAttempts delivery={delivery} /> },
  { header: 'Next attempt', cell: (delivery) => <DateText iso={delivery.nextAttemptAt} show="dateTime" none="None" />, nowrap: true },
];

/** A webhook's delivery log, newest first, each delivery with every attempt; the first page keeps itself current. */
export function DeliveriesTable({ webhookId }: { webhookId: string }) {
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const pages = useCursorPages(String(limit));
  const deliveries = useWebhookDeliveries(webhookId, { limit, cursor: pages.cursor });
  return (
    <DataTable
      label="Deliveries"
      columns={COLUMNS}
      rows={deliveries.data?.items}
      rowKey={(delivery) => delivery.id}
      rowName={(delivery) => delivery.eventType}
      rowAttributes={(delivery) => ({ 'data-delivery-id': delivery.id })}
      loading={deliveries.isPending || deliveries.isPlaceholderData}
      minWidth={720}
      cardsOnPhone
      empty={{ icon: <IconSend size={28} aria-hidden />, title: 'No delivery yet', description: 'Each event sent here shows with every attempt: send a test to see one.' }}
      paging={pages.pagingOf(deliveries, { limit, onLimitChange: setLimit, noun: { one: 'delivery', other: 'deliveries' } })}
    />
  );
}
