import { Alert, Anchor, Text } from '@mantine/core';
import type { Key } from '@keyward/sdk';
import { IconKey } from '@tabler/icons-react';
import { Link } from 'react-router';
import { keyPath } from '../../paths.ts';

type Props = { found: Key | null | undefined; loading: boolean };

/** Says which key a pasted token belongs to (the table below shows it), or that none you may see does. */
export function FoundByTokenNotice({ found, loading }: Props) {
  if (loading || found === undefined) return null;
  return (
    <Alert color={found ? 'indigo' : 'gray'} icon={<IconKey size={18} aria-hidden />} title={found ? 'Found by its token' : 'No key found'} role="status">
      {found ? (
        <Text size="sm">
          The token you pasted belongs to <Anchor component={Link} to={keyPath(found.id)} fw={700} c="inherit" underline="always">{found.name || 'Unnamed key'}</Anchor>. If it was exposed,
          deactivate or regenerate that key.
        </Text>
      ) : (
        <Text size="sm">No key you may see has this token. The token was looked up by its hash; it is not kept or logged.</Text>
      )}
    </Alert>
  );
}
