import { Badge, Group, Text } from '@mantine/core';
import type { Key } from '@keyward/sdk';
import { DateText } from '../DateText.tsx';
import type { Column } from '../table/DataTable.tsx';
import { KeyNameCell } from './KeyNameCell.tsx';
import { KeyStatusSwitch } from './KeyStatusSwitch.tsx';

const none = (text: string) => <Text span size="sm" c="dimmed">{text}</Text>;
// Names wrap between words (and at hyphens and dots), never inside one, so a short name stays on
// one line: the columns are sized for that (see the widths below).
const wrapped = (text: string) => <Text size="sm">{text}</Text>;

/**
 * The keys table's columns, sized so that all of them fit the content area at 1280 px without
 * sideways scrolling: the masked key sits under the name, the creator under the creation date,
 * and the status switch last, with the row's actions menu in the same cell. On a phone a key is a card with its
 * name and key, owner, expiry and status.
 */
export function keyColumns(options: { offset: number; projectName: (key: Key) => string; canWrite: boolean }): Column<Key>[] {
  return [
    { header: 'Sr. No.', cell: (_key, index) => options.offset + index + 1, width: 64, desktopOnly: true },
    { header: 'Name', cell: (key) => <KeyNameCell apiKey={key} />, minWidth: 150 },
    { header: 'Owner', cell: (key) => (key.owner ? wrapped(key.owner.username) : none('None')), minWidth: 92 },
    { header: 'Project', cell: (key) => wrapped(options.projectName(key)), minWidth: 100, desktopOnly: true },
    {
      header: 'Groups',
      desktopOnly: true,
      cell: (key) => (
        <Group gap={4}>
          {key.groups.length === 0 && none('None')}
          {/* max-content: a badge shrinks to an ellipsis otherwise, and the column with it. */}
          {key.groups.map((group) => <Badge key={group.id} variant="default" size="sm" tt="none" style={{ minWidth: 'max-content' }}>{group.name}</Badge>)}
        </Group>
      ),
    },
    {
      header: 'Created',
      desktopOnly: true,
      cell: (key) => (
        <>
          <DateText iso={key.createdAt} show="date" />
          <Text size="xs" c="dimmed">{key.createdBy ? `by ${key.createdBy.username}` : 'by the system'}</Text>
        </>
      ),
    },
    { header: 'Last used', cell: (key) => <DateText iso={key.lastUsedAt} show="ago" />, nowrap: true, desktopOnly: true },
    { header: 'Expires', cell: (key) => <DateText iso={key.expiresAt} show="date" />, nowrap: true },
    { header: 'Status', cell: (key) => <KeyStatusSwitch apiKey={key} canWrite={options.canWrite} />, nowrap: true },
  ];
}
