import { ActionIcon, Badge, Button, Code, Group, Switch, Table, Text, Tooltip } from '@mantine/core';
import { IconChartBar, IconPencil, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useDeleteKey, useUpdateKey } from '../../api/queries/keys.ts';
import type { Key } from '@keyward/sdk';
import { confirmDestructive } from '../../confirm.tsx';
import { exactTime, formatDateTime, keyDisplay, STATUS_LABELS, timeOrNever } from '../../model/format.ts';
import { notifySuccess } from '../../notify.ts';
import { stickyActionsCell } from './table-styles.ts';

// See theme.ts: shades that read at 4.5:1 on either theme.
const STATUS_COLORS = { active: 'var(--keyward-status-active)', inactive: 'dimmed', expired: 'var(--keyward-status-expired)' } as const;

type Props = {
  apiKey: Key;
  serial: number;
  projectName: string;
  canWrite: boolean;
  onEdit: (key: Key) => void;
  onRegenerate: (key: Key) => void;
  onUsage: (key: Key) => void;
};

/** One key in the table, with its status toggle (acts at once) and its actions. */
export function KeyRow({ apiKey: key, serial, projectName, canWrite, onEdit, onRegenerate, onUsage }: Props) {
  const update = useUpdateKey();
  const remove = useDeleteKey();
  const name = key.name || 'Unnamed key';
  const enabled = update.isPending && update.variables?.body.enabled !== undefined ? update.variables.body.enabled : key.enabled;

  const setEnabled = (next: boolean) =>
    update.mutate(
      { id: key.id, body: { enabled: next } },
      { onSuccess: () => notifySuccess(`${name} is now ${next ? 'active' : 'inactive'}.`) },
    );

  const askDelete = () =>
    confirmDestructive({
      title: 'Delete API key',
      message: (
        <Text size="sm">
          Delete the key <b>{name}</b> (<Code>{keyDisplay(key)}</Code>)? Every call made with it is refused from now on. This
          cannot be undone.
        </Text>
      ),
      confirmLabel: 'Delete key',
      onConfirm: () => remove.mutate(key.id, { onSuccess: () => notifySuccess(`Deleted ${name}.`) }),
    });

  return (
    <Table.Tr data-key-id={key.id}>
      <Table.Td>{serial}</Table.Td>
      <Table.Td>
        {key.description ? (
          <Tooltip label={key.description} multiline maw={320} events={{ hover: true, focus: true, touch: true }}>
            <Text size="sm" fw={500} tabIndex={0} td="underline dotted" style={{ cursor: 'help' }}>
              {name}
            </Text>
          </Tooltip>
        ) : (
          <Text size="sm" fw={500}>{name}</Text>
        )}
      </Table.Td>
      <Table.Td>
        <Code style={{ whiteSpace: 'nowrap' }}>{keyDisplay(key)}</Code>
      </Table.Td>
      <Table.Td>{key.owner?.username ?? <Text size="sm" c="dimmed" span>None</Text>}</Table.Td>
      <Table.Td>{projectName}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {key.groups.length === 0 && <Text size="sm" c="dimmed" span>None</Text>}
          {key.groups.map((group) => (
            <Badge key={group.id} variant="default" size="sm" tt="none" style={{ minWidth: 'max-content' }}>{group.name}</Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Switch
            checked={enabled}
            disabled={!canWrite || update.isPending}
            onChange={(event) => setEnabled(event.currentTarget.checked)}
            aria-label={`Active: ${name}`}
            color="teal.8"
          />
          <Text size="xs" c={STATUS_COLORS[key.status]} fw={600}>
            {STATUS_LABELS[key.status]}
          </Text>
        </Group>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Tooltip label={exactTime(key.createdAt)}>
          <time dateTime={key.createdAt}>{formatDateTime(key.createdAt)}</time>
        </Tooltip>
      </Table.Td>
      <Table.Td>{key.createdBy?.username ?? <Text size="sm" c="dimmed" span>System</Text>}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{timeOrNever(key.lastUsedAt)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{timeOrNever(key.expiresAt)}</Table.Td>
      <Table.Td style={stickyActionsCell}>
        <Group gap={4} wrap="nowrap">
          <Tooltip label="Usage">
            <ActionIcon variant="subtle" color="gray" aria-label={`Usage of ${name}`} onClick={() => onUsage(key)}>
              <IconChartBar size={18} />
            </ActionIcon>
          </Tooltip>
          {canWrite && (
            <>
              <Tooltip label="Edit">
                <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${name}`} onClick={() => onEdit(key)}>
                  <IconPencil size={18} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Regenerate">
                <ActionIcon variant="subtle" color="indigo" aria-label={`Regenerate ${name}`} onClick={() => onRegenerate(key)}>
                  <IconRefresh size={18} />
                </ActionIcon>
              </Tooltip>
              {key.enabled ? (
                <Button size="compact-xs" variant="outline" color="red" onClick={() => setEnabled(false)} loading={update.isPending} aria-label={`Deactivate ${name}`}>
                  Deactivate
                </Button>
              ) : (
                <Button size="compact-xs" variant="outline" color="teal" onClick={() => setEnabled(true)} loading={update.isPending} aria-label={`Activate ${name}`}>
                  Activate
                </Button>
              )}
              <Tooltip label="Delete">
                <ActionIcon variant="subtle" color="red" aria-label={`Delete ${name}`} onClick={askDelete} loading={remove.isPending}>
                  <IconTrash size={18} />
                </ActionIcon>
              </Tooltip>
            </>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
