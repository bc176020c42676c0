import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A page's breadcrumb (Settings → …), title, one-line description and main actions. */
export function PageHeader(props: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <Stack gap="xs" mb="md">
      <Breadcrumbs aria-label="Breadcrumb">
        <Text size="sm" c="dimmed">Settings</Text>
        <Anchor size="sm" aria-current="page" underline="never" c="dimmed" component="span">{props.title}</Anchor>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2}>
          <Title order={1} size="h2">{props.title}</Title>
          {props.description && <Text c="dimmed" size="sm">{props.description}</Text>}
        </Stack>
        {props.actions && <Group gap="xs">{props.actions}</Group>}
      </Group>
    </Stack>
  );
}
