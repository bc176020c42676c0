import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useEndOtherSessions } from '../api/queries/account.ts';
import { ChangePasswordForm } from '../components/account/ChangePasswordForm.tsx';
import { Detail } from '../components/Detail.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { confirmDestructive } from '../confirm.tsx';
import { useSession } from '../hooks/useSession.ts';
import { notifySuccess } from '../notify.ts';

/** Your account: who you are signed in as, your password, and your other sessions. */
export function AccountPage() {
  const session = useSession();
  const endOthers = useEndOtherSessions();
  const askEndOthers = () =>
    confirmDestructive({
      title: 'Sign out your other sessions',
      message: 'Every other browser signed in as you is signed out now; this one stays signed in.',
      confirmLabel: 'Sign them out',
      onConfirm: () => endOthers.mutate(undefined, { onSuccess: () => notifySuccess('Your other sessions were signed out.') }),
    });

  return (
    <Stack gap="md">
      <PageHeader title="Your account" description="Who you are signed in as, your password and your sessions." />
      <Paper withBorder p="md" radius="md">
        <SimpleGrid component="dl" cols={{ base: 1, sm: 3 }} spacing="md" m={0}>
          <Detail label="Username">{session.user.username}</Detail>
          <Detail label="Role">{session.user.role === 'admin' ? 'Admin: everything, every key' : 'Member: what your groups grant'}</Detail>
          <Detail label="Permissions">
            <Group gap={4} component="span">
              {session.permissions.map((permission) => <Badge key={permission} variant="default" size="sm" tt="none" ff="monospace">{permission}</Badge>)}
            </Group>
          </Detail>
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="xs">Password</Title>
        <Text size="sm" c="dimmed" mb="sm">Changing it signs out every other session of yours.</Text>
        <ChangePasswordForm />
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="xs">Other sessions</Title>
        <Text size="sm" c="dimmed" mb="sm">Signed in somewhere you no longer are (a shared or lost computer)? Sign those sessions out.</Text>
        <Button variant="outline" color="red" leftSection={<IconLogout size={16} aria-hidden />} onClick={askEndOthers} loading={endOthers.isPending}>
          Sign out my other sessions
        </Button>
      </Paper>
    </Stack>
  );
}
