import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { User } from '@keyward/sdk';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlayerPause, IconPlayerPlay, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useDeleteUser, useSetUserActive, useUsersPage } from '../api/queries/users.ts';
import { confirmDeleteWithForce, confirmDestructive } from '../confirm.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { DataTable, type Column } from '../components/table/DataTable.tsx';
import { UserFormModal } from '../components/users/UserFormModal.tsx';
import { useCursorPages } from '../hooks/useCursorPages.ts';
import { useSession } from '../hooks/useSession.ts';
import { exactTime, formatDateTime } from '../model/format.ts';
import { DEFAULT_PAGE_SIZE } from '../model/paging.ts';
import { notifySuccess } from '../notify.ts';
import { deleteAction, editAction } from '../components/table/RowActionsMenu.tsx';
import { CreateButton } from '../components/CreateButton.tsx';
import { SearchField } from '../components/SearchField.tsx';

function columns(myId: string): Column<User>[] {
  return [
    {
      header: 'Username',
      cell: (user) => <Text size="sm" fw={500}>{user.username}{user.id === myId && <Text span size="sm" c="dimmed"> (you)</Text>}</Text>,
    },
    { header: 'Role', cell: (user) => <Badge variant="default" tt="none">{user.role === 'admin' ? 'Admin' : 'Member'}</Badge> },
    {
      header: 'Permission groups',
      cell: (user) => (
        <Group gap={4}>
          {user.role === 'admin' && <Text size="sm" c="dimmed" span>All permissions</Text>}
          {user.groups.map((group) => <Badge key={group.id} variant="default" size="sm" tt="none">{group.name}</Badge>)}
        </Group>
      ),
    },
    { header: 'Status', cell: (user) => <Badge variant="dot" color={user.active ? 'teal' : 'gray'} tt="none">{user.active ? 'Active' : 'Inactive'}</Badge> },
    {
      header: 'Created',
      nowrap: true,
      cell: (user) => <Tooltip label={exactTime(user.createdAt)}><time dateTime={user.createdAt}>{formatDateTime(user.createdAt)}</time></Tooltip>,
    },
  ];
}

/** Users: search, create with role and groups, edit, deactivate and delete. */
export function UsersPage() {
  const session = useSession();
  const canWrite = session.can('users.write');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const pages = useCursorPages(`${q}|${limit}`);
  const users = useUsersPage({ q: q || undefined, limit, cursor: pages.cursor });
  const setActive = useSetUserActive();
  const remove = useDeleteUser();
  const [form, setForm] = useState<{ user?: User } | null>(null);

  const toggleActive = (user: User) => {
    const apply = () =>
      setActive.mutate({ id: user.id, active: !user.active }, { onSuccess: () => notifySuccess(`${user.username} is now ${user.active ? 'inactive' : 'active'}.`) });
    if (!user.active) return apply();
    confirmDestructive({
      title: 'Deactivate user',
      message: `Deactivate ${user.username}? They are signed out, cannot sign in, and the management keys they own stop working until they are activated again.`,
      confirmLabel: 'Deactivate',
      onConfirm: apply,
    });
  };

  const askDelete = (user: User) =>
    confirmDeleteWithForce({
      title: 'Delete user',
      question: <>Delete the user <b>{user.username}</b>? This cannot be undone.</>,
      forceLabel: 'Also delete the keys they own (otherwise a user with keys is not deleted)',
      confirmLabel: 'Delete user',
      onConfirm: (force) => remove.mutate({ id: user.id, force }, { onSuccess: () => notifySuccess(`Deleted ${user.username}.`) }),
    });

  return (
    <Stack gap="md">
      <PageHeader
        title="Users"
        description="The people who sign in to Keyward. Admins can do everything; members hold what their permission groups grant."
        actions={canWrite && <CreateButton label="Create user" onClick={() => setForm({})} />}
      />
      <SearchField label="Search users" placeholder="Part of the username" value={search} onChange={setSearch} maw={360} />
      <DataTable
        label="Users"
        columns={columns(session.user.id)}
        rows={users.data?.items}
        rowKey={(user) => user.id}
        rowName={(user) => user.username}
        actions={canWrite ? (user) => [
          editAction(() => setForm({ user })),
          user.active
            ? { label: 'Deactivate', icon: <IconPlayerPause size={16} aria-hidden />, onClick: () => toggleActive(user), danger: true }
            : { label: 'Activate', icon: <IconPlayerPlay size={16} aria-hidden />, onClick: () => toggleActive(user) },
          deleteAction(() => askDelete(user)),
        ] : undefined}
        loading={users.isFetching}
        minWidth={700}
        cardsOnPhone
        empty={{ icon: <IconUsers size={28} aria-hidden />, title: q ? 'No user matches' : 'No users', description: q ? 'Try another part of the username.' : undefined }}
        paging={pages.pagingOf(users, { limit, onLimitChange: setLimit, noun: { one: 'user', other: 'users' } })}
      />
      {form && <UserFormModal user={form.user} onClose={() => setForm(null)} />}
    </Stack>
  );
}
