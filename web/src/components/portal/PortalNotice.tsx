import { Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';

type Props = { icon: ReactNode; title: string; children: ReactNode; actions?: ReactNode };

/** A whole page that says where the customer stands (the link expired, was used, she signed out) and what to do. */
export function PortalNotice({ icon, title, children, actions }: Props) {
  useDocumentTitle(title);
  return (
    <Stack align="center" gap="md" py="xl" ta="center" maw={560} mx="auto" role="status">
      <ThemeIcon size={56} radius="xl" variant="light" color="gray" aria-hidden>
        {icon}
      </ThemeIcon>
      <Title order={1} size="h2">{title}</Title>
      <Text component="div">{children}</Text>
      {actions}
    </Stack>
  );
}
