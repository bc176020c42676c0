import { Stack, Switch, Text } from '@mantine/core';
import type { Key } from '@keyward/sdk';
import { useUpdateKey } from '../../api/queries/keys.ts';
import { STATUS_LABELS } from '../../model/format.ts';
import { notifySuccess } from '../../notify.ts';

// See theme.ts: shades that read at 4.5:1 on either theme.
const STATUS_COLORS = { active: 'var(--keyward-status-active)', inactive: 'dimmed', expired: 'var(--keyward-status-expired)' } as const;

/** A key's status, and the switch that activates or deactivates it at once. */
export function KeyStatusSwitch({ apiKey: key, canWrite }: { apiKey: Key; canWrite: boolean }) {
  const update = useUpdateKey();
  const name = key.name || 'Unnamed key';
  // While the change is on its way, the switch shows where it is going.
  const enabled = update.isPending && update.variables?.body.enabled !== undefined ? update.variables.body.enabled : key.enabled;
  const setEnabled = (next: boolean) =>
    update.mutate({ id: key.id, body: { enabled: next } }, { onSuccess: () => notifySuccess(`${name} is now ${next ? 'active' : 'inactive'}.`) });
  return (
    // The word under the switch, not beside it: the keys table has no width to spare at 1280 px.
    <Stack gap={2} align="flex-start">
      <Switch
        checked={enabled}
        disabled={!canWrite || update.isPending}
        onChange={(event) => setEnabled(event.currentTarget.checked)}
        aria-label={`Active: ${name}`}
        color="teal.8"
      />
      <Text size="xs" c={STATUS_COLORS[key.status]} fw={600}>{STATUS_LABELS[key.status]}</Text>
    </Stack>
  );
}
