import { Badge, Code, Group, Stack, Text } from '@mantine/core';
import type { Key } from '@keyward/sdk';
import { keyDisplay } from '../../model/format.ts';
import { DateText } from '../DateText.tsx';
import type { Column } from '../table/DataTable.tsx';
import { PortalKeyStatus } from './PortalKeyStatus.tsx';

/**
 * The portal's keys table: what a customer tells her keys apart by (name and masked token), what
 * they may do, when they were made, used and expire, and the status switch with the row's actions.
 * No owner, creator or project: the portal is one identity's keys in one project.
 */
export function portalKeyColumns(): Column<Key>[] {
  return [
    {
      header: 'Name',
      minWidth: 160,
      cell: (key) => (
        <Stack gap={2}>
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>{key.name || 'Unnamed key'}</Text>
          <Code fz="xs" style={{ whiteSpace: 'nowrap' }}>{keyDisplay(key)}</Code>
        </Stack>
      ),
    },
    {
      header: 'Groups',
      desktopOnly: true,
      cell: (key) => (
        <Group gap={4}>
          {key.groups.length === 0 && <Text span size="sm" c="dimmed">None</Text>}
          {key.groups.map((group) => <Badge key={group.id} variant="default" size="sm" tt="none" style={{ minWidth: 'max-content' }}>{group.name}</Badge>)}
        </Group>
      ),
    },
    { header: 'Created', cell: (key) => <DateText iso={key.createdAt} show="date" />, nowrap: true },
    { header: 'Last used', cell: (key) => <DateText iso={key.lastUsedAt} show="ago" />, nowrap: true },
    { header: 'Expires', cell: (key) => <DateText iso={key.expiresAt} show="date" />, nowrap: true },
    { header: 'Status', cell: (key) => <PortalKeyStatus apiKey={key} />, nowrap: true },
  ];
}
