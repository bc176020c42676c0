import { Anchor, Badge, Code, Group, Stack, Tooltip } from '@mantine/core';
import type { Key } from '@keyward/sdk';
import { Link } from 'react-router';
import { isUnusedImport, keyDisplay } from '../../model/format.ts';
import { keyPath } from '../../paths.ts';

/**
 * A key's name (a link to its page, its description in a tooltip) over its masked token: the
 * two things people tell keys apart by, in one cell.
 */
export function KeyNameCell({ apiKey: key }: { apiKey: Key }) {
  const name = key.name || 'Unnamed key';
  const link = (
    <Anchor component={Link} to={keyPath(key.id)} size="sm" fw={600}>
      {name}
    </Anchor>
  );
  return (
    <Stack gap={2}>
      {key.description ? (
        <Tooltip label={key.description} multiline maw={320} events={{ hover: true, focus: true, touch: true }}>
          {link}
        </Tooltip>
      ) : (
        link
      )}
      <Group gap={4} wrap="nowrap">
        <Code fz="xs" style={{ whiteSpace: 'nowrap' }}>{keyDisplay(key)}</Code>
        {isUnusedImport(key) && <Badge size="xs" variant="default" tt="none">imported</Badge>}
      </Group>
    </Stack>
  );
}
