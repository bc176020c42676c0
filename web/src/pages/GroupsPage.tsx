import { ActionIcon, Badge, Button, EmptyState, Group, Paper, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconShieldLock, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useDeleteGroup, useGroups } from '../api/queries/groups.ts';
import type { Group as PermissionGroup } from '@keyward/sdk';
import { confirmDestructive } from '../confirm.tsx';
import { GroupFormModal } from '../components/groups/GroupFormModal.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useSession } from '../hooks/useSession.ts';
import { notifySuccess } from '../notify.ts';

const COLUMNS = ['Name', 'Description', 'Permissions', 'Actions'];

/** Permission groups: what users and keys may do, managed by name. */
export function GroupsPage() {
  const session = useSession();
  const canWrite = session.can('groups.write');
  const groups = useGroups();
  const remove = useDeleteGroup();
  const [form, setForm] = useState<{ group?: PermissionGroup } | null>(null);

  const askDelete = (group: PermissionGroup) =>
    confirmDestructive({
      title: 'Delete permission group',
      message: `Delete the group ${group.name}? The users and keys in it lose its permissions at once.`,
      confirmLabel: 'Delete group',
      onConfirm: () => remove.mutate(group.id, { onSuccess: () => notifySuccess(`Deleted ${group.name}.`) }),
    });

  return (
    <Stack gap="md">
      <PageHeader
        title="Permission groups"
        description="Bundles of permissions given to users and keys: Keyward's own management permissions and your APIs' permissions."
        actions={canWrite && <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setForm({})}>Create group</Button>}
      />
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={720} type="native" tabIndex={0} role="region" aria-label="Permission groups table">
          <Table striped highlightOnHover aria-label="Permission groups" aria-busy={groups.isFetching}>
            <Table.Thead>
              <Table.Tr>{COLUMNS.map((column) => <Table.Th key={column}>{column}</Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {!groups.data && Array.from({ length: 3 }, (_, row) => (
                <Table.Tr key={row}>{COLUMNS.map((column) => <Table.Td key={column}><Skeleton height={14} /></Table.Td>)}</Table.Tr>
              ))}
              {groups.data?.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={COLUMNS.length}>
                    <EmptyState py="xl" icon={<IconShieldLock size={28} aria-hidden />} withIndicatorBackground title="No permission groups yet" description="Create one, then give it to users and keys." />
                  </Table.Td>
                </Table.Tr>
              )}
              {groups.data?.map((group) => (
                <Table.Tr key={group.id}>
                  <Table.Td fw={500}>{group.name}</Table.Td>
                  <Table.Td>{group.description || <Text span size="sm" c="dimmed">None</Text>}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {group.permissions.length === 0 && <Text size="sm" c="dimmed" span>None</Text>}
                      {group.permissions.map((permission) => (
                        <Badge key={permission} variant="default" size="sm" tt="none" ff="monospace">{permission}</Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {canWrite && (
                      <Group gap={4} wrap="nowrap">
                        <Tooltip label="Edit">
                          <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${group.name}`} onClick={() => setForm({ group })}><IconPencil size={18} /></ActionIcon>
                        </Tooltip>
                        <Tooltip label="Delete">
                          <ActionIcon variant="subtle" color="red" aria-label={`Delete ${group.name}`} onClick={() => askDelete(group)}><IconTrash size={18} /></ActionIcon>
                        </Tooltip>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {form && <GroupFormModal group={form.group} onClose={() => setForm(null)} />}
    </Stack>
  );
}
