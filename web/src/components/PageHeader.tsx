import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

type Props = {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Pages between Settings and this one (a key's page: API Key Management). */
  trail?: { label: string; to: string }[];
};

/** A page's breadcrumb (Settings → …), title, one-line description and main actions. */
export function PageHeader({ title, description, actions, trail = [] }: Props) {
  return (
    <Stack gap="xs" mb="md">
      <Breadcrumbs aria-label="Breadcrumb">
        <Text size="sm" c="dimmed">Settings</Text>
        {trail.map((step) => (
          <Anchor key={step.to} component={Link} to={step.to} size="sm">{step.label}</Anchor>
        ))}
        <Anchor size="sm" aria-current="page" underline="never" c="dimmed" component="span">{title}</Anchor>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>{title}</Title>
          {description && <Text c="dimmed" size="sm" component="div">{description}</Text>}
        </Stack>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
    </Stack>
  );
}
