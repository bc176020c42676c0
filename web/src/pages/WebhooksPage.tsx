import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { Webhook } from '@keyward/sdk';
import { IconWebhook } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useKeyProjectNames } from '../api/queries/keys.ts';
import { useProjects } from '../api/queries/projects.ts';
import { useWebhooksPage } from '../api/queries/webhooks.ts';
import { DateText } from '../components/DateText.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { DataTable, type Column } from '../components/table/DataTable.tsx';
import { SecretModal } from '../components/webhooks/SecretModal.tsx';
import { WebhookFormModal } from '../components/webhooks/WebhookFormModal.tsx';
import { useCursorPages } from '../hooks/useCursorPages.ts';
import { useSession } from '../hooks/useSession.ts';
import { useWebhookActions } from '../hooks/useWebhookActions.tsx';
import { DEFAULT_PAGE_SIZE } from '../model/paging.ts';
import { webhookPath } from '../paths.ts';
import { CreateButton } from '../components/CreateButton.tsx';

function columns(projectName: (id: string | null) => string): Column<Webhook>[] {
  return [
    {
      header: 'URL',
      cell: (webhook) => (
        <Stack gap={2}>
          <Anchor component={Link} to={webhookPath(webhook.id)} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>{webhook.url}</Anchor>
          {webhook.description && <Text size="xs" c="dimmed" lineClamp={1}>{webhook.description}</Text>}
        </Stack>
      ),
      minWidth: 220,
    },
    { header: 'Events', cell: (webhook) => <Group gap={4}>{webhook.events.map((event) => <Badge key={event} variant="default" size="sm" tt="none" ff="monospace">{event}</Badge>)}</Group> },
    { header: 'Project', cell: (webhook) => projectName(webhook.projectId) },
    { header: 'Status', cell: (webhook) => <Badge variant="dot" color={webhook.enabled ? 'teal' : 'gray'} tt="none">{webhook.enabled ? 'Active' : 'Inactive'}</Badge> },
    { header: 'Created', cell: (webhook) => <DateText iso={webhook.createdAt} show="date" />, nowrap: true },
  ];
}

/** Webhooks: where key events (created, expiring, leaked…) are sent, signed, with their delivery logs. */
export function WebhooksPage() {
  const session = useSession();
  const canWrite = session.can('webhooks.write');
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const pages = useCursorPages(String(limit));
  const webhooks = useWebhooksPage({ limit, cursor: pages.cursor });
  const projects = useProjects(session.can('projects.read'));
  const projectNames = useKeyProjectNames(!session.can('projects.read') && session.can('keys.read'));
  const named = useMemo(() => projects.data ?? projectNames.data ?? [], [projects.data, projectNames.data]);
  const [form, setForm] = useState<{ webhook?: Webhook } | null>(null);
  const [secret, setSecret] = useState<{ value: string; title: string } | null>(null);
  const actions = useWebhookActions(canWrite, {
    onEdit: (webhook) => setForm({ webhook }),
    onSecret: (value) => setSecret({ value, title: 'Signing secret rotated' }),
  });
  const projectName = (id: string | null) => (id === null ? 'Every project' : named.find((project) => project.id === id)?.name ?? id);

  return (
    <Stack gap="md">
      <PageHeader
        title="Webhooks"
        description="Key events sent to your systems as signed POSTs, retried until they are taken, each delivery logged."
        actions={canWrite && <CreateButton label="Create webhook" onClick={() => setForm({})} />}
      />
      <DataTable
        label="Webhooks"
        columns={columns(projectName)}
        rows={webhooks.data?.items}
        rowKey={(webhook) => webhook.id}
        rowName={(webhook) => webhook.url}
        actions={actions}
        loading={webhooks.isFetching}
        minWidth={720}
        cardsOnPhone
        empty={{ icon: <IconWebhook size={28} aria-hidden />, title: 'No webhooks yet', description: 'Create one to hear of keys created, expiring, disabled or leaked as it happens.' }}
        paging={pages.pagingOf(webhooks, { limit, onLimitChange: setLimit, noun: { one: 'webhook', other: 'webhooks' } })}
      />
      {form && (
        <WebhookFormModal
          webhook={form.webhook}
          projects={named}
          onClose={() => setForm(null)}
          onCreated={(value) => setSecret({ value, title: 'Webhook created' })}
        />
      )}
      {secret && <SecretModal secret={secret.value} title={secret.title} onClose={() => setSecret(null)} />}
    </Stack>
  );
}
