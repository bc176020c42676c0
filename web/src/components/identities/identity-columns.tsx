import { Anchor, Badge, Group, Text } from '@mantine/core';
import type { Identity } from '@keyward/sdk';
import { Link } from 'react-router';
import { quotaSummary } from '../../model/quota-form.ts';
import { identityPath } from '../../paths.ts';
import { DateText } from '../DateText.tsx';
import type { Column } from '../table/DataTable.tsx';

const none = (text: string) => <Text span size="sm" c="dimmed">{text}</Text>;

/** The identities table: the external id (a link to its page), its keys, limits, quota and age. */
export const IDENTITY_COLUMNS: Column<Identity>[] = [
  {
    header: 'External id',
    cell: (identity) => (
      <Anchor component={Link} to={identityPath(identity.id)} size="sm" fw={600} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
        {identity.externalId}
      </Anchor>
    ),
    minWidth: 180,
  },
  { header: 'Keys', cell: (identity) => identity.keyCount.toLocaleString('en'), nowrap: true, align: 'right' },
  {
    header: 'Rate limits',
    cell: (identity) => (
      <Group gap={4}>
        {identity.ratelimits.length === 0 && none('None')}
        {identity.ratelimits.map((limit) => <Badge key={limit.name} variant="default" size="sm" tt="none" ff="monospace">{limit.name}</Badge>)}
      </Group>
    ),
  },
  { header: 'Quota', cell: (identity) => quotaSummary(identity) || none('None') },
  { header: 'Created', cell: (identity) => <DateText iso={identity.createdAt} show="date" />, nowrap: true },
];
