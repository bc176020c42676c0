import { Stack, Switch, Text } from '@mantine/core';
import type { Key } from '@keyward/sdk';
import { STATUS_LABELS } from '../../model/format.ts';

// See theme.ts: shades that read at 4.5:1 on either theme.
const STATUS_COLORS = { active: 'var(--keyward-status-active)', inactive: 'dimmed', expired: 'var(--keyward-status-expired)' } as const;

type Props = {
  apiKey: Key;
  /** Where the switch stands (while a change is on its way, where it is going). */
  enabled: boolean;
  disabled: boolean;
  onChange: (enabled: boolean) => void;
};

/**
 * A key's status word under the switch that activates or deactivates it: the console's keys
 * table and the self-service portal each say through which API.
 */
export function KeyStatusToggle({ apiKey: key, enabled, disabled, onChange }: Props) {
  return (
    // The word under the switch, not beside it: the keys table has no width to spare at 1280 px.
    <Stack gap={2} align="flex-start">
      <Switch
        checked={enabled}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.checked)}
        aria-label={`Active: ${key.name || 'Unnamed key'}`}
        color="teal.8"
      />
      <Text size="xs" c={STATUS_COLORS[key.status]} fw={600}>{STATUS_LABELS[key.status]}</Text>
    </Stack>
  );
}
