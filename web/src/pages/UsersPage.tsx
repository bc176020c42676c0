import { ActionIcon, Badge, Button, Checkbox, EmptyState, Group, Paper, Skeleton, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPencil, IconPlus, IconSearch, IconTrash, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useDeleteUser, useSetUserActive, useUsersPage } from '../api/queries/users.ts';
import type { User } from '@keyward/sdk';
import { confirmDestructive } from '../confirm.tsx';
import { CursorPagination } from '../components/CursorPagination.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { UserFormModal } from '../components/users/UserFormModal.tsx';
import { useCursorPages } from '../hooks/useCursorPages.ts';
import { useSession } from '../hooks/useSession.ts';
import { exactTime, formatDateTime } from '../model/format.ts';
import { DEFAULT_PAGE_SIZE } from '../model/paging.ts';
import { notifySuccess } from '../notify.ts';

const COLUMNS = ['Username', 'Role', 'Permission groups', 'Status', 'Created', 'Actions'];

/** Users: search, create with role and groups, edit, deactivate and delete. */
export function UsersPage() {
  const session = useSession();
  const canWrite = session.can('users.write');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const pages = useCursorPages(`${q}|${limit}`);
  const users = useUsersPage({ q: q || undefined, limit, cursor: pages.cursor });
  // While another page loads, the shown one keeps its own numbers.
  const shownPage = users.data ? pages.indexOf(users.data.cursor) : pages.pageIndex;
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

  const askDelete = (user: User) => {
    let force = false;
    confirmDestructive({
      title: 'Delete user',
      message: (
        <Stack gap="sm">
          <Text size="sm">Delete the user <b>{user.username}</b>? This cannot be undone.</Text>
          <Checkbox label="Also delete the keys they own (otherwise a user with keys is not deleted)" onChange={(event) => (force = event.currentTarget.checked)} />
        </Stack>
      ),
      confirmLabel: 'Delete user',
      onConfirm: () => remove.mutate({ id: user.id, force }, { onSuccess: () => notifySuccess(`Deleted ${user.username}.`) }),
    });
  };

  return (
    <Stack gap="md">
      <PageHeader
        title="Users"
        description="The people who sign in to Keyward. Admins can do everything; members hold what their permission groups grant."
        actions={canWrite && <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setForm({})}>Create user</Button>}
      />
      <TextInput
        label="Search users"
        placeholder="Part of the username"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={360}
      />
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={760} type="native" tabIndex={0} role="region" aria-label="Users table">
          <Table striped highlightOnHover aria-label="Users" aria-busy={users.isFetching}>
            <Table.Thead>
              <Table.Tr>{COLUMNS.map((column) => <Table.Th key={column}>{column}</Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {!users.data && Array.from({ length: 3 }, (_, row) => (
                <Table.Tr key={row}>{COLUMNS.map((column) => <Table.Td key={column}><Skeleton height={14} /></Table.Td>)}</Table.Tr>
              ))}
              {users.data?.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={COLUMNS.length}>
                    <EmptyState py="xl" icon={<IconUsers size={28} aria-hidden />} withIndicatorBackground title={q ? 'No user matches' : 'No users'} description={q ? 'Try another part of the username.' : undefined} />
                  </Table.Td>
                </Table.Tr>
              )}
              {users.data?.items.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td fw={500}>{user.username}{user.id === session.user.id && <Text span size="sm" c="dimmed"> (you)</Text>}</Table.Td>
                  <Table.Td><Badge variant="default" tt="none">{user.role === 'admin' ? 'Admin' : 'Member'}</Badge></Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {user.role === 'admin' && <Text size="sm" c="dimmed" span>All permissions</Text>}
                      {user.groups.map((group) => <Badge key={group.id} variant="default" size="sm" tt="none">{group.name}</Badge>)}
                    </Group>
                  </Table.Td>
                  <Table.Td><Badge variant="dot" color={user.active ? 'teal' : 'gray'} tt="none">{user.active ? 'Active' : 'Inactive'}</Badge></Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Tooltip label={exactTime(user.createdAt)}><time dateTime={user.createdAt}>{formatDateTime(user.createdAt)}</time></Tooltip>
                  </Table.Td>
                  <Table.Td>
                    {canWrite && (
                      <Group gap={4} wrap="nowrap">
                        <Tooltip label="Edit">
                          <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${user.username}`} onClick={() => setForm({ user })}><IconPencil size={18} /></ActionIcon>
                        </Tooltip>
                        <Button size="compact-xs" variant="outline" color={user.active ? 'red' : 'teal'} onClick={() => toggleActive(user)} aria-label={`${user.active ? 'Deactivate' : 'Activate'} ${user.username}`}>
                          {user.active ? 'Deactivate' : 'Activate'}
                        </Button>
                        <Tooltip label="Delete">
                          <ActionIcon variant="subtle" color="red" aria-label={`Delete ${user.username}`} onClick={() => askDelete(user)}><IconTrash size={18} /></ActionIcon>
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
      <CursorPagination
        noun="users"
        pageIndex={shownPage}
        busy={users.isPlaceholderData}
        limit={limit}
        total={users.data?.total}
        shown={users.data?.items.length ?? 0}
        hasNext={Boolean(users.data?.nextCursor)}
        onPrevious={pages.previous}
        onNext={() => users.data?.nextCursor && pages.next(users.data.nextCursor)}
        onLimitChange={setLimit}
      />
      {form && <UserFormModal user={form.user} onClose={() => setForm(null)} />}
    </Stack>
  );
}
