import { EmptyState, Group, Paper, Skeleton, Table, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { CSSProperties, ReactNode } from 'react';
import { CursorPagination, type PagingProps } from '../CursorPagination.tsx';
import { DataCards } from './DataCards.tsx';
import { RowActionsMenu, type RowAction } from './RowActionsMenu.tsx';

/** A column: its header, how a row fills its cell, and how wide it may be. */
export type Column<Row> = {
  header: string;
  cell: (row: Row, index: number) => ReactNode;
  /** Fixed or minimum width (px); the other columns share what is left. */
  width?: number;
  minWidth?: number;
  /** Keep the cell on one line (dates, codes). */
  nowrap?: boolean;
  align?: 'left' | 'right';
  /** Left out of the phone's cards (the card's title is the first column). */
  desktopOnly?: boolean;
};

/** What a list shows when it has no row: why, and what to do. */
export type EmptyContent = { icon: ReactNode; title: string; description?: string; actions?: ReactNode };

export type DataTableProps<Row> = {
  /** Names the table (and the phone's list) for assistive technology. */
  label: string;
  columns: Column<Row>[];
  /** Undefined while the first page loads (skeleton rows). */
  rows: Row[] | undefined;
  /** A row's React key (with its place on the page, for rows that have no id). */
  rowKey: (row: Row, index: number) => string;
  /** Names a row in its actions button ("Actions for <name>"). */
  rowName: (row: Row) => string;
  actions?: (row: Row) => RowAction[];
  /** Attributes of a row's element (tests find keys by `data-key-id`). */
  rowAttributes?: (row: Row) => Record<string, string>;
  loading: boolean;
  empty: EmptyContent;
  paging?: PagingProps;
  /** Below this width the table scrolls sideways (inside its region); the keys table fits instead. */
  minWidth?: number;
  /** Cards instead of a table below the `sm` breakpoint (phones). */
  cardsOnPhone?: boolean;
  /** Space between columns: `xs` where many columns share the width (the keys table). */
  spacing?: 'xs' | 'sm';
  /** The actions menu in the last column's cell, beside its content (the keys table's status switch), not a column of its own. */
  actionsBeside?: boolean;
};

const SKELETON_ROWS = 4;

const cellStyle = <Row,>(column: Column<Row>): CSSProperties => ({
  width: column.width,
  minWidth: column.minWidth,
  whiteSpace: column.nowrap ? 'nowrap' : undefined,
  textAlign: column.align,
});

/**
 * Every list of the console (projects, users, groups, audit, webhooks, keys): a table with a
 * skeleton while loading, an empty state that says what to do, each row's actions in a menu,
 * and paging. On a phone, with `cardsOnPhone`, each row is a card instead.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const actionsColumn = Boolean(props.actions) && !props.actionsBeside;
  const lastColumn = props.columns.length - 1;
  const columnCount = props.columns.length + (actionsColumn ? 1 : 0);
  const empty = (
    <EmptyState py="xl" icon={props.empty.icon} withIndicatorBackground title={props.empty.title} description={props.empty.description}>
      {props.empty.actions && <EmptyState.Actions>{props.empty.actions}</EmptyState.Actions>}
    </EmptyState>
  );
  return (
    <>
      <Paper withBorder radius="md" p={0}>
        {phone && props.cardsOnPhone ? (
          <DataCards {...props} emptyContent={empty} />
        ) : (
          <Table.ScrollContainer minWidth={props.minWidth ?? 0} type="native" tabIndex={0} role="region" aria-label={`${props.label} table`}>
            <Table highlightOnHover verticalSpacing="xs" horizontalSpacing={props.spacing ?? 'sm'} fz="sm" aria-label={props.label} aria-busy={props.loading}>
              <Table.Thead>
                <Table.Tr>
                  {props.columns.map((column) => (
                    <Table.Th key={column.header} style={{ ...cellStyle(column), whiteSpace: 'nowrap' }}>{column.header}</Table.Th>
                  ))}
                  {actionsColumn && <Table.Th style={{ width: 44 }}><VisuallyHidden>Actions</VisuallyHidden></Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {!props.rows &&
                  Array.from({ length: SKELETON_ROWS }, (_, row) => (
                    <Table.Tr key={row}>
                      {Array.from({ length: columnCount }, (_, column) => (
                        <Table.Td key={column}><Skeleton height={14} radius="sm" /></Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                {props.rows?.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={columnCount}>{empty}</Table.Td>
                  </Table.Tr>
                )}
                {props.rows?.map((row, index) => (
                  <Table.Tr key={props.rowKey(row, index)} {...props.rowAttributes?.(row)}>
                    {props.columns.map((column, columnIndex) => (
                      <Table.Td key={column.header} style={cellStyle(column)}>
                        {props.actions && props.actionsBeside && columnIndex === lastColumn ? (
                          <Group justify="space-between" wrap="nowrap" gap="xs">
                            {column.cell(row, index)}
                            <RowActionsMenu name={props.rowName(row)} actions={props.actions(row)} />
                          </Group>
                        ) : (
                          column.cell(row, index)
                        )}
                      </Table.Td>
                    ))}
                    {props.actions && actionsColumn && (
                      <Table.Td>
                        <RowActionsMenu name={props.rowName(row)} actions={props.actions(row)} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {props.paging && <CursorPagination {...props.paging} />}
    </>
  );
}
