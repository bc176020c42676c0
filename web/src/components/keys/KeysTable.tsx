import { Button, EmptyState, Skeleton, Table } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import type { Key, Project } from '@keyward/sdk';
import { KeyRow } from './KeyRow.tsx';
import { stickyActionsCell } from './table-styles.ts';

const COLUMNS = ['Sr. No.', 'Name', 'Key', 'Owner', 'Project', 'Groups', 'Status', 'Created', 'Created by', 'Last used', 'Expires', 'Actions'];
// Room for a short name or project on one line; longer ones wrap.
const MIN_WIDTHS: Record<string, number> = { Name: 130, Project: 110 };

type Props = {
  keys: Key[] | undefined;
  /** How many keys come before this page (for Sr. No.). */
  offset: number;
  loading: boolean;
  filtered: boolean;
  projects: ReadonlyMap<string, Project>;
  canWrite: boolean;
  onEdit: (key: Key) => void;
  onRegenerate: (key: Key) => void;
  onUsage: (key: Key) => void;
  onCreate: () => void;
  onClearFilters: () => void;
};

/** The API keys table: one row per key, skeleton rows while loading, and an empty state. */
export function KeysTable(props: Props) {
  return (
    <Table.ScrollContainer minWidth={1240} type="native" tabIndex={0} role="region" aria-label="API keys table">
      <Table highlightOnHover verticalSpacing="xs" horizontalSpacing="xs" fz="sm" aria-busy={props.loading} aria-label="API keys">
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((column) => (
              <Table.Th key={column} style={{ whiteSpace: 'nowrap', minWidth: MIN_WIDTHS[column], ...(column === 'Actions' ? stickyActionsCell : {}) }}>
                {column}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {!props.keys &&
            Array.from({ length: 5 }, (_, row) => (
              <Table.Tr key={row}>
                {COLUMNS.map((column) => (
                  <Table.Td key={column}><Skeleton height={14} radius="sm" /></Table.Td>
                ))}
              </Table.Tr>
            ))}
          {props.keys?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={COLUMNS.length}>
                <EmptyState
                  py="xl"
                  icon={<IconKey size={28} aria-hidden />}
                  withIndicatorBackground
                  title={props.filtered ? 'No key matches these filters' : 'No API keys yet'}
                  description={props.filtered ? 'Change the filters or clear them to see every key.' : 'Create a key for a system or person that calls your API.'}
                >
                  <EmptyState.Actions>
                    {props.filtered ? (
                      <Button variant="default" onClick={props.onClearFilters}>Clear filters</Button>
                    ) : (
                      props.canWrite && <Button onClick={props.onCreate}>Create key</Button>
                    )}
                  </EmptyState.Actions>
                </EmptyState>
              </Table.Td>
            </Table.Tr>
          )}
          {props.keys?.map((key, index) => (
            <KeyRow
              key={key.id}
              apiKey={key}
              serial={props.offset + index + 1}
              projectName={props.projects.get(key.projectId)?.name ?? key.projectId}
              canWrite={props.canWrite}
              onEdit={props.onEdit}
              onRegenerate={props.onRegenerate}
              onUsage={props.onUsage}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
