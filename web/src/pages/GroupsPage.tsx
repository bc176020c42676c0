import { Badge, Group, Stack, Text } from '@mantine/core';
import type { Group as PermissionGroup } from '@keyward/sdk';
import { IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useDeleteGroup, useGroups } from '../api/queries/groups.ts';
import { confirmDestructive } from '../confirm.tsx';
import { GroupFormModal } from '../components/groups/GroupFormModal.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { DataTable, type Column } from '../components/table/DataTable.tsx';
import { useSession } from '../hooks/useSession.ts';
import { notifySuccess } from '../notify.ts';
import { deleteAction, editAction } from '../components/table/RowActionsMenu.tsx';
import { CreateButton } from '../components/CreateButton.tsx';

const COLUMNS: Column<PermissionGroup>[] = [
  { header: 'Name', cell: (group) => <Text size="sm" fw={500}>{group.name}</Text> },
  { header: 'Description', cell: (group) => group.description || <Text span size="sm" c="dimmed">None</Text> },
  {
    header: 'Permissions',
    cell: (group) => (
      <Group gap={4}>
        {group.permissions.length === 0 && <Text size="sm" c="dimmed" span>None</Text>}
        {group.permissions.map((permission) => <Badge key={permission} variant="default" size="sm" tt="none" ff="monospace">{permission}</Badge>)}
      </Group>
    ),
  },
];

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
        actions={canWrite && <CreateButton label="Create group" onClick={() => setForm({})} />}
      />
      <DataTable
        label="Permission groups"
        columns={COLUMNS}
        rows={groups.data}
        rowKey={(group) => group.id}
        rowName={(group) => group.name}
        actions={canWrite ? (group) => [
          editAction(() => setForm({ group })),
          deleteAction(() => askDelete(group)),
        ] : undefined}
        loading={groups.isFetching}
        minWidth={640}
        cardsOnPhone
        empty={{ icon: <IconShieldLock size={28} aria-hidden />, title: 'No permission groups yet', description: 'Create one, then give it to users and keys.' }}
      />
      {form && <GroupFormModal group={form.group} onClose={() => setForm(null)} />}
    </Stack>
  );
}
