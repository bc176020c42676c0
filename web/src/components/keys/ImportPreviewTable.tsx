import { Box, Code, Table, Text } from '@mantine/core';
import type { ImportRow, RowResult } from '../../model/key-import.ts';
import { formatDateTime } from '../../model/format.ts';
import { ImportRowOutcome } from './ImportRowOutcome.tsx';

const COLUMNS = ['Row', 'Name', 'SHA-256', 'Owner', 'Groups', 'Expires', 'Active', 'Result'];
// Enough to spot a wrong column; the rest of the file is counted, not listed.
const SHOWN_ROWS = 200;

/** The rows of an import file before sending (with what is wrong in each) and after (each row's result). */
export function ImportPreviewTable({ rows, results }: { rows: ImportRow[]; results?: RowResult[] }) {
  return (
    <>
      {/* Scrolls itself (both ways on a phone), so it takes the keyboard focus to scroll with the keys. */}
      <Box mah={360} style={{ overflow: 'auto' }} tabIndex={0} role="region" aria-label="Keys to import">
        <Table fz="sm" verticalSpacing={4} horizontalSpacing="xs" stickyHeader aria-label="Keys to import" miw={760}>
          <Table.Thead>
            <Table.Tr>
              {COLUMNS.map((column) => (
                <Table.Th key={column} style={{ whiteSpace: 'nowrap' }}>{column}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.slice(0, SHOWN_ROWS).map((row, i) => (
              <Table.Tr key={row.row} data-import-row={row.row}>
                <Table.Td>{row.row}</Table.Td>
                <Table.Td>{row.key.name || <Text span size="sm" c="dimmed">Unnamed</Text>}</Table.Td>
                <Table.Td>
                  <Code style={{ whiteSpace: 'nowrap' }}>{row.key.hash.value ? `${row.key.hash.value.slice(0, 10)}…` : '—'}</Code>
                </Table.Td>
                <Table.Td>{row.key.owner ?? <Text span size="sm" c="dimmed">None</Text>}</Table.Td>
                <Table.Td>{row.groupLabels.join(', ') || <Text span size="sm" c="dimmed">None</Text>}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.key.expiresAt ? formatDateTime(row.key.expiresAt) : 'Never'}</Table.Td>
                <Table.Td>{row.key.enabled === false ? 'No' : 'Yes'}</Table.Td>
                <Table.Td>
                  <ImportRowOutcome problem={row.problem} result={results?.[i]} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      {rows.length > SHOWN_ROWS && (
        <Text size="sm" c="dimmed">
          The first {SHOWN_ROWS} of {rows.length} rows are shown.
          {results && ` ${results.filter((result) => !result.imported).length} rows in all were not imported.`}
        </Text>
      )}
    </>
  );
}
