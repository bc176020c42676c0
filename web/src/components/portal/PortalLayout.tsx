import { Anchor, Box, Button, Container, Group } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ThemeToggle } from '../ThemeToggle.tsx';

type Props = {
  /** The host application the customer came from (the link's returnUrl). */
  back: { href: string; host: string } | undefined;
  /** Ends the portal session; left out once it has ended. */
  onSignOut?: () => void;
  signingOut?: boolean;
  children: ReactNode;
};

/**
 * The portal's frame: the way back to the host application, the theme and sign-out, over the
 * page. Nothing of the console (no navigation, no account): the customer reaches her keys only.
 */
export function PortalLayout({ back, onSignOut, signingOut, children }: Props) {
  return (
    <>
      <Box component="header" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Container size="lg">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            {back ? (
              // _top: the host application may show this page in a frame; back means its whole window.
              <Anchor href={back.href} target="_top" size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                <Group gap={4} wrap="nowrap" component="span">
                  <IconArrowLeft size={16} aria-hidden style={{ flexShrink: 0 }} />
                  <span>Back to {back.host}</span>
                </Group>
              </Anchor>
            ) : (
              <span />
            )}
            <Group gap="xs" wrap="nowrap">
              <ThemeToggle />
              {onSignOut && (
                <Button variant="default" onClick={onSignOut} loading={signingOut}>Sign out</Button>
              )}
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size="lg" component="main" py="lg">
        {children}
      </Container>
    </>
  );
}
