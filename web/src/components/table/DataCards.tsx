import { Group, Skeleton, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DataTableProps } from './DataTable.tsx';
import { RowActionsMenu } from './RowActionsMenu.tsx';

type Props<Row> = DataTableProps<Row> & { emptyContent: ReactNode };

/**
 * A list's rows as cards, for phones: the first column is the card's title, beside its actions
 * menu; the others follow as label and value, one per line, so nothing is cut off or covered.
 */
export function DataCards<Row>(props: Props<Row>) {
  const [title, ...details] = props.columns.filter((column) => !column.desktopOnly);
  if (!title) return null;
  return (
    <Stack component="ul" gap={0} m={0} p={0} aria-label={props.label} aria-busy={props.loading} style={{ listStyle: 'none' }}>
      {!props.rows && Array.from({ length: 3 }, (_, index) => (
        <li key={index} style={{ padding: 'var(--mantine-spacing-md)' }}><Skeleton height={56} radius="sm" /></li>
      ))}
      {props.rows?.length === 0 && <li>{props.emptyContent}</li>}
      {props.rows?.map((row, index) => (
        <Stack
          component="li"
          key={props.rowKey(row, index)}
          gap={6}
          p="md"
          style={{ borderTop: index > 0 ? '1px solid var(--mantine-color-default-border)' : undefined }}
          {...props.rowAttributes?.(row)}
        >
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <div style={{ minWidth: 0 }}>{title.cell(row, index)}</div>
            {props.actions && <RowActionsMenu name={props.rowName(row)} actions={props.actions(row)} />}
          </Group>
          <Stack component="dl" gap={4} m={0}>
            {details.map((column) => (
              <Group key={column.header} gap="xs" wrap="nowrap" align="flex-start">
                <Text component="dt" size="xs" c="dimmed" w={96} style={{ flexShrink: 0 }}>{column.header}</Text>
                <Text component="dd" size="sm" m={0} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{column.cell(row, index)}</Text>
              </Group>
            ))}
          </Stack>
        </Stack>
      ))}
    </Stack>
  );
}
