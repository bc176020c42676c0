import { AppShell, Burger, Button, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChartBar, IconChevronDown, IconClipboardList, IconFolders, IconId, IconKey, IconLogout, IconSettings, IconShieldLock, IconUserCircle, IconUsers, IconWebhook } from '@tabler/icons-react';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import { useSignOut } from '../api/queries/session.ts';
import { useSession } from '../hooks/useSession.ts';
import { PATHS } from '../paths.ts';
import { ThemeToggle } from './ThemeToggle.tsx';

const NAVIGATION = [
  { to: PATHS.keys, label: 'API Key Management', permission: 'keys.read', icon: IconKey },
  { to: PATHS.usage, label: 'Usage', permission: 'keys.read', icon: IconChartBar },
  { to: PATHS.identities, label: 'Identities', permission: 'identities.read', icon: IconId },
  { to: PATHS.users, label: 'Users', permission: 'users.read', icon: IconUsers },
  { to: PATHS.groups, label: 'Permission groups', permission: 'groups.read', icon: IconShieldLock },
  { to: PATHS.projects, label: 'Projects', permission: 'projects.read', icon: IconFolders },
  { to: PATHS.audit, label: 'Audit log', permission: 'audit.read', icon: IconClipboardList },
  { to: PATHS.webhooks, label: 'Webhooks', permission: 'webhooks.read', icon: IconWebhook },
  { to: PATHS.account, label: 'Your account', permission: undefined, icon: IconUserCircle },
];

/** The console's frame: header (theme, account, sign-out) and the Settings navigation. */
export function AppLayout() {
  const session = useSession();
  const signOut = useSignOut();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const links = NAVIGATION.filter((link) => link.permission === undefined || session.can(link.permission));

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 236, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} />
            <Text fw={700} size="lg" component="span">Keyward</Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ThemeToggle />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={`Account: ${session.user.username}`}>
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm" fw={500} truncate maw={140}>{session.user.username}</Text>
                    <IconChevronDown size={14} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Signed in as {session.user.username} ({session.user.role})</Menu.Label>
                <Menu.Item leftSection={<IconUserCircle size={16} />} component={RouterLink} to={PATHS.account}>
                  Your account
                </Menu.Item>
                <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => signOut.mutate()}>
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          {/* A small offset: "API Key Management" stays on one line at the navigation's width. */}
          <NavLink label="Settings" leftSection={<IconSettings size={18} aria-hidden />} defaultOpened childrenOffset={6} component="button">
            {links.map((link) => (
              <NavLink
                key={link.to}
                component={RouterLink}
                to={link.to}
                label={link.label}
                leftSection={<link.icon size={18} aria-hidden />}
                active={location.pathname === link.to || location.pathname.startsWith(`${link.to}/`)}
                styles={{ label: { whiteSpace: 'nowrap' } }}
                onClick={close}
              />
            ))}
          </NavLink>
        </AppShell.Section>
        <AppShell.Section hiddenFrom="sm">
          <Button variant="subtle" fullWidth leftSection={<IconLogout size={16} />} onClick={() => signOut.mutate()}>
            Sign out
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
