import { Alert, Button, Group, Text } from '@mantine/core';
import { IconHourglassLow } from '@tabler/icons-react';
import { EXPIRING_SOON_DAYS } from '../../model/key-filters.ts';

type Props = {
  /** Keys that expire within EXPIRING_SOON_DAYS and have not yet (undefined while counting). */
  count: number | undefined;
  /** Whether the table shows only those keys. */
  showing: boolean;
  onShow: (show: boolean) => void;
};

/** "Expiring soon (N)": a notice above the keys table, and the switch to list only those keys. */
export function ExpiringSoonBanner({ count, showing, onShow }: Props) {
  if (!showing && !count) return null;
  const keys = count === 1 ? 'key expires' : 'keys expire';
  return (
    <Alert color="yellow" icon={<IconHourglassLow size={18} aria-hidden />} title={`Expiring soon (${count ?? '…'})`} role="region" aria-label="Expiring soon">
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          {showing
            ? `Showing only the keys that expire within ${EXPIRING_SOON_DAYS} days and have not expired yet.`
            : `${count} ${keys} within ${EXPIRING_SOON_DAYS} days: regenerate or extend them before the systems using them are refused.`}
        </Text>
        <Button size="xs" variant="default" onClick={() => onShow(!showing)}>
          {showing ? 'Show all keys' : 'Show them'}
        </Button>
      </Group>
    </Alert>
  );
}
